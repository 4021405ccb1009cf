import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, validPhotos } from '../corpus';
import { decodeBmp, isBmp } from './bmp';
import { nameColour } from './colour-names';
import { registerCorpusLabels } from './corpus-labels';
import { startDouble, type InferenceDouble } from './server';
import { askAbout, entityOf, solidImage } from './test-helpers';

let double: InferenceDouble;
beforeAll(async () => {
  double = await startDouble('lmstudio', { labelCorpus: true });
});
afterAll(() => double.close());

/** A corpus photo as a careful client sends it: decoded (BMP too), turned upright per EXIF, re-encoded. */
async function uprightPipeline(file: string) {
  const bytes = await readFile(file);
  if (isBmp(bytes)) {
    const raw = decodeBmp(bytes);
    return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  }
  return sharp(bytes).rotate();
}

describe('answers derived from the image', () => {
  it.each(validPhotos().map((photo) => [photo.file, photo] as const))(
    'recognises %s sent as a re-encoded upright PNG and as a smaller JPEG',
    async (_file, photo) => {
      const png = await (await uprightPipeline(photo.absolutePath)).png().toBuffer();
      expect(entityOf(await askAbout(double, png))).toBe(photo.label);
      const jpeg = await sharp(png)
        .resize({ width: Math.round(photo.width * 0.6) })
        .jpeg({ quality: 70 })
        .toBuffer();
      expect(entityOf(await askAbout(double, jpeg, 'image/jpeg'))).toBe(photo.label);
    },
  );

  it('does not recognise the EXIF-rotated hopper photo when it is sent sideways, as stored', async () => {
    const stored = await readFile(path.join(CORPUS_DIR, 'valid/hopper_exif_orientation6.jpg'));
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    expect(entityOf(await askAbout(double, stored, 'image/jpeg'))).not.toBe('woman');
    expect(double.requests.at(-1)?.images[0]).toMatchObject({ mime: 'image/jpeg', orientation: 6 });

    const upright = await sharp(stored).rotate().jpeg().toBuffer();
    expect(entityOf(await askAbout(double, upright, 'image/jpeg'))).toBe('woman');
  });

  it('names the mean colour of an image that matches no reference', async () => {
    const colours: Record<string, string> = {
      '#ff0000': 'red',
      '#00c800': 'green',
      '#0000ff': 'blue',
      '#ffffff': 'white',
      '#000000': 'black',
      '#808080': 'gray',
      '#ffff00': 'yellow',
      '#ff8c00': 'orange',
      '#800080': 'purple',
    };
    for (const [hex, name] of Object.entries(colours)) {
      expect(entityOf(await askAbout(double, await solidImage(hex, 'jpeg'), 'image/jpeg'))).toBe(name);
    }
  });

  it('answers a label registered at runtime, from bytes or raw pixels, for its image only', async () => {
    const pattern = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#204080' } })
      .composite([{ input: await solidImage('#f0e040', 'png', 32, 64), left: 0, top: 0 }])
      .png()
      .toBuffer();
    const local = await startDouble('lmstudio');
    try {
      expect(entityOf(await askAbout(local, pattern))).not.toBe('banner');
      await local.registerLabel('banner', pattern);
      expect(entityOf(await askAbout(local, await sharp(pattern).resize(200, 200).jpeg().toBuffer(), 'image/jpeg'))).toBe('banner');
      const flipped = await sharp(pattern).flop().png().toBuffer();
      expect(entityOf(await askAbout(local, flipped))).not.toBe('banner');

      const { data, info } = await sharp(flipped).raw().toBuffer({ resolveWithObject: true });
      await local.registerLabel('flag', { data, width: info.width, height: info.height, channels: info.channels });
      expect(entityOf(await askAbout(local, flipped))).toBe('flag');
    } finally {
      await local.close();
    }
  });

  it('registerCorpusLabels registers the corpus on a double started without labels', async () => {
    const local = await startDouble('lmstudio');
    try {
      const puppies = await readFile(path.join(CORPUS_DIR, 'valid/puppies.jpg'));
      expect(entityOf(await askAbout(local, puppies, 'image/jpeg'))).not.toBe('dog');
      await registerCorpusLabels(local);
      expect(entityOf(await askAbout(local, puppies, 'image/jpeg'))).toBe('dog');
    } finally {
      await local.close();
    }
  });
});

describe('BMP and colour helpers', () => {
  it('decodes the 8-bit palette bird BMP to the size the manifest states', async () => {
    const raw = decodeBmp(await readFile(path.join(CORPUS_DIR, 'valid/bird_8bit_palette.bmp')));
    expect([raw.width, raw.height, raw.channels, raw.data.length]).toEqual([192, 144, 3, 192 * 144 * 3]);
  });

  it('decodes a 24-bit top-down BMP pixel for pixel', () => {
    const bmp = buildBmp24([
      [
        [255, 0, 0],
        [0, 255, 0],
      ],
      [
        [0, 0, 255],
        [255, 255, 255],
      ],
    ]);
    expect([...decodeBmp(bmp).data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
  });

  it('names colours by hue and lightness', () => {
    expect(nameColour([250, 5, 5])).toBe('red');
    expect(nameColour([30, 30, 200])).toBe('blue');
    expect(nameColour([120, 120, 125])).toBe('gray');
    expect(nameColour([255, 182, 193])).toBe('pink');
  });
});

/** A top-down (negative height) 24-bit BMP with 4-byte row padding. */
function buildBmp24(rows: Array<Array<[number, number, number]>>): Buffer {
  const width = rows[0]?.length ?? 0;
  const stride = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + stride * rows.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(-rows.length, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  const pixels = Buffer.alloc(stride * rows.length);
  rows.forEach((row, y) => row.forEach(([r, g, b], x) => pixels.set([b, g, r], y * stride + x * 3)));
  return Buffer.concat([header, pixels]);
}
