import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { routerFor } from '../testing/router-for';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { createBatchFiles } from './batch-files';
import { createBatchService } from './batch-service';
import { createComparisonService } from '../comparisons/comparison-service';
import { colourUploads } from '../testing/colour-uploads';

const MODELS = ['qwen/qwen3-vl-4b', 'google/gemma-3-4b'];
const limits = { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 };
let double: InferenceDouble;
let root: string;

beforeAll(async () => {
  // Each request spends a while in the vision encoder, so the stop comes while the first one is at the model.
  double = await startDouble('lmstudio', { visionEncoderMs: 400 });
  root = await mkdtemp(path.join(os.tmpdir(), 'batch-service-drain-'));
});
afterAll(async () => {
  await double.close();
  await rm(root, { recursive: true, force: true });
});

const uploads = (colours: ColourName[]) => colourUploads(root, colours);

describe('batchService.drain (a graceful stop)', () => {
  it('lets the request at the model finish, sends nothing more, starts no waiting batch and ends the followers', async () => {
    const repository = createMemoryBatchRepository();
    const inference = routerFor(double.baseUrl);
    const batches = createBatchService({
      inference,
      repository,
      limits,
      files: createBatchFiles(path.join(root, 'batches')),
      prepareOptions: { maxSide: 1024 },
      concurrency: 1,
    });
    const comparisons = createComparisonService({ batches, repository, inference, limits });
    const outcome = await comparisons.submit({ models: MODELS, ...(await uploads(['red', 'green'])) });
    const [first, second] = outcome.batchIds as [string, string];
    const stream = await batches.follow(first, 0);
    const followed = (async () => {
      let events = 0;
      for await (const _entry of stream!) events += 1;
      return events;
    })();
    await expect.poll(() => double.requests.length, { timeout: 10_000, interval: 5 }).toBe(1);

    expect(await batches.drain(10_000)).toEqual({ finished: true });

    expect(await followed).toBeGreaterThan(0); // The stream ended instead of waiting for the rest.
    expect(double.requests.map((request) => request.model)).toEqual([MODELS[0]]);
    const firstView = await batches.get(first);
    expect(firstView?.status).toBe('running');
    expect(firstView?.items.map((item) => item.status)).toEqual(['success', 'queued']);
    expect((await batches.get(second))?.status).toBe('queued');
    await batches.idle();
    expect(double.requests).toHaveLength(1);
  });
});
