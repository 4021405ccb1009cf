import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { createBatchFiles } from './batch-files';
import { createBatchService, type BatchService } from './batch-service';
import type { BatchRepository } from './repository';
import { routerFor } from '../testing/router-for';
import { silentLogger } from '../logger';
import { colourUploads } from '../testing/colour-uploads';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { createMemoryEventRelay, type EventRelay } from './event-relay';
import { createImageJobHandler } from './image-job-handler';
import type { JobHandler, JobQueue, QueueWorker } from '../queue/job-queue';
import { createMemoryJobQueue } from '../queue/memory-job-queue';

/**
 * The cluster's parts in one process: two API servers' batch services and a worker share one repository, one
 * queue and one relay, as separate processes share Postgres and Redis. The server's tests run the same over the
 * real ones.
 */
const MODEL = 'qwen/qwen3-vl-4b';
let double: InferenceDouble;
let root: string;
beforeAll(async () => {
  double = await startDouble('lmstudio', { parallel: 2, labelCorpus: false, generationTokensPerSecond: 400 });
  root = await mkdtemp(path.join(os.tmpdir(), 'cluster-in-process-'));
});
afterAll(async () => {
  await double.close();
  await rm(root, { recursive: true, force: true });
});

describe('a batch through the queue', () => {
  let repository: BatchRepository;
  let queue: JobQueue;
  let relay: EventRelay;
  let api: BatchService[];
  let worker: QueueWorker;
  let handle: JobHandler;
  const files = () => createBatchFiles(path.join(root, 'batches'));
  beforeEach(async () => {
    double.clearRequests();
    double.clearFaults();
    repository = createMemoryBatchRepository();
    queue = createMemoryJobQueue({ attempts: 3, backoffMs: 10 });
    relay = createMemoryEventRelay();
    // As a worker starts: its hosts' models and slots are known before it takes a job.
    const workerInference = routerFor(double.baseUrl);
    await workerInference.listModels();
    // The API servers' router sends nothing in a cluster (their batches go to the queue); the worker's does.
    const apiInference = routerFor(double.baseUrl);
    api = [1, 2].map(() =>
      createBatchService({
        inference: apiInference,
        repository,
        files: files(),
        limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
        prepareOptions: { maxSide: 256 },
        cluster: { queue, relay },
      }),
    );
    handle = createImageJobHandler({
      repository,
      files: files(),
      prepareOptions: { maxSide: 256 },
      inference: workerInference,
      slots: 2,
      relay,
      queue,
      logger: silentLogger,
    });
    worker = queue.work({ models: [MODEL], slots: 2, handle });
  });
  afterEach(async () => {
    await worker.drain();
    await queue.close();
  });

  it('is answered by the worker, each image once, and followed to its end on the other API server', async () => {
    const upload = await colourUploads(root, ['red', 'green', 'blue', 'red']);
    const submitted = await api[0]!.submit({ model: MODEL, ...upload });
    const seen: string[] = [];
    for await (const entry of await api[1]!.follow(submitted.batchId, 0)) seen.push(entry.event.type);
    expect(seen[0]).toBe('batch-started');
    expect(seen.at(-1)).toBe('batch-finished');
    expect(seen.filter((type) => type === 'item-finished')).toHaveLength(4);
    const view = await api[1]!.get(submitted.batchId);
    expect(view?.status).toBe('completed');
    expect(view?.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue', 'red']);
    expect(double.requests).toHaveLength(4);
    expect((await submitted.done).status).toBe('completed');
  });

  it('records the run as one process does, and counts the wall time of a batch that waited its turn from its start', async () => {
    const first = await api[0]!.submit({ model: MODEL, ...(await colourUploads(root, ['red', 'green'])) });
    const second = await api[0]!.submit({ model: MODEL, ...(await colourUploads(root, ['blue'])), runAfter: first.batchId });
    expect((await second.done).status).toBe('completed');
    const [earlier, later] = await Promise.all([first.batchId, second.batchId].map(async (id) => (await repository.getBatch(id))!.batch));
    // It started when the earlier batch ended: its wall time cannot include the wait since its upload.
    const sinceEarlierEnded = (Date.parse(later!.finishedAt!) - Date.parse(earlier!.finishedAt!)) / 1000;
    expect(later!.stats!.wall_time).toBeLessThanOrEqual(sinceEarlierEnded + 0.001);
    const embedded = createBatchService({
      inference: routerFor(double.baseUrl),
      repository,
      files: files(),
      limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
      prepareOptions: { maxSide: 256 },
    });
    const alone = await embedded.submit({ model: MODEL, ...(await colourUploads(root, ['blue'])) });
    await alone.done;
    const expected = (await repository.getBatch(alone.batchId))!.batch.runRecord!;
    expect(later!.runRecord).toMatchObject({
      model: MODEL,
      modelInfo: expected.modelInfo,
      prompt: expected.prompt,
      promptHash: expected.promptHash,
      timings: { wallTimeSeconds: later!.stats!.wall_time },
      hosts: expected.hosts,
    });
    expect(later!.runRecord!.modelInfo).not.toBeNull();
  });

  it("starts a comparison's next batch from the worker that ended the previous one, with its API server gone", async () => {
    const first = await api[0]!.submit({ model: MODEL, ...(await colourUploads(root, ['red', 'green'])) });
    const second = await api[0]!.submit({ model: MODEL, ...(await colourUploads(root, ['blue'])), runAfter: first.batchId });
    // The API server that took both stops following: it will not see the first end.
    await api[0]!.drain(0);
    const seen: string[] = [];
    for await (const entry of await api[1]!.follow(second.batchId, 0)) seen.push(entry.event.type);
    expect(seen.filter((type) => type === 'batch-started')).toHaveLength(1);
    expect(seen.at(-1)).toBe('batch-finished');
    expect((await api[1]!.get(second.batchId)).items.map((item) => item.result?.entity)).toEqual(['blue']);
  });

  it('sends nothing and writes nothing when a job runs again after its answer was recorded', async () => {
    const upload = await colourUploads(root, ['blue']);
    const submitted = await api[0]!.submit({ model: MODEL, ...upload });
    await submitted.done;
    const logged = await repository.events(submitted.batchId, 0);
    const again = await handle(
      { batchId: submitted.batchId, index: 0, model: MODEL },
      { attempt: 1, finalAttempt: false, signal: new AbortController().signal },
    );
    expect(again).toBe('done');
    expect(double.requests).toHaveLength(1);
    expect(await repository.events(submitted.batchId, 0)).toEqual(logged);
  });

  it('says DATA_DIR is not shared when a worker cannot see the batch, sends nothing, and fails the image on its last run', async () => {
    await repository.createBatch(
      {
        batchId: 'elsewhere',
        model: MODEL,
        prompt: null,
        status: 'running',
        createdAt: new Date().toISOString(),
        finishedAt: null,
        elapsedS: 0,
        stats: null,
        comparisonId: null,
        runAfter: null,
        runRecord: null,
        concurrency: null,
      },
      [{ index: 0, filename: 'a.png', size: 1, status: 'queued', result: null, label: null }],
    );
    const job = { batchId: 'elsewhere', index: 0, model: MODEL };
    const signal = new AbortController().signal;
    const unshared = /batches\/elsewhere does not exist on this worker: DATA_DIR must be one volume shared by every API server and worker/;
    // Another worker may see the volume: before the last run the image stays queued for it.
    await expect(handle(job, { attempt: 1, finalAttempt: false, signal })).rejects.toThrow(unshared);
    expect((await repository.getBatch('elsewhere'))?.items[0]?.status).toBe('queued');
    // The last run puts the reason on the image, and its batch ends instead of waiting for ever.
    expect(await handle(job, { attempt: 3, finalAttempt: true, signal })).toBe('done');
    const stored = await repository.getBatch('elsewhere');
    expect(stored?.items[0]?.result).toMatchObject({
      success: false,
      errorCode: 'data-dir-not-shared',
      error: expect.stringMatching(unshared),
    });
    expect(stored?.batch.status).toBe('completed');
    expect(double.requests).toHaveLength(0);
  });

  it('sends an image again when its host failed, and records the answer once', async () => {
    double.injectFault({ kind: 'http-500', times: 1 });
    const upload = await colourUploads(root, ['green']);
    const submitted = await api[0]!.submit({ model: MODEL, ...upload });
    expect((await submitted.done).status).toBe('completed');
    const view = await api[0]!.get(submitted.batchId);
    expect(view?.items.map((item) => [item.status, item.result?.entity])).toEqual([['success', 'green']]);
    const finished = (await repository.events(submitted.batchId, 0)).filter((entry) => entry.event.type === 'item-finished');
    expect(finished).toHaveLength(1);
  });

  it('is cancelled from the other API server: waiting images never reach the model, every item ends cancelled or answered', async () => {
    double.injectFault({ kind: 'hang', times: 2 });
    const upload = await colourUploads(root, ['red', 'green', 'blue', 'red', 'green']);
    const submitted = await api[0]!.submit({ model: MODEL, ...upload });
    await expect.poll(() => double.requests.length).toBe(2);
    const view = await api[1]!.cancel(submitted.batchId);
    await expect.poll(async () => (await api[0]!.get(submitted.batchId))?.status).toBe('cancelled');
    expect(view.items.slice(2).map((item) => item.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect.poll(() => double.requests.every((request) => request.closedByClient)).toBe(true);
    expect(double.requests).toHaveLength(2);
    expect((await submitted.done).status).toBe('cancelled');
  });
});
