import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { routerFor } from '../testing/router-for';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { createBatchFiles } from '../batch/batch-files';
import { createBatchService } from '../batch/batch-service';
import { createComparisonService } from './comparison-service';
import type { BatchRepository } from '../batch/repository';
import { colourUploads } from '../testing/colour-uploads';
import { createMemoryReviewRepository } from '../testing/memory-review-repository';
import type { ReviewRepository } from '../review/review-repository';

const MODELS = ['qwen/qwen3-vl-4b', 'google/gemma-3-4b'];
const limits = { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 };
let double: InferenceDouble;
let root: string;

beforeAll(async () => {
  double = await startDouble('lmstudio');
});
afterAll(() => double.close());
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'comparison-service-'));
  double.resetMetrics();
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** The repository, counting the batch reads that go through it. */
function countingRepository(): { repository: BatchRepository; batchReads: () => number } {
  const inner = createMemoryBatchRepository();
  let reads = 0;
  const repository: BatchRepository = {
    ...inner,
    getBatch: (batchId) => {
      reads += 1;
      return inner.getBatch(batchId);
    },
  };
  return { repository, batchReads: () => reads };
}

function makeServices(repository: BatchRepository, reviews: ReviewRepository = createMemoryReviewRepository()) {
  const inference = routerFor(double.baseUrl, { requestTimeoutMs: 5_000 });
  const batches = createBatchService({
    inference,
    repository,
    limits,
    files: createBatchFiles(path.join(root, 'batches')),
    prepareOptions: { maxSide: 1024 },
    concurrency: 1,
    onDeleted: (batchId) => reviews.forget({ kind: 'batch', id: batchId }),
  });
  return { batches, comparisons: createComparisonService({ batches, repository, inference, limits, reviews }) };
}

/** The repository, keeping in order each photo sent (`item-started`), each batch's end and each batch deleted. */
function journalingRepository(): { repository: BatchRepository; journal: string[] } {
  const inner = createMemoryBatchRepository();
  const journal: string[] = [];
  const repository: BatchRepository = {
    ...inner,
    recordEvent: (batchId, entry, effects) => {
      if (entry.event.type === 'item-started' || entry.event.type === 'batch-finished') journal.push(`${entry.event.type} ${batchId}`);
      return inner.recordEvent(batchId, entry, effects);
    },
    deleteBatch: (batchId) => {
      journal.push(`deleted ${batchId}`);
      return inner.deleteBatch(batchId);
    },
  };
  return { repository, journal };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
const decision = (index: number) => ({
  index,
  field: null,
  action: 'reject' as const,
  label: null,
  suggestion: null,
  source: null,
  decidedAt: '2026-01-01T00:00:00.000Z',
});

const uploads = (colours: ColourName[]) => colourUploads(root, colours);

describe('the comparison service', () => {
  it('asks LM Studio for its models once for the whole submit, however many models it compares', async () => {
    const { repository } = countingRepository();
    const { batches, comparisons } = makeServices(repository);
    double.injectFault({ kind: 'hang', times: 1 });
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red', 'green'])) });
    // The first model's batch is running (its first request hangs); the second waits its turn. One listing: the
    // first look at /v1/models tells the server's kind, then LM Studio's native list.
    expect(double.metrics().modelListRequests).toBe(2);
    await comparisons.cancel(outcome.comparisonId);
    await batches.idle();
  });

  it('reads each of its batches once to build a view', async () => {
    const { repository, batchReads } = countingRepository();
    const { batches, comparisons } = makeServices(repository);
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red', 'green'])) });
    await batches.idle();
    const before = batchReads();
    const view = await comparisons.get(outcome.comparisonId);
    expect(view?.models.map((model) => [model.model, model.status])).toEqual([
      [MODELS[0], 'completed'],
      [MODELS[1], 'completed'],
    ]);
    expect(batchReads() - before).toBe(MODELS.length);
  });

  it('refuses a comparison without a model, or with a model that cannot see images, by throwing, and keeps nothing', async () => {
    const { repository } = countingRepository();
    const { comparisons } = makeServices(repository);
    await expect(comparisons.submit({ models: [' '], ...(await uploads(['red'])) })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'no-model',
    });
    await expect(comparisons.submit({ models: [MODELS[0]!, 'qwen/qwen3-4b'], ...(await uploads(['red'])) })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'model-cannot-see-images',
      message: expect.stringMatching(/"qwen\/qwen3-4b" cannot see images/),
    });
    expect((await repository.listComparisons({ limit: 10 })).comparisons).toEqual([]);
    expect((await repository.listBatches({ limit: 10 })).batches).toEqual([]);
  });

  it('answers an unknown comparison with comparison-not-found, not an empty view', async () => {
    const { comparisons } = makeServices(countingRepository().repository);
    await expect(comparisons.get('nope')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'comparison-not-found',
      message: 'No comparison with id "nope".',
    });
  });
});

describe('deleting a comparison', () => {
  it("removes every model's batch with its folder and review decisions, the comparison and the decisions made on it", async () => {
    const repository = createMemoryBatchRepository();
    const reviews = createMemoryReviewRepository();
    const { batches, comparisons } = makeServices(repository, reviews);
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red', 'green'])) });
    await batches.idle();
    const other = await batches.submit({ model: MODELS[0]!, ...(await uploads(['blue'])) });
    await batches.idle();
    await reviews.record({ kind: 'comparison', id: outcome.comparisonId }, [decision(0)]);
    for (const batchId of [...outcome.batchIds, other.batchId]) await reviews.record({ kind: 'batch', id: batchId }, [decision(0)]);
    expect(await exists(path.join(root, 'batches', outcome.batchIds[0]!))).toBe(true);

    await comparisons.delete(outcome.comparisonId);

    for (const batchId of outcome.batchIds) {
      expect(await repository.getBatch(batchId)).toBeUndefined();
      expect(await exists(path.join(root, 'batches', batchId))).toBe(false);
      expect(await reviews.current({ kind: 'batch', id: batchId })).toEqual([]);
    }
    await expect(comparisons.get(outcome.comparisonId)).rejects.toMatchObject({ code: 'comparison-not-found' });
    expect((await comparisons.list({ limit: 10 })).comparisons).toEqual([]);
    expect(await reviews.current({ kind: 'comparison', id: outcome.comparisonId })).toEqual([]);
    // What is not the comparison's stays.
    expect((await batches.get(other.batchId)).status).toBe('completed');
    expect(await reviews.current({ kind: 'batch', id: other.batchId })).toHaveLength(1);
  });

  it('cancels a running comparison first, so the models after the running one never start, then removes it', async () => {
    const { repository, journal } = journalingRepository();
    const { batches, comparisons } = makeServices(repository);
    double.injectFault({ kind: 'hang', times: 1 });
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red', 'green'])) });
    const [first, second] = outcome.batchIds;
    // The first model's first photo is with the model (its request hangs); the second model waits its turn.
    await expect.poll(async () => (await repository.getBatch(first!))?.items[0]?.status).toBe('running');

    await comparisons.delete(outcome.comparisonId);
    await batches.idle();

    // Both runs ended (the waiting one first, so the running one's end started nothing) before anything was deleted.
    expect(journal).toEqual([
      `item-started ${first}`,
      `batch-finished ${second}`,
      `batch-finished ${first}`,
      `deleted ${first}`,
      `deleted ${second}`,
    ]);
    expect(await repository.getComparison(outcome.comparisonId)).toBeUndefined();
  });

  it('refuses an unknown comparison with comparison-not-found', async () => {
    const { comparisons } = makeServices(createMemoryBatchRepository());
    await expect(comparisons.delete('nope')).rejects.toMatchObject({
      name: 'DomainError',
      kind: 'not-found',
      code: 'comparison-not-found',
      message: 'No comparison with id "nope".',
    });
  });

  it("refuses to delete one model's batch alone, naming the comparison to delete instead, and keeps it", async () => {
    const repository = createMemoryBatchRepository();
    const { batches, comparisons } = makeServices(repository);
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red'])) });
    await batches.idle();
    await expect(batches.delete(outcome.batchIds[1]!)).rejects.toMatchObject({
      name: 'DomainError',
      kind: 'conflict',
      code: 'batch-in-comparison',
      message: expect.stringContaining(`in comparison "${outcome.comparisonId}": delete the comparison`),
    });
    expect((await comparisons.get(outcome.comparisonId)).models).toHaveLength(2);
  });

  it('deletes a batch whose comparison was never stored as any other batch', async () => {
    const repository = createMemoryBatchRepository();
    const { batches } = makeServices(repository);
    const orphan = await batches.submit({ model: MODELS[0]!, comparisonId: 'never-stored', ...(await uploads(['red'])) });
    await batches.idle();
    await batches.delete(orphan.batchId);
    expect(await repository.getBatch(orphan.batchId)).toBeUndefined();
  });
});
