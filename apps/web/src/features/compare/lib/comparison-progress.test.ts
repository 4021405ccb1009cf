import { describe, expect, it } from 'vitest';
import type { ComparisonAnswer, ComparisonView } from './comparison-types';
import { fastestAnswer, liveBatchId, modelProgress } from './comparison-progress';

const answer = (batchId: string, status: ComparisonAnswer['status'], time: number | null = null): ComparisonAnswer => ({
  batchId,
  model: batchId,
  status,
  entity: status === 'answered' ? 'dog' : null,
  error: status === 'failed' ? 'x.jpg: not an image' : null,
  errorCode: status === 'failed' ? 'not-an-image' : null,
  processing_time: time,
  tokens_per_second: null,
  time_to_first_token: null,
  judgement: null,
});

const view = (statuses: Array<ComparisonView['status']>, rows: ComparisonAnswer['status'][][]): ComparisonView => ({
  comparisonId: 'c1',
  createdAt: new Date(0).toISOString(),
  prompt: null,
  status: 'running',
  models: statuses.map((status, position) => ({
    batchId: `b${position}`,
    model: `m${position}`,
    status,
    images: rows.length,
    answered: 0,
    failures: 0,
    labelled: 0,
    correct: 0,
    accuracy: null,
    meanProcessingTime: null,
    meanTokensPerSecond: null,
    meanTimeToFirstToken: null,
    confusions: [],
    stats: null,
    runRecord: null,
  })),
  images: rows.map((row, index) => ({
    index,
    filename: `${index}.jpg`,
    label: null,
    agree: null,
    agreedBy: [],
    answers: row.map((status, position) => answer(`b${position}`, status)),
  })),
  agreement: { compared: 0, agreed: 0 },
});

describe('comparison progress', () => {
  it('counts each model’s finished answers, failures included', () => {
    const progress = modelProgress(
      view(
        ['completed', 'running'],
        [
          ['answered', 'failed'],
          ['answered', 'pending'],
          ['failed', 'pending'],
        ],
      ),
    );
    expect(progress.map(({ done, failed, total }) => ({ done, failed, total }))).toEqual([
      { done: 3, failed: 1, total: 3 },
      { done: 1, failed: 1, total: 3 },
    ]);
  });

  it('follows the running model, else the next one waiting, else nothing', () => {
    expect(liveBatchId(view(['completed', 'running', 'queued'], []))).toBe('b1');
    expect(liveBatchId(view(['completed', 'queued'], []))).toBe('b1');
    expect(liveBatchId(view(['completed', 'cancelled'], []))).toBeNull();
  });

  it('marks the answer given fastest, when two or more answered and none tie', () => {
    expect(fastestAnswer([answer('a', 'answered', 0.5), answer('b', 'answered', 0.3)])).toBe(1);
    expect(fastestAnswer([answer('a', 'answered', 0.5), answer('b', 'failed', 0.1)])).toBeNull();
    expect(fastestAnswer([answer('a', 'answered', 0.3), answer('b', 'answered', 0.3)])).toBeNull();
  });
});
