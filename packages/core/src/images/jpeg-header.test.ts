import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readJpegFrameSize } from './jpeg-header';

async function jpeg(width: number, height: number, exif?: Record<string, string>): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#468' } });
  if (exif) image.withExif({ IFD0: exif });
  return image.jpeg().toBuffer();
}

describe('readJpegFrameSize', () => {
  it('reads the size from the frame header of a JPEG as sharp writes it', async () => {
    expect(readJpegFrameSize(await jpeg(37, 21))).toEqual({ width: 37, height: 21 });
  });

  it('walks past an EXIF block of several kilobytes before the frame header', async () => {
    const withExif = await jpeg(12, 34, { ImageDescription: 'x'.repeat(20_000) });
    expect(withExif.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(20_000);
    expect(readJpegFrameSize(withExif)).toEqual({ width: 12, height: 34 });
  });

  it('says nothing when the frame header lies beyond the bytes it was given', async () => {
    const whole = await jpeg(12, 34, { ImageDescription: 'x'.repeat(20_000) });
    expect(readJpegFrameSize(whole.subarray(0, 10_000))).toBeUndefined();
  });

  it('says nothing when a segment does not start with a marker', async () => {
    const damaged = Buffer.from(await jpeg(12, 34));
    damaged[2] = 0x00;
    expect(readJpegFrameSize(damaged)).toBeUndefined();
  });
});
