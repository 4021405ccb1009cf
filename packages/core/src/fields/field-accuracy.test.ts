import { describe, expect, it } from 'vitest';
import { fieldAccuracy, judgedField, mergeFieldAccuracy, truthFieldChoices, truthFieldProblem } from './field-accuracy.ts';
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

describe('judgedField', () => {
  const fields: FieldSpec[] = [
    { name: 'caption', type: 'text' },
    { name: 'people', type: 'number' },
    { name: 'seen', type: 'labels', values: ['cat', 'dog'] },
    { name: 'kind', type: 'label', values: ['cat', 'dog'] },
  ];

  it('takes the first label field, else labels, yes/no, then text; never a number or tags field', () => {
    expect(judgedField(fields)?.name).toBe('kind');
    expect(judgedField(fields.slice(0, 3))?.name).toBe('seen');
    expect(judgedField(fields.slice(0, 2))?.name).toBe('caption');
    expect(judgedField([{ name: 'people', type: 'number' }])).toBeUndefined();
  });

  it('offers as truthField choices only the fields ground truth can judge, in the list’s order', () => {
    expect(truthFieldChoices(fields).map((field) => field.name)).toEqual(['caption', 'seen', 'kind']);
  });

  it('takes the field truthField names over the rule', () => {
    expect(judgedField(fields, 'caption')?.name).toBe('caption');
  });

  it('refuses a truthField that is not a judgeable field of the list, naming it', () => {
    expect(truthFieldProblem(fields, 'kind')).toBeNull();
    expect(truthFieldProblem(fields, 'colour')).toMatch(/"colour", which is not one of the fields/);
    expect(truthFieldProblem(fields, 'people')).toMatch(/"people" of type number/);
    expect(truthFieldProblem(undefined, 'kind')).toMatch(/no fields are asked/);
  });
});

describe('a labels field', () => {
  const seen: FieldSpec = { name: 'seen', type: 'labels', values: ['cat', 'dog', 'bird'] };

  it('is right when the set holds the truth, and a wrong set counts as its first member', () => {
    const judged = fieldAccuracy(
      seen,
      new Map([
        [0, 'cat'],
        [1, 'dog'],
        [2, 'bird'],
      ]),
      new Map<number, string[] | null>([
        [0, ['dog', 'cat']],
        [1, ['cat']],
        [2, []],
      ]),
    );
    expect(judged).toMatchObject({ labelled: 3, correct: 1, accuracy: 0.333 });
    expect(judged.confusion).toEqual([
      { truth: 'cat', answer: 'cat', count: 1 },
      { truth: 'dog', answer: 'cat', count: 1 },
      { truth: 'bird', answer: '(none)', count: 1 },
    ]);
  });
});

describe('mergeFieldAccuracy', () => {
  it('sums the confusion tables of several comparisons and takes the figures again over all images', () => {
    const part = (answers: Array<string | null>, truths: string[]) =>
      fieldAccuracy(kind, new Map(truths.map((truth, index) => [index, truth])), new Map(answers.map((answer, index) => [index, answer])));
    const merged = mergeFieldAccuracy([part(['cat', 'dog'], ['cat', 'cat']), part(['cat'], ['cat'])]);
    expect(merged).toMatchObject({ field: 'kind', labelled: 3, correct: 2, accuracy: 0.667 });
    expect(merged?.perClass.find((row) => row.class === 'cat')).toEqual({ class: 'cat', support: 3, precision: 1, recall: 0.667 });
    expect(merged?.confusion).toEqual(expect.arrayContaining([{ truth: 'cat', answer: 'cat', count: 2 }]));
  });
});
