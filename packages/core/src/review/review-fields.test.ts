import { describe, expect, it } from 'vitest';
import { batch as storedBatch } from '../testing/repository-fixtures';
import { answeredResult } from '../testing/item-result-fixture';
import { toBatchView } from '../batch/batch-view';
import type { StoredBatch, StoredItem } from '../batch/repository';
import type { ItemResult } from '../batch/types';
import { buildComparisonView } from '../comparisons/comparison-view';
import type { FieldSpec, FieldValues } from '../fields/field-types';
import { notFound } from '../errors';
import { createMemoryReviewRepository } from '../testing/memory-review-repository';
import { exactConsensus } from './review-fields';
import { createReviewService } from './review-service';

const FIELDS: FieldSpec[] = [
  { name: 'caption', type: 'text' },
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'outdoors', type: 'yesno' },
];

const result = (index: number, fields: FieldValues): ItemResult => answeredResult(index, { raw_answer: JSON.stringify(fields), fields });

function stored(batchId: string, model: string, answers: FieldValues[]): { batch: StoredBatch; items: StoredItem[] } {
  return {
    batch: storedBatch(batchId, { model, status: 'completed', elapsedS: 1, comparisonId: 'c1', fields: FIELDS }),
    items: answers.map((fields, index) => ({
      index,
      filename: `${index}.jpg`,
      size: 1,
      status: 'success',
      result: result(index, fields),
      label: null,
    })),
  };
}

/** Two models over two photos: photo 0 they call a cat in other words; photo 1 they disagree on its kind. */
const runs = [
  stored('b1', 'qwen', [
    { caption: 'a tabby on a sofa', kind: 'cat', outdoors: false },
    { caption: 'a dog in a park', kind: 'dog', outdoors: true },
  ]),
  stored('b2', 'gemma', [
    { caption: 'a cat', kind: 'cat', outdoors: true },
    { caption: 'a puppy', kind: 'other', outdoors: true },
  ]),
];

function makeService(truthField?: string) {
  const reviews = createMemoryReviewRepository();
  const service = createReviewService({
    reviews,
    now: () => new Date(Date.UTC(2026, 0, 1)),
    batches: {
      get: async (batchId) => {
        const run = runs.find((candidate) => candidate.batch.batchId === batchId);
        if (!run) throw notFound('batch', batchId);
        return toBatchView(run);
      },
    },
    comparisons: {
      get: async (comparisonId) => {
        if (comparisonId !== 'c1') throw notFound('comparison', comparisonId);
        const comparison = {
          comparisonId,
          createdAt: '2026-01-01T00:00:00.000Z',
          prompt: null,
          models: [],
          batchIds: ['b1', 'b2'],
          ...(truthField ? { truthField } : {}),
        };
        return buildComparisonView(comparison, runs);
      },
    },
  });
  return { service, reviews };
}

const comparison = { kind: 'comparison', id: 'c1' } as const;
const byIndex = <T extends { index: number }>(items: readonly T[]) => [...items].sort((a, b) => a.index - b.index);

describe('review per field', () => {
  it('opens on the first label field, with every field to choose from and each model’s value of it', async () => {
    const { service } = makeService();
    const queue = await service.queue(comparison);
    expect(queue.field).toBe('kind');
    expect(queue.fields.map((field) => field.name)).toEqual(['caption', 'kind', 'outdoors']);
    expect(queue.items.map((item) => [item.index, item.standing, item.suggestion])).toEqual([
      [1, 'disagreement', 'dog'],
      [0, 'agreed', 'cat'],
    ]);
    expect(queue.items[0]?.answers.map((answer) => answer.entity)).toEqual(['dog', 'other']);
  });

  it('opens on the field the comparison’s ground truth judges when the upload chose one (truthField)', async () => {
    const { service } = makeService('outdoors');
    const queue = await service.queue(comparison);
    expect(queue.field).toBe('outdoors');
    expect(queue.items.map((item) => [item.index, item.standing])).toEqual([
      [0, 'disagreement'],
      [1, 'agreed'],
    ]);
  });

  it('groups a text field by meaning and a yes/no field by its exact value', async () => {
    const { service } = makeService();
    const captions = byIndex((await service.queue(comparison, 'all', 'caption')).items);
    expect(captions.map((item) => item.standing)).toEqual(['agreed', 'agreed']);
    const outdoors = byIndex((await service.queue(comparison, 'all', 'outdoors')).items);
    expect(outdoors.map((item) => [item.standing, item.suggestion])).toEqual([
      ['disagreement', 'no'],
      ['agreed', 'yes'],
    ]);
  });

  it('stores each decision under its field, the suggestion of that field beside it, and a fix as the list’s member', async () => {
    const { service, reviews } = makeService();
    await service.decide({ subject: comparison, index: 1, field: 'kind', action: 'fix', label: 'Dog' });
    await service.decide({ subject: comparison, index: 1, field: 'outdoors', action: 'accept', label: null });
    const queue = await service.acceptAgreed(comparison, 'kind');
    expect(queue.progress).toMatchObject({ reviewed: 2, total: 2 });
    expect((await reviews.current(comparison)).map(({ index, field, label, suggestion }) => [index, field, label, suggestion])).toEqual([
      [0, 'kind', 'cat', 'cat'],
      [1, 'kind', 'dog', 'dog'],
      [1, 'outdoors', 'yes', 'yes'],
    ]);
    const caption = await service.queue(comparison, 'unreviewed', 'caption');
    expect(caption.items.map((item) => item.index)).toEqual([0, 1]);
  });

  it('refuses a field the comparison does not ask, naming the fields it does', async () => {
    const { service } = makeService();
    await expect(service.queue(comparison, 'all', 'colour')).rejects.toMatchObject({
      code: 'review-unknown-field',
      message: 'There is no field "colour" to review: it asks caption, kind, outdoors.',
    });
  });

  it('takes the value most models gave exactly, the earlier model breaking a tie', () => {
    expect(exactConsensus(['yes', 'no', 'no'])).toEqual({ entity: 'no', models: 2, of: 3, agreed: false });
    expect(exactConsensus(['cat', 'dog'])).toEqual({ entity: 'cat', models: 1, of: 2, agreed: false });
    expect(exactConsensus([null, null])).toBeNull();
  });
});
