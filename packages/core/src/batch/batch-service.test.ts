import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { routerFor } from '../testing/router-for';
import { createBatchFiles } from './batch-files';
import { createBatchService, type BatchService } from './batch-service';
import type { LoggedEvent } from './event-log';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import type { BatchRepository } from './repository';
import { colourUploads } from '../testing/colour-uploads';

const MODEL = 'qwen/qwen3-vl-4b';
let double: InferenceDouble;
let root: string;

beforeAll(async () => {
  double = await startDouble('lmstudio');
});
afterAll(() => double.close());
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'batch-service-'));
  double.clearFaults();
  double.clearRequests();
  await double.setOptions({ generationTokensPerSecond: 0 });
});
afterEach(() => rm(root, { recursive: true, force: true }));

function makeService(repository: BatchRepository = createMemoryBatchRepository(), concurrency = 1) {
  const files = createBatchFiles(path.join(root, 'batches'));
  const service = createBatchService({
    inference: routerFor(double.baseUrl, { requestTimeoutMs: 5_000 }),
    repository,
    files,
    limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
    prepareOptions: { maxSide: 1024 },
    concurrency,
  });
  return { service, repository, files };
}

const uploads = (colours: ColourName[]) => colourUploads(root, colours);

async function submit(service: BatchService, colours: ColourName[]) {
  return service.submit({ model: MODEL, ...(await uploads(colours)) });
}

async function collect(service: BatchService, batchId: string, lastEventId = 0): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for await (const entry of (await service.follow(batchId, lastEventId))!) events.push(entry);
  return events;
}

const labelsSent = () => double.requests.map((request) => request.label);

describe('a batch in the batch service', () => {
  it('keeps the prepared images and thumbnails, removes the originals and the upload folder', async () => {
    const { service, files } = makeService();
    const { files: uploaded, cleanup, dir } = await uploads(['red', 'blue']);
    const outcome = await service.submit({ model: MODEL, files: uploaded, cleanup });
    await outcome.done;

    const view = await service.get(outcome.batchId);
    expect(view?.status).toBe('completed');
    expect(view?.items.map((item) => [item.filename, item.result?.entity])).toEqual([
      ['red.png', 'red'],
      ['blue.png', 'blue'],
    ]);
    expect(await readdir(path.join(root, 'batches', outcome.batchId))).toEqual(['0.prepared.jpg', '1.prepared.jpg']);
    expect(await files.exists(dir)).toBe(false);
    const thumbnail = await service.thumbnail(outcome.batchId, 0);
    expect(thumbnail?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('cancels at once: the in-flight request is closed, queued items are cancelled, nothing more is sent', async () => {
    const { service } = makeService();
    double.injectFault({ kind: 'hang', times: 1 });
    const { batchId, done } = await submit(service, ['red', 'green', 'blue', 'yellow']);
    await expect.poll(() => double.requests.length).toBe(1);

    const view = await service.cancel(batchId);
    await done;
    expect(view.status).toBe('cancelled');
    expect(view.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    await expect.poll(() => double.requests[0]?.closedByClient).toBe(true);
    expect(double.requests).toHaveLength(1);
    expect(view.stats).toMatchObject({ total_images: 4, successful: 0, failed: 0, cancelled: 4 });
  });

  it('retries the failed items from their prepared images, and the stats follow', async () => {
    const { service, files } = makeService();
    double.injectFault({ kind: 'http-500', times: 2 });
    const { batchId, done } = await submit(service, ['red', 'green', 'blue']);
    await done;
    expect((await service.get(batchId))?.stats).toMatchObject({ successful: 1, failed: 2 });
    expect(await files.exists(files.originalPath(batchId, 0))).toBe(false);

    double.clearRequests();
    const retried = await service.retry(batchId);
    expect(retried.indexes).toEqual([0, 1]);
    await service.idle();
    const view = await service.get(batchId);
    expect(view?.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue']);
    expect(view?.stats).toMatchObject({ total_images: 3, successful: 3, failed: 0 });
    expect(labelsSent()).toEqual(['red', 'green']);
  });

  it('retries cancelled items that were never prepared from their kept originals', async () => {
    const { service } = makeService();
    double.injectFault({ kind: 'hang', times: 1 });
    const { batchId, done } = await submit(service, ['red', 'green', 'blue']);
    await expect.poll(() => double.requests.length).toBe(1);
    await service.cancel(batchId);
    await done;
    expect((await service.get(batchId))?.items.map((item) => item.retryable)).toEqual([true, true, true]);
    await service.retry(batchId);
    await service.idle();
    const view = await service.get(batchId);
    expect(view?.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue']);
    expect(view?.status).toBe('completed');
  });

  it('leaves files that were refused out of a default retry', async () => {
    const { service } = makeService();
    const { files, cleanup } = await uploads(['red', 'green']);
    await writeFile(files[1]!.path, 'not an image at all');
    double.injectFault({ kind: 'http-500', times: 1 });
    const outcome = await service.submit({ model: MODEL, files, cleanup });
    await outcome.done;
    const failedView = await service.get(outcome.batchId);
    // LM Studio's HTTP 500 is the server failing, not a refusal of the image: worth running again.
    expect(failedView?.items.map((item) => [item.status, item.result?.errorCode, item.retryable])).toEqual([
      ['error', 'inference-server-error', true],
      ['error', 'not-an-image', false],
    ]);
    expect(await service.retry(outcome.batchId)).toEqual({ batchId: outcome.batchId, indexes: [0] });
    await service.idle();
    const view = await service.get(outcome.batchId);
    expect(view?.items.map((item) => [item.status, item.retryable])).toEqual([
      ['success', false],
      ['error', false],
    ]);
    // Only the refused file failed: nothing can run again, and the view says so before the server refuses.
    await expect(service.retry(outcome.batchId)).rejects.toMatchObject({ code: 'nothing-to-retry' });
  });

  it('refuses to retry a running batch, or one with nothing to retry', async () => {
    const { service } = makeService();
    double.injectFault({ kind: 'hang', times: 1 });
    const { batchId, done } = await submit(service, ['red']);
    await expect.poll(() => double.requests.length).toBe(1);
    await expect(service.retry(batchId)).rejects.toMatchObject({ kind: 'conflict', code: 'batch-still-running' });
    await service.cancel(batchId);
    await done;
    double.clearFaults();
    await service.retry(batchId);
    await service.idle();
    await expect(service.retry(batchId)).rejects.toMatchObject({
      kind: 'invalid-input',
      code: 'nothing-to-retry',
      message: expect.stringMatching(/Nothing to retry/),
    });
    await expect(service.retry('missing')).rejects.toMatchObject({ kind: 'not-found', code: 'batch-not-found' });
  });

  it('lets a subscriber that replays from the start follow a retry to its end', async () => {
    const { service } = makeService();
    double.injectFault({ kind: 'http-500', times: 1 });
    const { batchId, done } = await submit(service, ['red', 'green']);
    await done;
    const firstRun = await collect(service, batchId);
    expect(firstRun.at(-1)?.event.type).toBe('batch-finished');

    await service.retry(batchId);
    const all = await collect(service, batchId);
    const starts = all.filter((entry) => entry.event.type === 'batch-started');
    expect(starts.map((entry) => entry.event.type === 'batch-started' && entry.event.retry)).toEqual([false, true]);
    const last = all.at(-1)!.event;
    expect(last.type === 'batch-finished' && last.stats).toMatchObject({ successful: 2, failed: 0 });
    expect(all.map((entry) => entry.id)).toEqual(all.map((_, i) => i + 1));
  });

  it('resumes an unfinished batch after a restart, running only what had not finished', async () => {
    const repository = createMemoryBatchRepository();
    const first = makeService(repository);
    await double.setOptions({ generationTokensPerSecond: 30 });
    const colours: ColourName[] = ['red', 'green', 'blue', 'yellow', 'white'];
    const { batchId } = await submit(first.service, colours);
    await expect
      .poll(async () => (await first.service.get(batchId))?.items.filter((i) => i.status === 'success').length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    // "Crash": the old service's run is abandoned mid-batch, as if the process had died; a new one takes over.
    const crashed = structuredClone(await repository.getBatch(batchId));
    await first.service.cancel(batchId);
    await first.service.idle();
    const resumedRepository = createMemoryBatchRepository();
    await resumedRepository.createBatch(crashed!.batch, crashed!.items);
    for (const entry of await repository.events(batchId, 0)) {
      if (entry.event.type === 'batch-finished' || (entry.event.type === 'item-finished' && entry.event.result.error === 'cancelled'))
        break;
      await resumedRepository.recordEvent(batchId, entry, {});
    }
    const doneBefore = crashed!.items.filter((item) => item.status === 'success').map((item) => item.index);
    double.clearRequests();
    await double.setOptions({ generationTokensPerSecond: 0 });

    const second = makeService(resumedRepository);
    expect(await second.service.resumeUnfinished()).toEqual([batchId]);
    await second.service.idle();
    const view = await second.service.get(batchId);
    expect(view?.status).toBe('completed');
    expect(view?.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue', 'yellow', 'white']);
    const rerun = labelsSent();
    for (const index of doneBefore) expect(rerun).not.toContain(colours[index]);
    expect(rerun).toHaveLength(5 - doneBefore.length);
    const events = await collect(second.service, batchId);
    const resumedStart = events.find((entry) => entry.event.type === 'batch-started' && entry.event.resumed);
    expect(resumedStart).toBeDefined();
  });

  it('asks LM Studio for its models once per submitted batch, whichever APIs the server has', async () => {
    try {
      for (const [serverVersion, apisTried] of [
        ['0.4', 1],
        ['old', 3],
      ] as const) {
        await double.setOptions({ serverVersion });
        const { service } = makeService();
        double.resetMetrics();
        const { done } = await submit(service, ['red', 'green']);
        await done;
        // The first look at /v1/models tells the server's kind; then one listing serves the model check, the
        // concurrency, the run record and each image's vision check; an old server is asked on all three APIs.
        expect(double.metrics().modelListRequests).toBe(1 + apisTried);
      }
    } finally {
      await double.setOptions({ serverVersion: '0.4' });
    }
  });

  it('is idle only once the batches waiting for a finished one have run too', async () => {
    const { service } = makeService();
    await double.setOptions({ generationTokensPerSecond: 60 });
    const first = await submit(service, ['red', 'green']);
    const second = await service.submit({ model: MODEL, runAfter: first.batchId, ...(await uploads(['blue'])) });
    await service.idle();
    expect((await service.get(first.batchId))?.status).toBe('completed');
    expect((await service.get(second.batchId))?.status).toBe('completed');
    expect(labelsSent()).toEqual(['red', 'green', 'blue']);
  });

  it('deletes a batch with its files and thumbnails', async () => {
    const { service } = makeService();
    const { batchId, done } = await submit(service, ['red']);
    await done;
    await service.delete(batchId);
    await expect(service.get(batchId)).rejects.toMatchObject({ kind: 'not-found', code: 'batch-not-found' });
    await expect(service.thumbnail(batchId, 0)).rejects.toMatchObject({ kind: 'not-found', code: 'thumbnail-not-found' });
    expect(await readdir(path.join(root, 'batches'))).toEqual([]);
    await expect(service.delete(batchId)).rejects.toMatchObject({ kind: 'not-found', code: 'batch-not-found' });
  });

  it('refuses a whole batch without keeping any of its files', async () => {
    const { service } = makeService();
    const { files, cleanup, dir } = await uploads(['red']);
    await expect(service.submit({ model: 'qwen/qwen3-4b', files, cleanup })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'model-cannot-see-images',
      message: expect.stringMatching(/cannot see images/),
    });
    expect(await createBatchFiles(root).exists(dir)).toBe(false);
  });
});
