import { decode as decodeWithBmpTs } from 'bmp-ts';
import { BMP_COMPRESSION, readBmpHeader, type BmpHeader } from './bmp-header';
import { ImageError } from './image-error';

export interface DecodedBmp {
  /** Row-major pixels, top row first: RGB, or RGBA when the file really carries alpha. */
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** The DIB header sizes bmp-ts understands (its HeaderTypes); it throws on the OS/2 ones. */
const BMP_TS_HEADER_SIZES = new Set([40, 52, 56, 108, 124]);
const DEFAULT_MASKS: Readonly<Record<number, readonly [number, number, number]>> = {
  16: [0x7c00, 0x03e0, 0x001f],
  32: [0x00ff0000, 0x0000ff00, 0x000000ff],
};

/**
 * Decodes an uncompressed or bit-field BMP with bmp-ts. bmp-ts is synchronous: about a second of blocked event
 * loop for the largest BMP an upload allows (100 MB), acceptable here; a worker thread is the fix if it ever is not.
 *
 * bmp-ts 1.0.9 has quirks this function works around, each checked in bmp-decode.test.ts:
 * - without `toRGBA` every bit depth yields ABGR (with `toRGBA`, palette depths still yield ABGR), so we use the
 *   default and reorder ourselves;
 * - it ignores the pixel-data offset and reads pixels straight after the palette, so a gap is cut out;
 * - in V2+ headers it reads colour masks even for uncompressed files, where they may be zero, so defaults are
 *   written in;
 * - on a 4-bit image of odd width it stops after the first row, so the width is declared one pixel wider
 *   (same bytes per row) and the extra column dropped;
 * - its RLE decoders write pixels at wrong offsets, so RLE files are refused.
 */
export function decodeBmp(file: Buffer): DecodedBmp {
  const header = readBmpHeader(file);
  checkSupported(header);
  const { input, declaredWidth } = normaliseForBmpTs(file, header);
  let abgr: Buffer;
  try {
    abgr = decodeWithBmpTs(input).data;
  } catch (error) {
    throw new ImageError(`corrupt BMP: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return toRgbOrRgba(abgr, header, declaredWidth);
}

function checkSupported(header: BmpHeader): void {
  const { bitsPerPixel: bpp, compression, dibHeaderSize } = header;
  if (dibHeaderSize === 12 || dibHeaderSize === 64)
    throw new ImageError('unsupported BMP: OS/2 bitmap header', { code: 'unsupported-format' });
  if (!BMP_TS_HEADER_SIZES.has(dibHeaderSize)) throw new ImageError(`corrupt BMP: unknown header size ${dibHeaderSize}`);
  if (compression === BMP_COMPRESSION.rle4 || compression === BMP_COMPRESSION.rle8) {
    throw new ImageError('unsupported BMP: RLE compression', { code: 'unsupported-format' });
  }
  if (compression === BMP_COMPRESSION.jpeg || compression === BMP_COMPRESSION.png) {
    throw new ImageError('unsupported BMP: embedded JPEG or PNG', { code: 'unsupported-format' });
  }
  const bitFields = compression === BMP_COMPRESSION.bitFields || compression === BMP_COMPRESSION.alphaBitFields;
  if (compression !== BMP_COMPRESSION.rgb && !bitFields) throw new ImageError(`corrupt BMP: unknown compression ${compression}`);
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw new ImageError(`corrupt BMP: invalid bit depth ${bpp}`);
  if (bitFields && bpp !== 16 && bpp !== 32) throw new ImageError(`corrupt BMP: bit fields with ${bpp} bits per pixel`);
  if (bpp <= 8 && header.coloursUsed > 2 ** bpp) throw new ImageError(`corrupt BMP: palette of ${header.coloursUsed} colours`);
}

/** Returns a buffer laid out the way bmp-ts reads it, copying the file only when something must change. */
function normaliseForBmpTs(file: Buffer, header: BmpHeader): { input: Buffer; declaredWidth: number } {
  const { bitsPerPixel: bpp, compression, dibHeaderSize, width, height } = header;
  const maskBytes =
    dibHeaderSize === 40 ? (compression === BMP_COMPRESSION.bitFields ? 12 : compression === BMP_COMPRESSION.alphaBitFields ? 16 : 0) : 0;
  const paletteEntries = header.coloursUsed > 0 ? header.coloursUsed : bpp <= 8 ? 2 ** bpp : 0;
  const headersEnd = 14 + dibHeaderSize + maskBytes;
  const pixelsWhereBmpTsLooks = headersEnd + paletteEntries * 4;
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  if (pixelsWhereBmpTsLooks > file.length || header.dataOffset < headersEnd) throw new ImageError('corrupt BMP: header is truncated');
  if (header.dataOffset + rowBytes * height > file.length) throw new ImageError('corrupt BMP: pixel data is truncated');

  let input = file;
  if (header.dataOffset > pixelsWhereBmpTsLooks) {
    input = Buffer.concat([file.subarray(0, pixelsWhereBmpTsLooks), file.subarray(header.dataOffset)]);
  } else if (header.dataOffset < pixelsWhereBmpTsLooks) {
    // A palette shorter than declared: pad it (the missing entries read as black) so rows stay aligned.
    input = Buffer.concat([
      file.subarray(0, header.dataOffset),
      Buffer.alloc(pixelsWhereBmpTsLooks - header.dataOffset),
      file.subarray(header.dataOffset),
    ]);
  }
  const defaultMasks = DEFAULT_MASKS[bpp];
  const fixMasks = compression === BMP_COMPRESSION.rgb && dibHeaderSize > 40 && defaultMasks !== undefined;
  const widenOddNibbles = bpp === 4 && width % 2 === 1;
  if (!fixMasks && !widenOddNibbles) return { input, declaredWidth: width };

  if (input === file) input = Buffer.from(file);
  if (fixMasks) {
    defaultMasks.forEach((mask, index) => input.writeUInt32LE(mask, 54 + index * 4));
    if (dibHeaderSize >= 56) input.writeUInt32LE(0, 66);
  }
  const declaredWidth = widenOddNibbles ? width + 1 : width;
  input.writeInt32LE(declaredWidth, 18);
  return { input, declaredWidth };
}

function toRgbOrRgba(abgr: Buffer, header: BmpHeader, declaredWidth: number): DecodedBmp {
  const { width, height } = header;
  const channels = carriesAlpha(abgr, header) ? 4 : 3;
  const data = Buffer.alloc(width * height * channels);
  let out = 0;
  for (let y = 0; y < height; y++) {
    let source = y * declaredWidth * 4;
    for (let x = 0; x < width; x++, source += 4) {
      data[out++] = abgr[source + 3] ?? 0;
      data[out++] = abgr[source + 2] ?? 0;
      data[out++] = abgr[source + 1] ?? 0;
      if (channels === 4) data[out++] = abgr[source] ?? 0;
    }
  }
  return { data, width, height, channels };
}

/**
 * Only bit-field images can carry alpha (bmp-ts writes 0 for the other depths, and 255 when there is no alpha
 * mask). Writers that declare an alpha mask but leave it all zero mean "opaque", not "invisible".
 */
function carriesAlpha(abgr: Buffer, header: BmpHeader): boolean {
  if (header.bitsPerPixel !== 16 && header.bitsPerPixel !== 32) return false;
  let allZero = true;
  let allOpaque = true;
  for (let index = 0; index < abgr.length; index += 4) {
    const alpha = abgr[index];
    if (alpha !== 0) allZero = false;
    if (alpha !== 255) allOpaque = false;
    if (!allZero && !allOpaque) return true;
  }
  return false;
}
