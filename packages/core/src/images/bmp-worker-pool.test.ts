import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBmp } from './bmp-decode';
import { decodeBmpOffThread } from './bmp-worker-pool';
import { ImageError } from './image-error';
import { buildBmp, createScratchDir, type ScratchDir } from './test-image-builders';

/** Runs `work` while recording when the main thread's event loop turns (a timer every millisecond). */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; totalMs: number; longestStallMs: number; turns: number }> {
  const turns: number[] = [];
  let running = true;
  const tick = () => {
    turns.push(performance.now());
    if (running) setTimeout(tick, 1);
  };
  const startedAt = performance.now();
  tick();
  const result = await work();
  running = false;
  const endedAt = performance.now();
  const times = [...turns, endedAt];
  let longestStallMs = 0;
  for (let index = 1; index < times.length; index++) longestStallMs = Math.max(longestStallMs, times[index]! - times[index - 1]!);
  return { result, totalMs: endedAt - startedAt, longestStallMs, turns: turns.length };
}

describe('decodeBmpOffThread', () => {
  let scratch: ScratchDir;
  beforeAll(async () => {
    scratch = await createScratchDir();
  });
  afterAll(() => scratch.remove());

  it('decodes in a worker thread: the main event loop keeps turning while a 6 MP BMP is decoded', async () => {
    const width = 3000;
    const height = 2000;
    const file = await scratch.write('large.bmp', buildBmp({ width, height, bitsPerPixel: 24, pixel: (x, y) => [x & 255, y & 255, 128] }));
    await decodeBmpOffThread(file); // The pool's first worker starts once per process; not what is measured.

    const { result, totalMs, longestStallMs, turns } = await loopTurnsDuring(() => decodeBmpOffThread(file));

    expect(result).toMatchObject({ width, height, channels: 3 });
    expect(result.data.length).toBe(width * height * 3);
    const at = (x: number, y: number) => [...result.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    expect([at(0, 0), at(5, 7), at(width - 1, height - 1)]).toEqual([
      [0, 0, 128],
      [5, 7, 128],
      [(width - 1) & 255, (height - 1) & 255, 128],
    ]);
    // Decoding on the main thread would be one stall as long as the decode itself.
    expect(turns).toBeGreaterThan(3);
    expect(longestStallMs).toBeLessThan(totalMs / 2);
  });

  it('gives the same pixels as decoding in this thread', async () => {
    const data = buildBmp({
      width: 7,
      height: 5,
      bitsPerPixel: 32,
      compression: 3,
      dibHeaderSize: 40,
      pixel: (x, y) => [x * 30, y * 40, 200, x === 0 ? 0 : 255],
    });
    const file = await scratch.write('small.bmp', data);
    expect(await decodeBmpOffThread(file)).toEqual(decodeBmp(data));
  });

  it('refuses a corrupt BMP with an ImageError carrying the reason', async () => {
    const whole = buildBmp({ width: 64, height: 64, bitsPerPixel: 24, pixel: () => [1, 2, 3] });
    const file = await scratch.write('truncated.bmp', whole.subarray(0, 2000));
    const error = await decodeBmpOffThread(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).reason).toBe('corrupt BMP: pixel data is truncated');
    expect((error as ImageError).code).toBe('corrupt-image');
  });

  it('keeps the error code of a BMP it cannot decode, so the item says why', async () => {
    const file = await scratch.write(
      'rle.bmp',
      buildBmp({ width: 2, height: 2, bitsPerPixel: 8, palette: [[0, 0, 0]], compression: 1, pixel: () => 0 }),
    );
    const error = await decodeBmpOffThread(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageError);
    expect(error).toMatchObject({ code: 'unsupported-format', reason: 'unsupported BMP: RLE compression' });
  });

  it('passes an I/O error on with its code, not as a bad image', async () => {
    const error = await decodeBmpOffThread(`${scratch.dir}/missing.bmp`).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ImageError);
    expect(error).toMatchObject({ code: 'ENOENT' });
  });

  it('decodes several at once, each answer going to its own caller', async () => {
    const files = await Promise.all(
      [10, 20, 30, 40, 50].map((side) =>
        scratch.write(`side-${side}.bmp`, buildBmp({ width: side, height: side, bitsPerPixel: 24, pixel: () => [side, 0, 0] })),
      ),
    );
    const decoded = await Promise.all(files.map((file) => decodeBmpOffThread(file)));
    expect(decoded.map((bmp) => [bmp.width, bmp.data[0]])).toEqual([
      [10, 10],
      [20, 20],
      [30, 30],
      [40, 40],
      [50, 50],
    ]);
  });
});
