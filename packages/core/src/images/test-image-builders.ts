// Hand-made image files for the tests: byte-level PNG and BMP writers, so the decoders are checked against
// files whose every pixel and header field is known, not against what another decoder thinks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { crc32 } from './png-header';

export type Rgb = readonly [number, number, number];
export type Rgba = readonly [number, number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG with the given IHDR and compressed scanlines (default: a token IDAT that decodes to nothing useful). */
export function buildPng(ihdr: { width: number; height: number; bitDepth: number; colourType: number }, idat?: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(ihdr.width, 0);
  header.writeUInt32BE(ihdr.height, 4);
  header[8] = ihdr.bitDepth;
  header[9] = ihdr.colourType;
  const data = idat ?? deflateSync(Buffer.alloc(1));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', data), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A complete, valid 1-bit greyscale PNG of the given size: every row is filter byte 0 plus zero bits. */
export function buildBlankBilevelPng(width: number, height: number): Buffer {
  const rowBytes = 1 + Math.ceil(width / 8);
  return buildPng({ width, height, bitDepth: 1, colourType: 0 }, deflateSync(Buffer.alloc(rowBytes * height), { level: 1 }));
}

export interface BmpSpec {
  width: number;
  height: number;
  bitsPerPixel: 1 | 4 | 8 | 16 | 24 | 32;
  /** Upright coordinates (y = 0 is the top row): a palette index for 1/4/8 bits, else a colour. */
  pixel: (x: number, y: number) => number | Rgb | Rgba;
  palette?: readonly Rgb[];
  topDown?: boolean;
  dibHeaderSize?: 40 | 108 | 124;
  /** 0 = BI_RGB, 1 = BI_RLE8 (header only: the pixel bytes are not RLE-encoded), 3 = BI_BITFIELDS. */
  compression?: 0 | 1 | 3;
  /** Bytes of padding between the palette and the pixel array, which bfOffBits accounts for. */
  gapBeforePixels?: number;
}

const BITFIELD_MASKS_32 = [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000] as const;

/** Writes a BMP the way the format describes it; only what the tests need (16-bit is 5-5-5, 32-bit BGRA). */
export function buildBmp(spec: BmpSpec): Buffer {
  const { width, height, bitsPerPixel: bpp } = spec;
  const dibHeaderSize = spec.dibHeaderSize ?? 40;
  const compression = spec.compression ?? 0;
  const palette = spec.palette ?? [];
  const masksAfterHeader = dibHeaderSize === 40 && compression === 3 ? 12 : 0;
  const dataOffset = 14 + dibHeaderSize + masksAfterHeader + palette.length * 4 + (spec.gapBeforePixels ?? 0);
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  const file = Buffer.alloc(dataOffset + rowBytes * height);

  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(dataOffset, 10);
  file.writeUInt32LE(dibHeaderSize, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(spec.topDown ? -height : height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(bpp, 28);
  file.writeUInt32LE(compression, 30);
  file.writeUInt32LE(rowBytes * height, 34);
  file.writeInt32LE(2835, 38);
  file.writeInt32LE(2835, 42);
  file.writeUInt32LE(palette.length, 46);
  if (compression === 3)
    BITFIELD_MASKS_32.slice(0, dibHeaderSize === 40 ? 3 : 4).forEach((mask, i) => file.writeUInt32LE(mask, 54 + i * 4));
  if (dibHeaderSize >= 108) file.writeUInt32LE(0x73524742, 70); // LCS_sRGB; the masks stay 0 for BI_RGB, as writers leave them
  palette.forEach(([r, g, b], i) => file.set([b, g, r, 0], 14 + dibHeaderSize + masksAfterHeader + i * 4));

  for (let fileRow = 0; fileRow < height; fileRow++) {
    const y = spec.topDown ? fileRow : height - 1 - fileRow;
    const row = dataOffset + fileRow * rowBytes;
    for (let x = 0; x < width; x++) writeBmpPixel(file, row, x, bpp, spec.pixel(x, y));
  }
  return file;
}

function writeBmpPixel(file: Buffer, row: number, x: number, bpp: number, value: number | Rgb | Rgba): void {
  if (typeof value === 'number') {
    const bitOffset = x * bpp;
    const byte = row + (bitOffset >> 3);
    const shift = 8 - bpp - (bitOffset & 7);
    file[byte] = (file[byte] ?? 0) | (value << shift);
    return;
  }
  const [r, g, b, a = 0] = value;
  if (bpp === 16) file.writeUInt16LE(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3), row + x * 2);
  else if (bpp === 24) file.set([b, g, r], row + x * 3);
  else file.set([b, g, r, a], row + x * 4);
}

export interface ScratchDir {
  dir: string;
  /** Writes `data` to `name` inside the directory and returns the file's path. */
  write: (name: string, data: Uint8Array | string) => Promise<string>;
  remove: () => Promise<void>;
}

/** A temporary directory for one test file; call `remove` in afterAll. */
export async function createScratchDir(): Promise<ScratchDir> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vision-images-'));
  return {
    dir,
    write: async (name, data) => {
      const file = path.join(dir, name);
      await writeFile(file, data);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface DecodedPixels {
  width: number;
  height: number;
  channels: number;
  /** The colour at (x, y), top-left origin. */
  at: (x: number, y: number) => number[];
}

/** Decodes an encoded image (the prepared JPEG) to raw pixels for colour checks. */
export async function decodePixels(encoded: Buffer): Promise<DecodedPixels> {
  const { data, info } = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels,
    at: (x, y) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x + 1) * info.channels)],
  };
}

/** True when every channel is within `tolerance` of the expected colour: the output is JPEG, so never exact. */
export function isNear(actual: readonly number[], expected: readonly number[], tolerance = 24): boolean {
  return actual.length === expected.length && actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= tolerance);
}
