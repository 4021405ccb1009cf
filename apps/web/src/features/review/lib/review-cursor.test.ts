import { describe, expect, it } from 'vitest';
import { movedIndex, openingIndex, positionOf } from './review-cursor';

const items = [
  { index: 6, decision: { action: 'fix' } },
  { index: 2, decision: null },
  { index: 0, decision: null },
];

describe('review cursor', () => {
  it('opens on the first undecided image in queue order, and on the first when all are decided', () => {
    expect(openingIndex(items)).toBe(2);
    expect(openingIndex(items.map((item) => ({ ...item, decision: {} })))).toBe(6);
    expect(openingIndex([])).toBeNull();
  });

  it('moves in queue order and stops at either end', () => {
    expect(movedIndex(items, 6, 1)).toBe(2);
    expect(movedIndex(items, 0, 1)).toBe(0);
    expect(movedIndex(items, 6, -1)).toBe(6);
    expect(positionOf(items, 42)).toBe(0);
  });
});
