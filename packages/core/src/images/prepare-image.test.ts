import { readFile } from 'node:fs/promises';
import { validPhotos } from '@vision/testkit';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SENT_PIXELS } from './image-format';
import { outputSize, prepareImage } from './prepare-image';
import { sniffImage } from './sniff';
import { buildBmp, createScratchDir, decodePixels, isNear, type Rgb, type ScratchDir } from './test-image-builders';

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const WHITE: Rgb = [255, 255, 255];
const MANIFEST_FORMATS: Record<string, string> = { JPEG: 'jpeg', PNG: 'png', GIF: 'gif', BMP: 'bmp', WEBP: 'webp' };

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await createScratchDir();
});
afterAll(() => scratch.remove());

function solid(width: number, height: number, colour: Rgb): Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } });
}

/** Two frames of `size`x`size`, the first red and the second blue, for GIF and WebP animations. */
function redThenBlueFrames(size: number): Sharp {
  const frame = (colour: Rgb) => Buffer.alloc(size * size * 3).map((_, i) => colour[i % 3] ?? 0);
  return sharp(Buffer.concat([frame(RED), frame(BLUE)]), { raw: { width: size, height: size * 2, channels: 3, pageHeight: size } });
}

describe('prepareImage on the corpus photos', () => {
  it.each(validPhotos().map((entry) => [entry.file, entry] as const))(
    'prepares %s as an sRGB JPEG within maxSide',
    async (_file, entry) => {
      const prepared = await prepareImage(entry.absolutePath, { maxSide: 256 });
      expect(prepared.sourceFormat).toBe(MANIFEST_FORMATS[entry.format]);
      expect([prepared.sourceWidth, prepared.sourceHeight]).toEqual([entry.width, entry.height]);
      expect(prepared.mime).toBe('image/jpeg');
      expect(sniffImage(prepared.data)).toEqual({ ok: true, format: 'jpeg' });
      expect(prepared.bytes).toBe(prepared.data.length);
      expect(Math.max(prepared.width, prepared.height)).toBe(Math.min(256, Math.max(entry.width, entry.height)));
      expect(prepared.width / prepared.height).toBeCloseTo(entry.width / entry.height, 1);
      const metadata = await sharp(prepared.data).metadata();
      expect({ space: metadata.space, channels: metadata.channels, depth: metadata.depth }).toEqual({
        space: 'srgb',
        channels: 3,
        depth: 'uchar',
      });
      expect([metadata.width, metadata.height]).toEqual([prepared.width, prepared.height]);
    },
  );

  it('drops the 500 KB ICC profile of the beach photo instead of sending it to the model', async () => {
    const beach = validPhotos().find((entry) => entry.file.includes('beach'));
    const prepared = await prepareImage(beach?.absolutePath ?? '', { maxSide: 0 });
    const metadata = await sharp(prepared.data).metadata();
    expect(metadata.icc).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
    expect(prepared.bytes).toBeLessThan(100_000);
  });
});

describe('prepareImage on generated images', () => {
  it('converts a GIF to a JPEG of the same colour', async () => {
    const file = await scratch.write('plain.gif', await solid(20, 10, BLUE).gif().toBuffer());
    const prepared = await prepareImage(file, { maxSide: 1024 });
    expect([prepared.sourceFormat, prepared.width, prepared.height]).toEqual(['gif', 20, 10]);
    expect((await decodePixels(prepared.data)).at(10, 5)).toSatisfy((pixel: number[]) => isNear(pixel, BLUE));
  });

  it.each(['gif', 'webp'] as const)('keeps only the first frame of an animated %s', async (format) => {
    const animation = redThenBlueFrames(16);
    const encoded = format === 'gif' ? await animation.gif().toBuffer() : await animation.webp({ lossless: true }).toBuffer();
    expect((await sharp(encoded).metadata()).pages).toBe(2);
    const prepared = await prepareImage(await scratch.write(`animated.${format}`, encoded), { maxSide: 1024 });
    expect([prepared.width, prepared.height]).toEqual([16, 16]);
    const pixels = await decodePixels(prepared.data);
    expect(pixels.at(8, 8)).toSatisfy((pixel: number[]) => isNear(pixel, RED));
  });

  it('downscales a 12 MP JPEG to 1024 px on the longest side', async () => {
    const file = await scratch.write('12mp.jpg', await solid(4000, 3000, [90, 140, 200]).jpeg().toBuffer());
    const prepared = await prepareImage(file, { maxSide: 1024 });
    expect([prepared.width, prepared.height, prepared.sourceWidth, prepared.sourceHeight]).toEqual([1024, 768, 4000, 3000]);
  });

  it('never enlarges an image smaller than maxSide', async () => {
    const prepared = await prepareImage(await scratch.write('small.png', await solid(50, 30, RED).png().toBuffer()), { maxSide: 1024 });
    expect([prepared.width, prepared.height]).toEqual([50, 30]);
  });

  it('keeps the original size when maxSide is 0', async () => {
    const file = await scratch.write('keep.jpg', await solid(1500, 1100, RED).jpeg().toBuffer());
    const prepared = await prepareImage(file, { maxSide: 0 });
    expect([prepared.width, prepared.height]).toEqual([1500, 1100]);
  });

  it('stays within LM Studio’s 26,214,400-pixel ceiling even when maxSide is 0', async () => {
    // 13000x2100 = 27.3 MP: over the ceiling, cheap to make because it is flat.
    const file = await scratch.write('wide.png', await solid(13_000, 2100, WHITE).png({ compressionLevel: 1 }).toBuffer());
    const prepared = await prepareImage(file, { maxSide: 0 });
    expect(prepared.width * prepared.height).toBeLessThanOrEqual(MAX_SENT_PIXELS);
    expect(prepared.width).toBeGreaterThan(12_000);
    expect(prepared.width / prepared.height).toBeCloseTo(13_000 / 2100, 1);
  });

  it('flattens transparent pixels onto white', async () => {
    // Left half fully transparent black, right half opaque black.
    const rgba = Buffer.alloc(20 * 10 * 4);
    for (let y = 0; y < 10; y++) for (let x = 10; x < 20; x++) rgba[(y * 20 + x) * 4 + 3] = 255;
    const file = await scratch.write(
      'alpha.png',
      await sharp(rgba, { raw: { width: 20, height: 10, channels: 4 } })
        .png()
        .toBuffer(),
    );
    const pixels = await decodePixels((await prepareImage(file, { maxSide: 0 })).data);
    expect(pixels.channels).toBe(3);
    expect(pixels.at(2, 5)).toSatisfy((pixel: number[]) => isNear(pixel, WHITE, 8));
    expect(pixels.at(17, 5)).toSatisfy((pixel: number[]) => isNear(pixel, [0, 0, 0], 8));
  });

  it('turns a greyscale PNG into a 3-channel JPEG of the same grey', async () => {
    const grey = await solid(16, 16, [128, 128, 128]).toColourspace('b-w').png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const pixels = await decodePixels((await prepareImage(await scratch.write('grey.png', grey), { maxSide: 0 })).data);
    expect(pixels.channels).toBe(3);
    expect(pixels.at(8, 8)).toSatisfy((pixel: number[]) => isNear(pixel, [128, 128, 128], 4));
  });

  it('converts a CMYK JPEG to sRGB with its colour intact', async () => {
    const cmyk = await solid(16, 16, RED).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const prepared = await prepareImage(await scratch.write('cmyk.jpg', cmyk), { maxSide: 0 });
    expect((await sharp(prepared.data).metadata()).space).toBe('srgb');
    const [r = 0, g = 0, b = 0] = (await decodePixels(prepared.data)).at(8, 8);
    expect(r).toBeGreaterThan(180);
    expect(Math.max(g, b)).toBeLessThan(60);
  });

  it('reduces a 16-bit PNG to 8 bits per channel', async () => {
    const deep = await solid(16, 16, [0, 128, 255]).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const prepared = await prepareImage(await scratch.write('deep.png', deep), { maxSide: 0 });
    expect((await sharp(prepared.data).metadata()).depth).toBe('uchar');
    expect((await decodePixels(prepared.data)).at(8, 8)).toSatisfy((pixel: number[]) => isNear(pixel, [0, 128, 255]));
  });

  it('prepares a hand-made 8-bit palette BMP with its colours in the right places', async () => {
    const palette: Rgb[] = [RED, [0, 255, 0], BLUE, WHITE];
    // Quadrants: red top-left, green top-right, blue bottom-left, white bottom-right.
    const bmp = buildBmp({ width: 40, height: 30, bitsPerPixel: 8, palette, pixel: (x, y) => (x < 20 ? 0 : 1) + (y < 15 ? 0 : 2) });
    const prepared = await prepareImage(await scratch.write('quadrants.bmp', bmp), { maxSide: 0 });
    expect([prepared.sourceFormat, prepared.width, prepared.height]).toEqual(['bmp', 40, 30]);
    const pixels = await decodePixels(prepared.data);
    const corners = [pixels.at(5, 5), pixels.at(35, 5), pixels.at(5, 25), pixels.at(35, 25)];
    corners.forEach((pixel, i) => expect(isNear(pixel, palette[i] ?? [])).toBe(true));
  });

  it('prepares the corpus bird BMP with the colours its pixel rows hold', async () => {
    const bird = validPhotos().find((entry) => entry.format === 'BMP');
    const prepared = await prepareImage(bird?.absolutePath ?? '', { maxSide: 0 });
    const file = await readFile(bird?.absolutePath ?? '');
    // Reference: rows read by hand from the 24-bit bottom-up file.
    const rowBytes = Math.ceil((192 * 3) / 4) * 4;
    const pixels = await decodePixels(prepared.data);
    for (const [x, y] of [
      [20, 20],
      [96, 72],
      [170, 120],
    ] as const) {
      const at = 54 + (143 - y) * rowBytes + x * 3;
      expect(pixels.at(x, y)).toSatisfy((pixel: number[]) => isNear(pixel, [file[at + 2] ?? 0, file[at + 1] ?? 0, file[at] ?? 0], 40));
    }
  });

  it('rejects options that are not whole numbers', async () => {
    await expect(prepareImage('unused.png', { maxSide: -1 })).rejects.toThrow(RangeError);
    await expect(prepareImage('unused.png', { maxSide: 10, maxPixels: 0 })).rejects.toThrow(RangeError);
  });
});

describe('outputSize', () => {
  it('fits the longest side to exactly maxSide, keeping the aspect ratio', () => {
    expect(outputSize({ width: 3000, height: 4000 }, 1024)).toEqual({ width: 768, height: 1024 });
    expect(outputSize({ width: 800, height: 531 }, 256)).toEqual({ width: 256, height: 170 });
  });

  it('returns null when the image already fits', () => {
    expect(outputSize({ width: 800, height: 600 }, 1024)).toBeNull();
    expect(outputSize({ width: 5120, height: 5120 }, 0)).toBeNull();
  });

  it('applies the pixel ceiling when maxSide is 0, and when maxSide is too generous', () => {
    for (const [width, height, maxSide] of [
      [8000, 6000, 0],
      [6001, 4999, 0],
      [7000, 7000, 6000],
      [100_000, 300, 0],
    ] as const) {
      const size = outputSize({ width, height }, maxSide);
      expect((size?.width ?? 0) * (size?.height ?? 0)).toBeLessThanOrEqual(MAX_SENT_PIXELS);
      expect((size?.width ?? 0) * (size?.height ?? 0)).toBeGreaterThan(MAX_SENT_PIXELS * 0.99);
      expect((size?.width ?? 0) / (size?.height ?? 1) / (width / height)).toBeCloseTo(1, 2);
    }
  });
});
