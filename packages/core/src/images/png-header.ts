import { ImageError } from './image-error';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

/** Bit depths the PNG specification allows for each colour type (section 11.2.2). */
const ALLOWED_BIT_DEPTHS: ReadonlyMap<number, readonly number[]> = new Map([
  [0, [1, 2, 4, 8, 16]],
  [2, [8, 16]],
  [3, [1, 2, 4, 8]],
  [4, [8, 16]],
  [6, [8, 16]],
]);

/**
 * Reads and checks the IHDR chunk of a file whose signature is already known to be PNG. libvips refuses the same
 * files, but with an empty "corrupt header" message; checking here gives the user the actual reason.
 */
export function readPngHeader(head: Uint8Array): PngHeader {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 33 || view.getUint32(8) !== 13 || latin1(head, 12, 16) !== 'IHDR') {
    throw new ImageError('corrupt PNG: missing IHDR header');
  }
  if (crc32(head.subarray(12, 29)) !== view.getUint32(29)) throw new ImageError('corrupt PNG: IHDR checksum mismatch');
  const header: PngHeader = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: view.getUint8(24),
    colourType: view.getUint8(25),
  };
  if (header.width === 0 || header.height === 0 || header.width > 0x7fffffff || header.height > 0x7fffffff) {
    throw new ImageError(`corrupt PNG: invalid size ${header.width}×${header.height}`);
  }
  const depths = ALLOWED_BIT_DEPTHS.get(header.colourType);
  if (!depths) throw new ImageError(`corrupt PNG: invalid colour type ${header.colourType}`);
  if (!depths.includes(header.bitDepth)) {
    throw new ImageError(`corrupt PNG: invalid bit depth ${header.bitDepth} for colour type ${header.colourType}`);
  }
  return header;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

let crcTable: Uint32Array | undefined;

/** The CRC-32 PNG uses; written out because `zlib.crc32` only exists from Node 20.15. */
export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
