import { validPhotos } from '@vision/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError } from './image-error';
import { probeImage } from './probe-image';
import { createScratchDir, type ScratchDir } from './test-image-builders';

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await createScratchDir();
});
afterAll(() => scratch.remove());

describe('probeImage', () => {
  it.each(validPhotos().map((entry) => [entry.file, entry] as const))('reads the size of %s from its header', async (_file, entry) => {
    const probe = await probeImage(entry.absolutePath);
    expect([probe.format.toUpperCase(), probe.width, probe.height, probe.pages]).toEqual([entry.format, entry.width, entry.height, 1]);
  });

  it('reports the EXIF orientation of the sideways hopper photo', async () => {
    const hopper = validPhotos().find((entry) => entry.file.includes('hopper'));
    expect(await probeImage(hopper?.absolutePath ?? '')).toMatchObject({ width: 128, height: 128, orientation: 6 });
  });

  it('reports the frame size and frame count of an animated GIF', async () => {
    // Frames must differ: the GIF encoder merges identical ones.
    const frames = Buffer.concat([Buffer.alloc(10 * 10 * 3, 200), Buffer.alloc(10 * 10 * 3, 40)]);
    const gif = await sharp(frames, { raw: { width: 10, height: 20, channels: 3, pageHeight: 10 } })
      .gif()
      .toBuffer();
    expect(await probeImage(await scratch.write('two-frames.gif', gif))).toEqual({ format: 'gif', width: 10, height: 10, pages: 2 });
  });

  it('throws an ImageError with the sniff reason for a file that is not an image', async () => {
    await expect(probeImage(await scratch.write('note.gif', 'just text'))).rejects.toThrow(
      new ImageError('not an image (unrecognised format)', { code: 'not-an-image' }),
    );
  });
});
