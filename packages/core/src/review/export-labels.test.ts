import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../schemas/review';
import { exportLabels } from './export-labels';

const item = (index: number, extra: Partial<ReviewItem>): ReviewItem => ({
  index,
  filename: `${index}.jpg`,
  standing: 'agreed',
  suggestion: 'cat',
  source: 'consensus',
  answers: [],
  consensus: null,
  decision: null,
  ...extra,
});

describe('export labels', () => {
  it("takes a person's decision first, then the labels given, then the suggestion with its source", () => {
    const decision = {
      index: 0,
      field: null,
      action: 'fix' as const,
      label: 'dog',
      suggestion: 'cat',
      source: 'consensus' as const,
      decidedAt: 'now',
    };
    const labels = exportLabels(
      [
        item(0, { decision }),
        item(1, {}),
        item(2, { source: 'model' }),
        item(3, { decision: { ...decision, index: 3, action: 'reject', label: null } }),
      ],
      new Map([
        [0, 'cat'],
        [1, 'kitten'],
      ]),
    );
    expect([...labels.values()]).toEqual([
      { label: 'dog', source: 'person', reviewed: true },
      { label: 'kitten', source: 'labels', reviewed: false },
      { label: 'cat', source: 'model', reviewed: false },
      { label: null, source: 'person', reviewed: true },
    ]);
  });
});
