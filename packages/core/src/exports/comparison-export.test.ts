import { describe, expect, it } from 'vitest';
import type { TComparisonView } from '../schemas';
import { exportComparison } from './comparison-export';

const answer = (model: string, entity: string | null, errorCode: 'not-an-image' | null = null) => ({
  batchId: `b-${model}`,
  model,
  status: entity ? ('answered' as const) : ('failed' as const),
  entity,
  error: errorCode ? 'notes.png: not an image (unrecognised format)' : null,
  errorCode,
  processing_time: 1,
  tokens_per_second: 40,
  time_to_first_token: 0.1,
  judgement: null,
});

const view: TComparisonView = {
  comparisonId: '0123456789',
  createdAt: '2026-12-04T05:00:00.000Z',
  prompt: null,
  status: 'completed',
  models: [],
  agreement: { compared: 1, agreed: 1 },
  images: [
    {
      index: 0,
      filename: 'cat.jpg',
      label: null,
      agree: true,
      agreedBy: [{ basis: 'kind-of', answer: 'tabby', other: 'cat', label: null, reason: null }],
      answers: [answer('a', 'cat'), answer('b', 'tabby')],
    },
    {
      index: 1,
      filename: 'notes.png',
      label: null,
      agree: null,
      agreedBy: [],
      answers: [answer('a', null, 'not-an-image'), answer('b', null, 'not-an-image')],
    },
  ],
};

describe('exportComparison', () => {
  it("keeps each failure's code next to its text, and says how the answers agree", () => {
    const rows = exportComparison(view, 'csv')
      .body.replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]!.endsWith(',error,error_code,agreement,label_source')).toBe(true);
    expect(rows[1]!.endsWith(',agree: tabby is a kind of cat,')).toBe(true);
    expect(rows[3]!.endsWith(',notes.png: not an image (unrecognised format),not-an-image,,')).toBe(true);
  });
});
