import { describe, expect, it } from 'vitest';
import { timeToUpload } from './upload-timing';

describe('timeToUpload', () => {
  it('uploads the next batch when 40% of the running one is done', () => {
    expect(timeToUpload([{ size: 35, finished: 13, startedAt: 0 }], 1_000, 2_000)).toBe(false);
    expect(timeToUpload([{ size: 35, finished: 14, startedAt: 0 }], 1_000, 2_000)).toBe(true);
    expect(timeToUpload([], undefined, 0)).toBe(true);
  });

  it('uploads sooner when the last upload took longer than half of what is left', () => {
    // 5 done in 1.5 s: 300 ms an image, 30 left ≈ 9 s; the last upload took 5 s, so 10 s of lead are needed.
    expect(timeToUpload([{ size: 35, finished: 5, startedAt: 0 }], 5_000, 1_500)).toBe(true);
    expect(timeToUpload([{ size: 35, finished: 5, startedAt: 0 }], 1_000, 1_500)).toBe(false);
    expect(timeToUpload([{ size: 35, finished: 2, startedAt: 0 }], 60_000, 1_500)).toBe(false); // no pace yet
  });
});
