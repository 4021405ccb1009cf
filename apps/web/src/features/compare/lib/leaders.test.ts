import { describe, expect, it } from 'vitest';
import { findLeaders } from './leaders';

const model = (batchId: string, accuracy: number | null, meanProcessingTime: number | null) => ({ batchId, accuracy, meanProcessingTime });

describe('findLeaders', () => {
  it('names the most accurate and the fastest model, which may differ', () => {
    const leaders = findLeaders([model('qwen', 1, 0.47), model('gemma', 5 / 7, 0.3)]);
    expect([...leaders.mostAccurate]).toEqual(['qwen']);
    expect([...leaders.fastest]).toEqual(['gemma']);
  });

  it('gives no badge when every model ties, and shares it when several lead', () => {
    expect(findLeaders([model('a', 0.8, 1), model('b', 0.8, 1)])).toEqual({ mostAccurate: new Set(), fastest: new Set() });
    expect([...findLeaders([model('a', 0.9, 1), model('b', 0.9, 2), model('c', 0.5, 3)]).mostAccurate]).toEqual(['a', 'b']);
  });

  it('needs two models with the figure: no accuracy without labels, no badge for a lone model', () => {
    expect(findLeaders([model('a', null, 1), model('b', null, 2)]).mostAccurate.size).toBe(0);
    expect(findLeaders([model('a', 1, 1), model('b', null, null)])).toEqual({ mostAccurate: new Set(), fastest: new Set() });
  });
});
