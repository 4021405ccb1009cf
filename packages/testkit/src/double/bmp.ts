/**
 * A small BMP decoder, only for reference images: sharp (libvips) cannot read BMP, and the corpus bird is an
 * 8-bit palette BMP. It handles what cameras and paint programs write in practice: uncompressed (BI_RGB)
 * 1/4/8-bit palette, 24-bit and 32-bit images, bottom-up or top-down. RLE and bitfield variants are refused.
 */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length > 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

export function decodeBmp(input: Uint8Array): RawImage {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isBmp(bytes)) throw new Error('not a BMP file');
  const pixelOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  // BITMAPCOREHEADER (12 bytes, OS/2) uses 16-bit sizes and 3-byte palette entries; nothing we meet writes it.
  if (headerSize < 40) throw new Error(`unsupported BMP header size ${headerSize}`);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const coloursUsed = bytes.readUInt32LE(46);
  if (compression !== 0) throw new Error(`unsupported BMP compression ${compression}`);
  if (width <= 0 || rawHeight === 0) throw new Error('invalid BMP dimensions');

  // A negative height means rows are stored top-down; the usual positive height means bottom-up.
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  const stride = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
  if (pixelOffset + stride * height > bytes.length) throw new Error('truncated BMP pixel data');

  const palette = bitsPerPixel <= 8 ? readPalette(bytes, 14 + headerSize, coloursUsed || 2 ** bitsPerPixel) : [];
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    const row = pixelOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = readPixel(bytes, row, x, bitsPerPixel, palette);
      const at = (y * width + x) * 3;
      out[at] = r;
      out[at + 1] = g;
      out[at + 2] = b;
    }
  }
  return { data: out, width, height, channels: 3 };
}

type Rgb = [number, number, number];

function readPalette(bytes: Buffer, start: number, count: number): Rgb[] {
  const palette: Rgb[] = [];
  for (let i = 0; i < count && start + i * 4 + 2 < bytes.length; i += 1) {
    const at = start + i * 4;
    palette.push([bytes[at + 2] ?? 0, bytes[at + 1] ?? 0, bytes[at] ?? 0]);
  }
  return palette;
}

function readPixel(bytes: Buffer, row: number, x: number, bitsPerPixel: number, palette: Rgb[]): Rgb {
  switch (bitsPerPixel) {
    case 1:
    case 4:
    case 8: {
      const bitOffset = x * bitsPerPixel;
      const byte = bytes[row + (bitOffset >> 3)] ?? 0;
      const shift = 8 - bitsPerPixel - (bitOffset & 7);
      const index = (byte >> shift) & ((1 << bitsPerPixel) - 1);
      return palette[index] ?? [0, 0, 0];
    }
    case 24:
    case 32: {
      const at = row + x * (bitsPerPixel / 8);
      return [bytes[at + 2] ?? 0, bytes[at + 1] ?? 0, bytes[at] ?? 0];
    }
    default:
      throw new Error(`unsupported BMP bit depth ${bitsPerPixel}`);
  }
}
