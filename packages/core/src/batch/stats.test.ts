import { describe, expect, it } from 'vitest';
import { computeStats } from './stats';
import type { ItemResult } from './types';

const result = (index: number, success: boolean, processing_time: number): ItemResult => ({
  filename: `${index}.jpg`,
  index,
  entity: success ? 'cat' : null,
  raw_answer: null,
  processing_time,
  success,
  error: success ? null : 'boom',
  errorCode: success ? null : 'inference-error',
  tokens_per_second: null,
  time_to_first_token: null,
  prompt_tokens: null,
  completion_tokens: null,
  queue_time: null,
  preparation_time: null,
  generation_time: null,
});

describe('computeStats', () => {
  it('counts successes and failures and averages the time over every image', () => {
    const stats = computeStats([result(0, true, 2), result(1, false, 1), result(2, true, 3.5)], 4.2);
    expect(stats).toEqual({
      total_images: 3,
      successful: 2,
      failed: 1,
      cancelled: 0,
      total_processing_time: 6.5,
      average_processing_time: 2.167,
      wall_time: 4.2,
      images_per_minute: 42.9,
    });
  });

  it('counts cancelled images apart from failed ones', () => {
    const cancelled = { ...result(3, false, 0), error: 'cancelled', errorCode: 'cancelled' as const };
    expect(computeStats([result(0, true, 1), result(1, false, 1), cancelled], 2)).toMatchObject({
      total_images: 3,
      successful: 1,
      failed: 1,
      cancelled: 1,
    });
  });

  it('reports zeros for an empty batch instead of dividing by zero', () => {
    expect(computeStats([], 0)).toEqual({
      total_images: 0,
      successful: 0,
      failed: 0,
      cancelled: 0,
      total_processing_time: 0,
      average_processing_time: 0,
      wall_time: 0,
      images_per_minute: 0,
    });
  });
});
