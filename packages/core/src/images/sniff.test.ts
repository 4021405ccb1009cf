import { corpusManifest } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageFormat } from './image-format';
import { sniffFile, sniffImage } from './sniff';
import { buildBmp, createScratchDir, type ScratchDir } from './test-image-builders';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const reasonOf = (head: Uint8Array): string | undefined => {
  const result = sniffImage(head);
  return result.ok ? undefined : result.reason;
};

describe('sniffImage: supported formats', () => {
  it.each<[string, Uint8Array, ImageFormat]>([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '\0\0\0\rIHDR'), 'png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF'), 'jpeg'],
    ['GIF87a', bytes('GIF87a'), 'gif'],
    ['GIF89a', bytes('GIF89a'), 'gif'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['BMP', buildBmp({ width: 1, height: 1, bitsPerPixel: 24, pixel: () => [0, 0, 0] }), 'bmp'],
  ])('recognises %s from its signature', (_name, head, format) => {
    expect(sniffImage(head)).toEqual({ ok: true, format });
  });
});

describe('sniffImage: refusals name the reason', () => {
  it.each<[string, Uint8Array, string]>([
    ['an empty file', bytes(), 'empty file'],
    ['plain text', bytes('hello, this is not a picture'), 'not an image (unrecognised format)'],
    ['text starting with "BM"', bytes('BMW owners club newsletter, issue 4'), 'not an image (unrecognised format)'],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'SVG is not supported'],
    [
      'an SVG after a BOM, whitespace and an XML declaration',
      bytes([0xef, 0xbb, 0xbf], '\n  <?xml version="1.0"?>\n<svg width="1"/>'),
      'SVG is not supported',
    ],
    [
      'an SVG behind a comment and doctype',
      bytes('<?xml version="1.0"?><!-- Inkscape --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>'),
      'SVG is not supported',
    ],
    ['an HTML page', bytes('<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>'), 'HTML is not an image'],
    ['an HTML page with an inline SVG', bytes('<html><body><svg></svg></body></html>'), 'HTML is not an image'],
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'PDF is not supported'],
    ['a little-endian TIFF', bytes('II*\0', [8, 0, 0, 0]), 'TIFF is not supported'],
    ['a big-endian TIFF', bytes('MM\0*', [0, 0, 0, 8]), 'TIFF is not supported'],
    ['a ZIP archive', bytes('PK\x03\x04', [20, 0, 0, 0]), 'ZIP archives are not supported'],
    ['an empty ZIP archive', bytes('PK\x05\x06', new Array(18).fill(0)), 'ZIP archives are not supported'],
    ['a HEIC photo', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'HEIC is not supported'],
    ['a HEIF file with the generic mif1 brand', bytes([0, 0, 0, 0x10], 'ftypmif1', [0, 0, 0, 0]), 'HEIC is not supported'],
    ['an AVIF image', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf'), 'AVIF is not supported'],
    ['an AVIF image branded mif1 first', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1avif'), 'AVIF is not supported'],
    ['an MP4 video', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'), 'not an image (unrecognised format)'],
    [
      'a PNG with a lower-case letter in the signature',
      bytes([0x89, 0x50, 0x4e, 0x67, 0x0d, 0x0a, 0x1a, 0x0a], '\0\0\0\rIHDR'),
      'corrupt PNG: bad signature',
    ],
    [
      'a PNG mangled by a text-mode transfer',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0d, 0x0a, 0x1a, 0x0d, 0x0a], '\0\0\0\rIHDR'),
      'corrupt PNG: bad signature',
    ],
  ])('refuses %s', (_name, head, reason) => {
    expect(reasonOf(head)).toBe(reason);
  });
});

/** The manifest writes formats as `JPEG`, `PNG`, `PNG (bad signature)`, ... */
const MANIFEST_FORMATS: Record<string, ImageFormat> = { JPEG: 'jpeg', PNG: 'png', GIF: 'gif', BMP: 'bmp', WEBP: 'webp' };

describe('sniffFile on the corpus', () => {
  it.each(corpusManifest().map((entry) => [entry.file, entry] as const))('sniffs %s as the manifest says', async (_file, entry) => {
    const result = await sniffFile(entry.absolutePath);
    if (entry.format === 'PNG (bad signature)')
      expect(result).toEqual({ ok: false, rejection: 'corrupt-png', reason: 'corrupt PNG: bad signature' });
    else expect(result).toEqual({ ok: true, format: MANIFEST_FORMATS[entry.format] });
  });
});

describe('sniffFile', () => {
  let scratch: ScratchDir;
  beforeAll(async () => {
    scratch = await createScratchDir();
  });
  afterAll(() => scratch.remove());

  it('judges by the bytes, not the name: text named .png is refused', async () => {
    expect(await sniffFile(await scratch.write('holiday.png', 'I am a text file'))).toEqual({
      ok: false,
      rejection: 'unknown',
      reason: 'not an image (unrecognised format)',
    });
  });

  it('judges by the bytes, not the name: a GIF named .jpg is a GIF', async () => {
    expect(await sniffFile(await scratch.write('photo.jpg', bytes('GIF89a', new Array(20).fill(0))))).toEqual({ ok: true, format: 'gif' });
  });

  it('refuses a zero-byte file as empty', async () => {
    expect(await sniffFile(await scratch.write('empty.jpg', ''))).toEqual({ ok: false, rejection: 'empty', reason: 'empty file' });
  });

  it('rejects with the I/O error when the file does not exist', async () => {
    await expect(sniffFile('/nonexistent/vision-test.png')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
