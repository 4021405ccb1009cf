import { readFile } from 'node:fs/promises';
import { corruptFiles, validPhotos } from '@vision/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError } from './image-error';
import { prepareImage } from './prepare-image';
import { probeImage } from './probe-image';
import { buildBlankBilevelPng, buildBmp, buildPng, createScratchDir, type ScratchDir } from './test-image-builders';

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await createScratchDir();
});
afterAll(() => scratch.remove());

/** Resolves to the ImageError's reason; fails the test if preparation succeeds or throws anything else. */
async function refusalReason(path: string, maxPixels?: number): Promise<string> {
  const error: unknown = await prepareImage(path, maxPixels === undefined ? { maxSide: 1024 } : { maxSide: 1024, maxPixels }).then(
    () => new Error('prepareImage succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImageError);
  return (error as ImageError).reason;
}

const photoPath = (name: string): string => validPhotos().find((entry) => entry.file.includes(name))?.absolutePath ?? '';

const PNGSUITE_REASONS: Record<string, string | RegExp> = {
  'xc1n0g08.png': 'corrupt PNG: invalid colour type 1',
  'xc9n2c08.png': 'corrupt PNG: invalid colour type 9',
  'xcrn0g04.png': 'corrupt PNG: bad signature',
  'xd0n2c08.png': 'corrupt PNG: invalid bit depth 0 for colour type 2',
  'xd3n2c08.png': 'corrupt PNG: invalid bit depth 3 for colour type 2',
  'xd9n2c08.png': 'corrupt PNG: invalid bit depth 99 for colour type 2',
  'xdtn0g01.png': /^corrupt PNG: ./,
  'xhdn0g08.png': 'corrupt PNG: IHDR checksum mismatch',
  'xlfn0g04.png': 'corrupt PNG: bad signature',
  'xs1n0g01.png': 'corrupt PNG: bad signature',
  'xs2n0g01.png': 'corrupt PNG: bad signature',
  'xs4n0g01.png': 'corrupt PNG: bad signature',
  'xs7n0g01.png': 'corrupt PNG: bad signature',
};

describe('prepareImage refuses the corrupt PngSuite files cleanly', () => {
  const files = corruptFiles().map((entry) => [entry.file.split('/').pop() ?? '', entry.absolutePath] as const);

  it('covers every corrupt file in the corpus', () => {
    expect(files.map(([name]) => name).sort()).toEqual([...Object.keys(PNGSUITE_REASONS), 'xcsn0g01.png'].sort());
  });

  it.each(files.filter(([name]) => name !== 'xcsn0g01.png'))('refuses %s with the reason', async (name, path) => {
    expect(await refusalReason(path)).toMatch(PNGSUITE_REASONS[name] ?? /^$/);
  });

  it('refuses xcsn0g01.png (bad IDAT checksum) as corrupt: failOn "error" does not let libpng ignore the checksum', async () => {
    const path = files.find(([name]) => name === 'xcsn0g01.png')?.[1] ?? '';
    expect(await refusalReason(path)).toMatch(/^corrupt PNG: /);
  });
});

describe('prepareImage refuses hostile and unsupported files by their bytes', () => {
  it.each<[string, string | Uint8Array, string]>([
    ['empty.jpg', '', 'empty file'],
    ['notes.png', 'These are my holiday notes, not a picture.', 'not an image (unrecognised format)'],
    ['page.jpg', '<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>', 'HTML is not an image'],
    [
      'drawing.png',
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/steal")</script></svg>',
      'SVG is not supported',
    ],
    ['scan.jpg', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n', 'PDF is not supported'],
    ['photos.png', Buffer.from('504b0304140000000800', 'hex'), 'ZIP archives are not supported'],
    [
      'phone.jpg',
      Buffer.concat([Buffer.from('00000018667479706865696300000000', 'hex'), Buffer.from('mif1heic')]),
      'HEIC is not supported',
    ],
  ])('refuses %s', async (name, content, reason) => {
    expect(await refusalReason(await scratch.write(name, content))).toBe(reason);
  });

  it('refuses a real TIFF even though sharp could decode it', async () => {
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .tiff()
      .toBuffer();
    expect(await refusalReason(await scratch.write('scan.tiff.jpg', tiff))).toBe('TIFF is not supported');
  });

  it('refuses a baseline JPEG cut in half instead of sending a half-grey picture', async () => {
    const jpeg = await readFile(photoPath('airplane'));
    const reason = await refusalReason(await scratch.write('half-airplane.jpg', jpeg.subarray(0, jpeg.length >> 1)));
    expect(reason).toBe('corrupt JPEG: premature end of JPEG image');
  });

  it('refuses a progressive JPEG cut in half', async () => {
    const jpeg = await readFile(photoPath('puppies'));
    expect(await refusalReason(await scratch.write('half-puppies.jpg', jpeg.subarray(0, jpeg.length >> 1)))).toMatch(/^corrupt JPEG: /);
  });

  it('refuses a PNG cut short in its pixel data', async () => {
    const noise = Buffer.alloc(64 * 64 * 3).map((_, i) => (i * 7919) % 251);
    const png = await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
      .png()
      .toBuffer();
    expect(await refusalReason(await scratch.write('cut.png', png.subarray(0, png.length >> 1)))).toMatch(/^corrupt PNG: /);
  });

  it('refuses a GIF whose header is followed by garbage', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([8, 0, 8, 0, 0, 0, 0]), Buffer.alloc(40, 0x55)]);
    expect(await refusalReason(await scratch.write('garbage.gif', gif))).toMatch(/^corrupt GIF: /);
  });
});

describe('prepareImage refuses oversized images from the header, before decoding', () => {
  it('refuses a real 30000×30000 PNG from its header', async () => {
    const path = await scratch.write('huge.png', buildBlankBilevelPng(30_000, 30_000));
    expect(await refusalReason(path)).toBe('image is 30000×30000 (900 MP), above the 100 MP limit');
  });

  it('refuses a PNG whose IHDR claims 65535×65535 over a tiny IDAT', async () => {
    const path = await scratch.write('claim.png', buildPng({ width: 65_535, height: 65_535, bitDepth: 8, colourType: 2 }));
    expect(await refusalReason(path)).toBe('image is 65535×65535 (4295 MP), above the 100 MP limit');
  });

  it('refuses a BMP whose header claims 20000×20000 without reading its pixels', async () => {
    const header = buildBmp({ width: 1, height: 1, bitsPerPixel: 24, pixel: () => [0, 0, 0] });
    header.writeInt32LE(20_000, 18);
    header.writeInt32LE(-20_000, 22);
    expect(await refusalReason(await scratch.write('claim.bmp', header))).toBe('image is 20000×20000 (400 MP), above the 100 MP limit');
  });

  it('refuses a JPEG whose frame header claims 60000×60000', async () => {
    const sof = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
    );
    const frameHeader = sof.indexOf(Buffer.from([0xff, 0xc0]));
    sof.writeUInt16BE(60_000, frameHeader + 5);
    sof.writeUInt16BE(60_000, frameHeader + 7);
    expect(await probeImage(await scratch.write('claim-probe.jpg', sof))).toMatchObject({ format: 'jpeg', width: 60_000, height: 60_000 });
    expect(await refusalReason(await scratch.write('claim.jpg', sof))).toBe('image is 60000×60000 (3600 MP), above the 100 MP limit');
  });

  it('refuses a JPEG claiming 65535×65535, more than any JPEG decoder takes, by its size', async () => {
    const jpeg = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .withExif({ IFD0: { ImageDescription: 'x'.repeat(5000) } })
        .jpeg()
        .toBuffer(),
    );
    const frameHeader = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(65_535, frameHeader + 5);
    jpeg.writeUInt16BE(65_535, frameHeader + 7);
    expect(await refusalReason(await scratch.write('claim-65535.jpg', jpeg))).toBe(
      'image is 65535×65535 (4295 MP), above the 100 MP limit',
    );
  });

  it('applies a caller-chosen maxPixels', async () => {
    const png = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const path = await scratch.write('one-mp.png', png);
    expect(await refusalReason(path, 500_000)).toBe('image is 1000×1000 (1 MP), above the 0.5 MP limit');
    await expect(prepareImage(path, { maxSide: 0, maxPixels: 1_000_000 })).resolves.toMatchObject({ width: 1000, height: 1000 });
  });
});
