import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFailure, decodeFailureOf } from './decode-failure';
import { createScratchDir, type ScratchDir } from './test-image-builders';

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await createScratchDir();
});
afterAll(() => scratch.remove());

/** What sharp throws when libvips's error text was cleared by another decode before sharp read it. */
const lostMessage = () => new Error('');

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#357' } })
    .jpeg()
    .toBuffer();

describe('decodeFailure', () => {
  it('keeps the first specific line of a libvips message', () => {
    const error = new Error('Input file has corrupt header: VipsJpeg: premature end of JPEG image\nVipsJpeg: out of order read');
    expect(decodeFailure('jpeg', error).reason).toBe('corrupt JPEG: premature end of JPEG image');
  });

  it('says the data could not be decoded when libvips gave no text', () => {
    expect(decodeFailure('png', lostMessage()).reason).toBe('corrupt PNG: the image data could not be decoded');
  });
});

describe('decodeFailureOf', () => {
  it('says a JPEG without its end marker was cut short when libvips lost its text', async () => {
    const whole = await jpeg();
    const path = await scratch.write('cut.jpg', whole.subarray(0, whole.length - 2));
    expect((await decodeFailureOf(path, 'jpeg', lostMessage())).reason).toBe('corrupt JPEG: premature end of JPEG image');
  });

  it("says so too when libvips's buffer held another image's words", async () => {
    const whole = await jpeg();
    const path = await scratch.write('cut-mixed.jpg', whole.subarray(0, whole.length >> 1));
    const anotherImages = new Error('Input file has corrupt header: pngload: libpng read error');
    expect((await decodeFailureOf(path, 'jpeg', anotherImages)).reason).toBe('corrupt JPEG: premature end of JPEG image');
  });

  it('claims nothing more for a JPEG that ends properly', async () => {
    const path = await scratch.write('whole.jpg', await jpeg());
    expect((await decodeFailureOf(path, 'jpeg', lostMessage())).reason).toBe('corrupt JPEG: the image data could not be decoded');
  });

  it('keeps the message libvips gave for a JPEG that ends properly', async () => {
    const path = await scratch.write('whole-with-text.jpg', await jpeg());
    const error = new Error('VipsJpeg: Huffman table 0x00 was not defined');
    expect((await decodeFailureOf(path, 'jpeg', error)).reason).toBe('corrupt JPEG: Huffman table 0x00 was not defined');
  });
});
