import { describe, expect, it } from 'vitest';
import type { LocalImage } from './collect-images';
import { planBatches } from './plan-batches';

const MB = 1024 * 1024;
const images = (sizes: number[]): LocalImage[] => sizes.map((size, i) => ({ path: `/p/${i}.png`, name: `${i}.png`, size, mtimeMs: 0 }));
const names = (batches: LocalImage[][]) => batches.map((batch) => batch.map((image) => image.name));

describe('planBatches', () => {
  it('splits 40 images into 35 and 5, keeping their order', () => {
    const plan = planBatches(images(Array(40).fill(1000)));
    expect(plan.batches.map((batch) => batch.length)).toEqual([35, 5]);
    expect(names(plan.batches).flat()).toEqual(images(Array(40).fill(1000)).map((image) => image.name));
  });

  it('starts a new batch before the total would pass 100 MB', () => {
    const plan = planBatches(images([40 * MB, 40 * MB, 30 * MB, 20 * MB, 1 * MB]));
    expect(names(plan.batches)).toEqual([
      ['0.png', '1.png'],
      ['2.png', '3.png', '4.png'],
    ]);
  });

  it('puts exactly 100 MB in one batch', () => {
    expect(planBatches(images([50 * MB, 50 * MB])).batches).toHaveLength(1);
  });

  it('sets aside a file larger than a whole batch may be', () => {
    const plan = planBatches(images([1 * MB, 101 * MB, 1 * MB]));
    expect(names(plan.batches)).toEqual([['0.png', '2.png']]);
    expect(plan.tooLarge.map((image) => image.name)).toEqual(['1.png']);
  });

  it('follows other limits when the server is configured differently', () => {
    expect(planBatches(images(Array(7).fill(10)), { maxImages: 3, maxBytes: 25 }).batches.map((batch) => batch.length)).toEqual([
      2, 2, 2, 1,
    ]);
  });
});
