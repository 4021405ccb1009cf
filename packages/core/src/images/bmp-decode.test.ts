import { readFile } from 'node:fs/promises';
import { corpusManifest } from '@vision/testkit';
import { describe, expect, it } from 'vitest';
import { decodeBmp } from './bmp-decode';
import { readBmpHeader } from './bmp-header';
import { ImageError } from './image-error';
import { buildBmp, type BmpSpec, type Rgb } from './test-image-builders';

const PALETTE: readonly Rgb[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 0],
  [0, 255, 255],
  [255, 0, 255],
  [255, 255, 255],
  [10, 20, 30],
];

/** Every pixel different, and no colour symmetric in R and B, so a swapped channel or flipped row shows. */
const colourAt = (x: number, y: number): Rgb => [(x * 40 + 10) % 256, (y * 60 + 5) % 256, (x * 7 + y * 90 + 1) % 256];

function expectedRgb(width: number, height: number, colour: (x: number, y: number) => Rgb): number[] {
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.push(...colour(x, y));
  return pixels;
}

function decodeSpec(spec: BmpSpec) {
  return decodeBmp(buildBmp(spec));
}

describe('decodeBmp', () => {
  it('decodes a 24-bit bottom-up BMP of odd width (row padding) to exact RGB, top row first', () => {
    const bmp = decodeSpec({ width: 5, height: 3, bitsPerPixel: 24, pixel: colourAt });
    expect({ width: bmp.width, height: bmp.height, channels: bmp.channels }).toEqual({ width: 5, height: 3, channels: 3 });
    expect([...bmp.data]).toEqual(expectedRgb(5, 3, colourAt));
  });

  it('decodes a 24-bit top-down BMP (negative height) to the same pixels', () => {
    const bmp = decodeSpec({ width: 5, height: 3, bitsPerPixel: 24, pixel: colourAt, topDown: true });
    expect([...bmp.data]).toEqual(expectedRgb(5, 3, colourAt));
  });

  it('decodes an 8-bit palette BMP to the palette colours, not BGR-swapped', () => {
    const index = (x: number, y: number) => (x + y * 3) % PALETTE.length;
    const bmp = decodeSpec({ width: 7, height: 4, bitsPerPixel: 8, palette: PALETTE, pixel: index });
    expect(bmp.channels).toBe(3);
    expect([...bmp.data]).toEqual(expectedRgb(7, 4, (x, y) => PALETTE[index(x, y)] as Rgb));
  });

  it('decodes a 4-bit palette BMP of odd width (bmp-ts alone stops after one row)', () => {
    const index = (x: number, y: number) => (x * 2 + y) % PALETTE.length;
    const bmp = decodeSpec({ width: 5, height: 3, bitsPerPixel: 4, palette: PALETTE, pixel: index });
    expect([...bmp.data]).toEqual(expectedRgb(5, 3, (x, y) => PALETTE[index(x, y)] as Rgb));
  });

  it('decodes a 1-bit BMP with its two-colour palette', () => {
    const twoColours: readonly Rgb[] = [
      [0, 0, 0],
      [255, 128, 0],
    ];
    const index = (x: number, y: number) => (x + y) % 2;
    const bmp = decodeSpec({ width: 11, height: 2, bitsPerPixel: 1, palette: twoColours, pixel: index });
    expect([...bmp.data]).toEqual(expectedRgb(11, 2, (x, y) => twoColours[index(x, y)] as Rgb));
  });

  it('reads pixels from bfOffBits when there is a gap after the palette', () => {
    const index = (x: number) => x % PALETTE.length;
    const bmp = decodeSpec({ width: 6, height: 2, bitsPerPixel: 8, palette: PALETTE, pixel: index, gapBeforePixels: 10 });
    expect([...bmp.data]).toEqual(expectedRgb(6, 2, (x) => PALETTE[index(x)] as Rgb));
  });

  it('decodes a 32-bit uncompressed BMP with a V5 header (zero masks) as opaque RGB', () => {
    const bmp = decodeSpec({ width: 3, height: 2, bitsPerPixel: 32, dibHeaderSize: 124, pixel: colourAt });
    expect(bmp.channels).toBe(3);
    expect([...bmp.data]).toEqual(expectedRgb(3, 2, colourAt));
  });

  it('keeps real alpha from a 32-bit bit-field BMP as RGBA', () => {
    const alpha = (x: number) => [0, 128, 255][x] ?? 255;
    const bmp = decodeSpec({
      width: 3,
      height: 1,
      bitsPerPixel: 32,
      dibHeaderSize: 108,
      compression: 3,
      pixel: (x, y) => [...colourAt(x, y), alpha(x)],
    });
    expect(bmp.channels).toBe(4);
    expect([...bmp.data]).toEqual([0, 1, 2].flatMap((x) => [...colourAt(x, 0), alpha(x)]));
  });

  it('treats an alpha channel that is zero everywhere as opaque (writers that never fill it)', () => {
    const bmp = decodeSpec({
      width: 2,
      height: 2,
      bitsPerPixel: 32,
      dibHeaderSize: 108,
      compression: 3,
      pixel: (x, y) => [...colourAt(x, y), 0],
    });
    expect(bmp.channels).toBe(3);
    expect([...bmp.data]).toEqual(expectedRgb(2, 2, colourAt));
  });

  it('decodes a 16-bit 5-5-5 BMP to the colours within 5-bit precision', () => {
    const bmp = decodeSpec({ width: 3, height: 2, bitsPerPixel: 16, pixel: colourAt });
    const expected = expectedRgb(3, 2, colourAt);
    [...bmp.data].forEach((value, i) => expect(Math.abs(value - (expected[i] ?? 0))).toBeLessThan(8));
  });

  it('refuses RLE-compressed BMPs, which bmp-ts decodes wrongly', () => {
    const file = buildBmp({ width: 2, height: 2, bitsPerPixel: 8, palette: PALETTE, compression: 1, pixel: () => 0 });
    expect(() => decodeBmp(file)).toThrow(new ImageError('unsupported BMP: RLE compression', { code: 'unsupported-format' }));
  });

  it('refuses a BMP whose pixel data is shorter than its header declares, before allocating for it', () => {
    const file = buildBmp({ width: 64, height: 64, bitsPerPixel: 24, pixel: colourAt });
    expect(() => decodeBmp(file.subarray(0, 2000))).toThrow(new ImageError('corrupt BMP: pixel data is truncated'));
    // A header claiming 50000x50000 in a 100-byte file must not allocate 10 GB.
    const huge = Buffer.from(file.subarray(0, 100));
    huge.writeInt32LE(50_000, 18);
    huge.writeInt32LE(50_000, 22);
    expect(() => decodeBmp(huge)).toThrow(new ImageError('corrupt BMP: pixel data is truncated'));
  });

  it('decodes the corpus bird BMP (24-bit, bottom-up) to the pixels its rows hold', async () => {
    const entry = corpusManifest().find((item) => item.file === 'valid/bird_8bit_palette.bmp');
    const file = await readFile(entry?.absolutePath ?? '');
    const header = readBmpHeader(file);
    const bmp = decodeBmp(file);
    expect([bmp.width, bmp.height, header.bitsPerPixel]).toEqual([entry?.width, entry?.height, 24]);
    const rowBytes = Math.ceil((bmp.width * 3) / 4) * 4;
    for (const [x, y] of [
      [0, 0],
      [191, 0],
      [0, 143],
      [100, 70],
      [191, 143],
    ] as const) {
      const at = header.dataOffset + (bmp.height - 1 - y) * rowBytes + x * 3;
      const out = (y * bmp.width + x) * 3;
      expect([...bmp.data.subarray(out, out + 3)]).toEqual([file[at + 2], file[at + 1], file[at]]);
    }
  });
});

describe('readBmpHeader', () => {
  it('reads width, height and row order from the header without decoding', () => {
    const header = readBmpHeader(buildBmp({ width: 7, height: 5, bitsPerPixel: 24, topDown: true, pixel: colourAt }).subarray(0, 54));
    expect(header).toMatchObject({ width: 7, height: 5, topDown: true, bitsPerPixel: 24, compression: 0 });
  });

  it('refuses a zero or negative width', () => {
    const file = buildBmp({ width: 2, height: 2, bitsPerPixel: 24, pixel: colourAt });
    file.writeInt32LE(-2, 18);
    expect(() => readBmpHeader(file)).toThrow(ImageError);
  });
});
