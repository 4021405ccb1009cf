import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff-image';

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value])));

describe('sniffImage', () => {
  it('recognises the five formats the server takes by their first bytes', () => {
    expect(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR'))).toEqual({ ok: true, format: 'png' });
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ ok: true, format: 'jpeg' });
    expect(sniffImage(bytes('GIF89a', 1, 0))).toEqual({ ok: true, format: 'gif' });
    expect(sniffImage(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toEqual({ ok: true, format: 'webp' });
    expect(sniffImage(bytes('BM', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0))).toEqual({ ok: true, format: 'bmp' });
  });

  it('gives the reason the server would give for what it refuses', () => {
    expect(sniffImage(new Uint8Array())).toMatchObject({ ok: false, rejection: 'empty' });
    expect(sniffImage(bytes('These are my notes.'))).toMatchObject({ ok: false, rejection: 'unknown' });
    expect(sniffImage(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'))).toMatchObject({
      ok: false,
      rejection: 'svg',
    });
    expect(sniffImage(bytes('<!DOCTYPE html><html>'))).toMatchObject({ ok: false, rejection: 'html' });
    expect(sniffImage(bytes('%PDF-1.7'))).toMatchObject({ ok: false, rejection: 'pdf' });
    expect(sniffImage(bytes(0, 0, 0, 24, 'ftypheic', 0, 0, 0, 0, 'mif1heic'))).toMatchObject({ ok: false, rejection: 'heic' });
  });

  it('calls a PNG with a damaged signature corrupt rather than unknown', () => {
    expect(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0d, 0x0a, 0x1a, 0x0a))).toMatchObject({ ok: false, rejection: 'corrupt-png' });
  });

  it('does not take a text file starting with "BM" for a bitmap', () => {
    expect(sniffImage(bytes('BMW service notes, 2024 edition'))).toMatchObject({ ok: false, rejection: 'unknown' });
  });
});
