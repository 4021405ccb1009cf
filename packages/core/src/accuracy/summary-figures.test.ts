import { describe, expect, it } from 'vitest';
import { accuracyOf, countConfusions, findLeaders, leadersBy, meanOf } from './summary-figures.ts';

const model = (name: string, accuracy: number | null, meanProcessingTime: number | null) => ({ name, accuracy, meanProcessingTime });
const names = (models: ReadonlyArray<{ name: string }>) => models.map((entry) => entry.name);

describe('findLeaders', () => {
  it('names the most accurate and the fastest model, which may differ', () => {
    const leaders = findLeaders([model('qwen', 1, 0.47), model('gemma', 5 / 7, 0.3)]);
    expect(names(leaders.mostAccurate)).toEqual(['qwen']);
    expect(names(leaders.fastest)).toEqual(['gemma']);
  });

  it('crowns nobody when every model ties, and every leader when some trail', () => {
    expect(findLeaders([model('a', 0.8, 1), model('b', 0.8, 1)])).toEqual({ mostAccurate: [], fastest: [] });
    expect(names(findLeaders([model('a', 0.9, 1), model('b', 0.9, 2), model('c', 0.5, 3)]).mostAccurate)).toEqual(['a', 'b']);
    // Figures that differ only by floating-point noise are a tie.
    expect(findLeaders([model('a', 0.1 + 0.2, 1), model('b', 0.3, 1)]).mostAccurate).toEqual([]);
  });

  it('needs two models with the figure: none without labels, none for a lone model', () => {
    expect(findLeaders([model('a', null, 1), model('b', null, 2)]).mostAccurate).toEqual([]);
    expect(findLeaders([model('a', 1, 1), model('b', null, null)])).toEqual({ mostAccurate: [], fastest: [] });
    expect(leadersBy([1], (value) => value, 'lowest')).toEqual([]);
  });
});

describe('figures', () => {
  it('averages only finite numbers, to 3 decimals', () => {
    expect(meanOf([1, null, 2, Number.NaN, 2])).toBe(1.667);
    expect(meanOf([null, undefined])).toBeNull();
  });

  it('gives accuracy to 4 decimals, and none without labels', () => {
    expect(accuracyOf(1, 3)).toBe(0.3333);
    expect(accuracyOf(0, 0)).toBeNull();
  });

  it('counts wrong answers by the first alternative of the label, most frequent first', () => {
    const confusions = countConfusions([
      { label: 'dog|puppy', entity: 'cat', correct: false },
      { label: 'dog', entity: 'cat', correct: false },
      { label: 'car', entity: 'bus', correct: false },
      { label: 'cat', entity: 'cat', correct: true },
      { label: null, entity: 'fox', correct: null },
    ]);
    expect(confusions).toEqual([
      { label: 'dog', answer: 'cat', count: 2 },
      { label: 'car', answer: 'bus', count: 1 },
    ]);
    expect(
      countConfusions(
        [
          { label: 'dog', entity: 'cat', correct: false },
          { label: 'car', entity: 'bus', correct: false },
        ],
        1,
      ),
    ).toHaveLength(1);
  });
});
