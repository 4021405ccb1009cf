import { describe, expect, it } from 'vitest';
import { DECODE_SLOTS, withDecodeSlot } from './decode-gate';

describe('withDecodeSlot', () => {
  it('decodes at most one image per core at once, the rest in the order they came', async () => {
    let decoding = 0;
    let most = 0;
    const order: number[] = [];
    const decode = (n: number) =>
      withDecodeSlot(async () => {
        decoding += 1;
        most = Math.max(most, decoding);
        order.push(n);
        await new Promise((resolve) => setTimeout(resolve, 5));
        decoding -= 1;
        if (n === 1) throw new Error('corrupt');
        return n;
      });
    const results = await Promise.allSettled(Array.from({ length: DECODE_SLOTS + 3 }, (_, n) => decode(n)));
    expect(most).toBe(DECODE_SLOTS);
    expect(order).toEqual(Array.from({ length: DECODE_SLOTS + 3 }, (_, n) => n));
    // A failed decode frees its slot like any other.
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(DECODE_SLOTS + 2);
  });
});
