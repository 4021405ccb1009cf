import { describe, expect, it } from 'vitest';
import { fieldAccuracy } from './field-accuracy.ts';
import type { FieldSpec } from './field-types.ts';
import { wordNetMatcher } from '../accuracy/match-to-list.ts';
import { truthClasses } from '../accuracy/truth-classes.ts';

const kind: FieldSpec = { name: 'kind', type: 'label', values: ['cat', 'dog', 'other'] };

describe('fieldAccuracy', () => {
  it('gives accuracy, per-class precision and recall, and the confusion table', () => {
    const truths = new Map([
      [0, 'cat'],
      [1, 'cat'],
      [2, 'dog'],
      [3, 'other'],
    ]);
    const answers = new Map<number, string | null>([
      [0, 'cat'],
      [1, 'dog'],
      [2, 'dog'],
      [3, null],
    ]);
    const judged = fieldAccuracy(kind, truths, answers);
    expect(judged).toMatchObject({ field: 'kind', classes: ['cat', 'dog', 'other'], labelled: 4, correct: 2, accuracy: 0.5 });
    expect(judged.perClass).toEqual([
      { class: 'cat', support: 2, precision: 1, recall: 0.5 },
      { class: 'dog', support: 1, precision: 0.5, recall: 1 },
      { class: 'other', support: 1, precision: null, recall: 0 },
    ]);
    expect(judged.confusion).toEqual(
      expect.arrayContaining([
        { truth: 'cat', answer: 'cat', count: 1 },
        { truth: 'cat', answer: 'dog', count: 1 },
        { truth: 'other', answer: '(none)', count: 1 },
      ]),
    );
  });

  it('judges a yes/no field as two classes', () => {
    const judged = fieldAccuracy(
      { name: 'has_text', type: 'yesno' },
      new Map([
        [0, 'yes'],
        [1, 'no'],
      ]),
      new Map([
        [0, true],
        [1, true],
      ]),
    );
    expect(judged).toMatchObject({ classes: ['yes', 'no'], correct: 1, accuracy: 0.5 });
  });

  it('leaves out images the model has no result for yet', () => {
    expect(
      fieldAccuracy(
        kind,
        new Map([
          [0, 'cat'],
          [1, 'dog'],
        ]),
        new Map([[0, 'cat']]),
      ),
    ).toMatchObject({ labelled: 1, accuracy: 1 });
  });
});

describe('truthClasses', () => {
  it('reads labels as the field’s classes: an alternative naming a member, WordNet, else other', async () => {
    const labels = new Map([
      [0, 'puppy|dog'],
      [1, 'tabby'],
      [2, 'airplane'],
    ]);
    expect(await truthClasses(kind, labels, wordNetMatcher())).toEqual(
      new Map([
        [0, 'dog'],
        [1, 'cat'],
        [2, 'other'],
      ]),
    );
  });
});
