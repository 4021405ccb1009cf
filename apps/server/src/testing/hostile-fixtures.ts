import { constants as zlibConstants, crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { COLOUR_HEX, type ColourName } from '@vision/testkit';

const text = (value: string) => new TextEncoder().encode(value);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A complete, valid 1-bit greyscale PNG of the given size: a few hundred kilobytes on disk that would need
 * `width × height × 3` bytes once decoded (2.7 GB for 30000×30000).
 */
export function hugePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 and black pixels
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows, { level: 9, strategy: zlibConstants.Z_RLE })),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A small real PNG whose IHDR (checksum fixed) claims another size: the pixel data stays that of the small image. */
export async function pngClaimingSize(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A small real baseline JPEG whose SOF0 header claims another size (JPEG allows at most 65535 a side). */
export async function jpegClaimingSize(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#00ff00' } })
      .jpeg()
      .toBuffer(),
  );
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  if (sof < 0) throw new Error('no SOF0 marker in the JPEG');
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** A hand-written 24-bit BMP header claiming the given size, followed by a few pixels only. */
export function bmpClaimingSize(width: number, height: number): Buffer {
  const bmp = Buffer.alloc(54 + 16 * 16 * 3, 0xff);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(0, 6);
  bmp.writeUInt32LE(54, 10); // pixel data offset
  bmp.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  bmp.writeInt32LE(width, 18);
  bmp.writeInt32LE(height, 22);
  bmp.writeUInt16LE(1, 26); // planes
  bmp.writeUInt16LE(24, 28); // bits per pixel
  bmp.fill(0, 30, 54); // no compression, default sizes and palette
  return bmp;
}

/** An animated WebP whose frames are solid colours, in order. */
export async function animatedWebp(colours: ColourName[], width = 40, height = 30): Promise<Buffer> {
  const frames = await Promise.all(
    colours.map((colour) =>
      sharp({ create: { width, height, channels: 3, background: COLOUR_HEX[colour] } })
        .raw()
        .toBuffer(),
    ),
  );
  return sharp(Buffer.concat(frames), { raw: { width, height: height * colours.length, channels: 3, pageHeight: height } })
    .webp({ loop: 0, delay: colours.map(() => 100) })
    .toBuffer();
}

/** A ZIP archive holding one stored text file, written by hand. */
export function zipArchive(): Buffer {
  const name = Buffer.from('photo.jpg.txt');
  const data = Buffer.from('not a photo\n');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

export const pdfDocument = () =>
  text(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );

export const htmlPage = () =>
  text('<!DOCTYPE html>\n<html><head><title>x</title></head><body><img src=x onerror=alert(1)></body></html>\n');

export const plainSvg = () =>
  text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>');

/** An SVG with an XML prolog and an editor's comment before the root, carrying script twice. */
export const scriptedSvg = () =>
  text(
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with an editor -->\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>\n',
  );

export const tiffImage = () =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: '#0000ff' } })
    .tiff()
    .toBuffer();
