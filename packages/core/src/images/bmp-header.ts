import { ImageError } from './image-error';

export interface BmpHeader {
  /** Where the pixel array starts (bfOffBits). */
  dataOffset: number;
  /** 12 (OS/2 1.x), 40 (BITMAPINFOHEADER), 52/56 (V2/V3), 64 (OS/2 2.x), 108 (V4), 124 (V5). */
  dibHeaderSize: number;
  width: number;
  height: number;
  /** A negative height in the file means rows are stored top row first; positive means bottom row first. */
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  /** Palette entries declared (biClrUsed); 0 means "all 2^bitsPerPixel" for palette images. */
  coloursUsed: number;
}

export const BMP_COMPRESSION = { rgb: 0, rle8: 1, rle4: 2, bitFields: 3, jpeg: 4, png: 5, alphaBitFields: 6 } as const;

/**
 * Reads the BMP file and DIB headers (the first 54 bytes are enough). sharp cannot read BMP, so this is how
 * BMP dimensions are known before anything is decoded.
 */
export function readBmpHeader(head: Uint8Array): BmpHeader {
  if (head.length < 26) throw new ImageError('corrupt BMP: header is truncated');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const dataOffset = view.getUint32(10, true);
  const dibHeaderSize = view.getUint32(14, true);
  if (dibHeaderSize === 12) {
    // OS/2 1.x BITMAPCOREHEADER: unsigned 16-bit sizes, no compression field.
    return {
      dataOffset,
      dibHeaderSize,
      width: view.getUint16(18, true),
      height: view.getUint16(20, true),
      topDown: false,
      bitsPerPixel: view.getUint16(24, true),
      compression: BMP_COMPRESSION.rgb,
      coloursUsed: 0,
    };
  }
  if (head.length < 50) throw new ImageError('corrupt BMP: header is truncated');
  const width = view.getInt32(18, true);
  const signedHeight = view.getInt32(22, true);
  if (width <= 0 || signedHeight === 0 || signedHeight === -0x80000000) {
    throw new ImageError(`corrupt BMP: invalid size ${width}×${signedHeight}`);
  }
  return {
    dataOffset,
    dibHeaderSize,
    width,
    height: Math.abs(signedHeight),
    topDown: signedHeight < 0,
    bitsPerPixel: view.getUint16(28, true),
    compression: view.getUint32(30, true),
    coloursUsed: view.getUint32(46, true),
  };
}
