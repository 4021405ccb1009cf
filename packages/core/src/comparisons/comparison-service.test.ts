import { mkdtemp, rm } from 'node:fs/promises';
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

function makeServices(repository: BatchRepository) {
  const inference = routerFor(double.baseUrl, { requestTimeoutMs: 5_000 });
  const batches = createBatchService({
    inference,
    repository,
    limits,
    files: createBatchFiles(path.join(root, 'batches')),
    prepareOptions: { maxSide: 1024 },
    concurrency: 1,
  });
  return { batches, comparisons: createComparisonService({ batches, repository, inference, limits }) };
}

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
