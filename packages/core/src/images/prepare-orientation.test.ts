import { validPhotos } from '@vision/testkit';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImage } from './prepare-image';
import { createScratchDir, decodePixels, isNear, type Rgb, type ScratchDir } from './test-image-builders';

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await createScratchDir();
});
afterAll(() => scratch.remove());

// The upright picture: 48x32, red top-left, green top-right, blue bottom-left, white bottom-right.
const WIDTH = 48;
const HEIGHT = 32;
const QUADRANTS: Record<string, Rgb> = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 255],
};
const uprightColour = (x: number, y: number): Rgb =>
  (y < HEIGHT / 2
    ? x < WIDTH / 2
      ? QUADRANTS.topLeft
      : QUADRANTS.topRight
    : x < WIDTH / 2
      ? QUADRANTS.bottomLeft
      : QUADRANTS.bottomRight) ?? [0, 0, 0];

/**
 * Where stored pixel (column c, row r) appears once displayed, per the EXIF 2.3 Orientation table
 * (1: row 0 is the top and column 0 the left; 6: row 0 is the right side and column 0 the top; ...).
 */
const STORED_TO_UPRIGHT: Record<number, (c: number, r: number) => [number, number]> = {
  1: (c, r) => [c, r],
  2: (c, r) => [WIDTH - 1 - c, r],
  3: (c, r) => [WIDTH - 1 - c, HEIGHT - 1 - r],
  4: (c, r) => [c, HEIGHT - 1 - r],
  5: (c, r) => [r, c],
  6: (c, r) => [WIDTH - 1 - r, c],
  7: (c, r) => [WIDTH - 1 - r, HEIGHT - 1 - c],
  8: (c, r) => [r, HEIGHT - 1 - c],
};

/** The pixels a camera would store for the upright picture, tagged with `orientation`. */
function storedImage(orientation: number): Sharp {
  const quarterTurn = orientation >= 5;
  const width = quarterTurn ? HEIGHT : WIDTH;
  const height = quarterTurn ? WIDTH : HEIGHT;
  const raw = Buffer.alloc(width * height * 3);
  const toUpright = STORED_TO_UPRIGHT[orientation] ?? ((c, r) => [c, r]);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) raw.set(uprightColour(...toUpright(c, r)), (r * width + c) * 3);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).withMetadata({ orientation });
}

async function expectUpright(prepared: { data: Buffer; width: number; height: number }): Promise<void> {
  const pixels = await decodePixels(prepared.data);
  const seen = {
    topLeft: pixels.at(6, 6),
    topRight: pixels.at(prepared.width - 7, 6),
    bottomLeft: pixels.at(6, prepared.height - 7),
    bottomRight: pixels.at(prepared.width - 7, prepared.height - 7),
  };
  for (const [corner, colour] of Object.entries(seen))
    expect({ corner, near: isNear(colour, QUADRANTS[corner] ?? []) }).toEqual({ corner, near: true });
}

describe('prepareImage applies EXIF orientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('turns a JPEG with Orientation=%i upright', async (orientation) => {
    const encoded = await storedImage(orientation).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(encoded).metadata()).orientation).toBe(orientation);
    const prepared = await prepareImage(await scratch.write(`orientation-${orientation}.jpg`, encoded), { maxSide: 0 });
    expect([prepared.width, prepared.height]).toEqual([WIDTH, HEIGHT]);
    await expectUpright(prepared);
  });

  it.each(['png', 'webp'] as const)('turns a %s with Orientation=6 upright', async (format) => {
    const encoded = await storedImage(6)[format]().toBuffer();
    const prepared = await prepareImage(await scratch.write(`orientation-6.${format}`, encoded), { maxSide: 0 });
    expect([prepared.width, prepared.height]).toEqual([WIDTH, HEIGHT]);
    await expectUpright(prepared);
  });

  it('applies maxSide to the upright size, not the stored one', async () => {
    const encoded = await storedImage(6).jpeg().toBuffer();
    const prepared = await prepareImage(await scratch.write('orientation-6-small.jpg', encoded), { maxSide: 24 });
    expect([prepared.sourceWidth, prepared.sourceHeight, prepared.width, prepared.height]).toEqual([HEIGHT, WIDTH, 24, 16]);
  });

  it('turns the corpus hopper photo (stored sideways, Orientation=6) upright, matching a 90° clockwise turn of its pixels', async () => {
    const hopper = validPhotos().find((entry) => entry.file.includes('hopper'));
    const path = hopper?.absolutePath ?? '';
    const prepared = await prepareImage(path, { maxSide: 0 });
    expect([prepared.width, prepared.height]).toEqual([128, 128]);

    const stored = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    expect(stored.info.channels).toBe(3);
    // Orientation 6: stored row r is upright column (127 - r), stored column c is upright row c.
    const size = 128;
    const turned = Buffer.alloc(stored.data.length);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++)
        turned.set(stored.data.subarray((r * size + c) * 3, (r * size + c) * 3 + 3), (c * size + (size - 1 - r)) * 3);
    }
    const sharpTurned = await sharp(stored.data, { raw: { width: size, height: size, channels: 3 } })
      .rotate(90)
      .raw()
      .toBuffer();
    const output = await sharp(prepared.data).raw().toBuffer();

    expect(meanDifference(turned, sharpTurned)).toBe(0);
    expect(meanDifference(output, turned)).toBeLessThan(6);
    // The check has teeth: the unrotated pixels are far from the output.
    expect(meanDifference(output, stored.data)).toBeGreaterThan(25);
  });
});

function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}
