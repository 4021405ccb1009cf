import { describe, expect, it } from 'vitest';
import { duration, progressText } from './progress-bar';

describe('progressText', () => {
  it('shows the whole dataset, the pace of this session and the time left at that pace', () => {
    // 1,000 done before this session, 60 more in the last 2 minutes: 30 photos/min, 1,940 left → 64 min 40 s.
    expect(progressText({ done: 1_060, total: 3_000, arrived: 60, elapsedMs: 120_000, label: 'batch 31/86' })).toBe(
      '1,060/3,000 · 30 photos/min · 1 h 04 min left · batch 31/86',
    );
  });

  it('shows the time spent until the first result, and no time left once all are done', () => {
    expect(progressText({ done: 0, total: 140, arrived: 0, elapsedMs: 4_200 })).toBe('0/140 · 4 s');
    expect(progressText({ done: 140, total: 140, arrived: 140, elapsedMs: 90_000 })).toBe('140/140 · 93 photos/min');
  });
});

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([duration(40_400), duration(200_000), duration(7_500_000)]).toEqual(['40 s', '3 min 20 s', '2 h 05 min']);
  });
});
