import { describe, expect, it } from 'vitest';
import { batch as storedBatch } from '../testing/repository-fixtures';
import { answeredResult } from '../testing/item-result-fixture';
import { toBatchView } from '../batch/batch-view';
import { buildComparisonView } from '../comparisons/comparison-view';
import type { StoredBatch, StoredItem } from '../batch/repository';
import type { ItemResult } from '../batch/types';
import { isDomainError, notFound } from '../errors';
import { createMemoryReviewRepository } from '../testing/memory-review-repository';
import { createReviewService } from './review-service';

const result = (index: number, entity: string | null): ItemResult =>
  entity === null
    ? answeredResult(index, { success: false, error: 'no answer', errorCode: 'no-entity' })
    : answeredResult(index, { entity, raw_answer: entity });

function stored(batchId: string, model: string, entities: Array<string | null>): { batch: StoredBatch; items: StoredItem[] } {
  return {
    batch: storedBatch(batchId, { model, status: 'completed', elapsedS: 1, comparisonId: 'c1' }),
    items: entities.map((entity, index) => ({
      index,
      filename: `${index}.jpg`,
      size: 1,
      status: entity === null ? 'error' : 'success',
      result: result(index, entity),
      label: null,
    })),
  };
}

/** Three models over four photos: agreed (0), a disagreement 2 against 1 (1), one answer only (2), agreed (3). */
const runs = [
  stored('b1', 'qwen', ['cat', 'dog', 'cat', 'airplane']),
  stored('b2', 'gemma', ['tabby', 'dog', null, 'aeroplane']),
  stored('b3', 'llava', ['cat', 'horse', null, 'airplane']),
];

function makeService(batchEntities = runs[0]!) {
  const reviews = createMemoryReviewRepository();
  let clock = 0;
  const service = createReviewService({
    reviews,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)),
    batches: {
      get: async (batchId) => {
        if (batchId !== 'b1') throw notFound('batch', batchId);
        return toBatchView(batchEntities);
      },
    },
    comparisons: {
      get: async (comparisonId) => {
        if (comparisonId !== 'c1') throw notFound('comparison', comparisonId);
        return buildComparisonView({ comparisonId, createdAt: '2026-01-01T00:00:00.000Z', prompt: null, models: [], batchIds: [] }, runs);
      },
    },
  });
  return { service, reviews };
}

const comparison = { kind: 'comparison', id: 'c1' } as const;
const batch = { kind: 'batch', id: 'b1' } as const;

describe('review queue', () => {
  it('puts disagreements first, then single-model answers, then agreed ones, with the consensus and its share', async () => {
    const { service } = makeService();
    const queue = await service.queue(comparison);
    expect(queue.items.map((item) => [item.index, item.standing])).toEqual([
      [1, 'disagreement'],
      [2, 'single'],
      [0, 'agreed'],
      [3, 'agreed'],
    ]);
    expect(queue.items[0]).toMatchObject({
      suggestion: 'dog',
      source: 'consensus',
      consensus: { entity: 'dog', models: 2, of: 3, agreed: false },
    });
    expect(queue.items[1]).toMatchObject({ suggestion: 'cat', source: 'model', consensus: { models: 1, of: 3, agreed: false } });
    expect(queue.items[2]?.consensus).toEqual({ entity: 'cat', models: 3, of: 3, agreed: true });
    expect(queue.progress).toEqual({ total: 4, reviewed: 0, disagreementsLeft: 1, agreedLeft: 2 });
  });

  it('stores accept, fix and reject with the suggestion, its source and the time, and filters by them', async () => {
    const { service } = makeService();
    await service.decide({ subject: comparison, index: 1, field: null, action: 'fix', label: ' Horse ' });
    await service.decide({ subject: comparison, index: 0, field: null, action: 'accept', label: null });
    const queue = await service.decide({ subject: comparison, index: 2, field: null, action: 'reject', label: null });
    const decisions = Object.fromEntries(queue.items.map((item) => [item.index, item.decision]));
    expect(decisions[1]).toEqual({
      index: 1,
      field: null,
      action: 'fix',
      label: 'horse',
      suggestion: 'dog',
      source: 'consensus',
      decidedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(decisions[0]).toMatchObject({ action: 'accept', label: 'cat', source: 'consensus' });
    expect(decisions[2]).toMatchObject({ action: 'reject', label: null, suggestion: 'cat', source: 'model' });
    expect(queue.progress).toMatchObject({ reviewed: 3, disagreementsLeft: 0, agreedLeft: 1 });
    expect((await service.queue(comparison, 'rejected')).items.map((item) => item.index)).toEqual([2]);
    expect((await service.queue(comparison, 'unreviewed')).items.map((item) => item.index)).toEqual([3]);
    expect((await service.queue(comparison, 'disagreements')).items.map((item) => item.index)).toEqual([1]);
  });

  it('undoes the last decision, showing the one it replaced', async () => {
    const { service } = makeService();
    await service.decide({ subject: comparison, index: 1, field: null, action: 'accept', label: null });
    await service.decide({ subject: comparison, index: 1, field: null, action: 'reject', label: null });
    const queue = await service.undo(comparison);
    expect(queue.items.find((item) => item.index === 1)?.decision).toMatchObject({ action: 'accept', label: 'dog' });
  });

  it('bulk-accepts every agreed image nobody decided yet, as one step that one undo takes back', async () => {
    const { service } = makeService();
    await service.decide({ subject: comparison, index: 3, field: null, action: 'fix', label: 'jet' });
    const queue = await service.acceptAgreed(comparison);
    const labels = Object.fromEntries(queue.items.map((item) => [item.index, item.decision?.label ?? null]));
    expect(labels).toEqual({ 0: 'cat', 1: null, 2: null, 3: 'jet' });
    const undone = await service.undo(comparison);
    expect(undone.items.filter((item) => item.decision).map((item) => item.index)).toEqual([3]);
  });

  it("keeps a batch's decision when a rerun changes the model's answer", async () => {
    const { service, reviews } = makeService();
    await service.decide({ subject: batch, index: 0, field: null, action: 'accept', label: null });
    const rerun = createReviewService({
      reviews,
      batches: { get: async () => toBatchView(stored('b1', 'qwen', ['lion', 'dog', 'cat', 'airplane'])) },
      comparisons: { get: async (comparisonId) => Promise.reject(notFound('comparison', comparisonId)) },
    });
    const item = (await rerun.queue(batch)).items.find((candidate) => candidate.index === 0);
    expect(item).toMatchObject({ suggestion: 'lion', source: 'model', standing: 'single', decision: { label: 'cat', suggestion: 'cat' } });
  });

  it('refuses a decision on a field the batch does not ask, naming the field', async () => {
    const { service } = makeService();
    await expect(service.decide({ subject: batch, index: 1, field: 'colour', action: 'accept', label: null })).rejects.toMatchObject({
      code: 'review-unknown-field',
      message: 'There is no field "colour" to review: it asks no fields.',
    });
  });

  it('refuses an unknown image, a fix without a label, and an unknown batch, each with its code', async () => {
    const { service } = makeService();
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (isDomainError(error) ? error.code : error),
      );
    expect(await codeOf(service.decide({ subject: batch, index: 9, field: null, action: 'accept', label: null }))).toBe(
      'review-unknown-index',
    );
    expect(await codeOf(service.decide({ subject: batch, index: 0, field: null, action: 'fix', label: '  ' }))).toBe(
      'review-label-missing',
    );
    expect(await codeOf(service.queue({ kind: 'batch', id: 'nope' }))).toBe('batch-not-found');
  });
});
