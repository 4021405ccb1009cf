import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { createBatchFiles } from './batch-files';
import { createBatchService } from './batch-service';
import { routerFor } from '../testing/router-for';
import { silentLogger } from '../logger';
import { colourUploads } from '../testing/colour-uploads';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { createMemoryEventRelay, type EventRelay } from './event-relay';
import { createImageJobHandler } from './image-job-handler';
import { createMemoryJobQueue } from '../queue/memory-job-queue';

const MODEL = 'qwen/qwen3-vl-4b';
let double: InferenceDouble;
let root: string;
beforeAll(async () => {
  double = await startDouble('lmstudio', { parallel: 2, labelCorpus: false, generationTokensPerSecond: 400 });
  root = await mkdtemp(path.join(os.tmpdir(), 'cluster-relay-gap-'));
});
afterAll(async () => {
  await double.close();
  await rm(root, { recursive: true, force: true });
});

/** A relay that loses every `batch-finished`, as an API server cut from Redis when it was published would. */
function relayLosingTheEnd(): EventRelay {
  const inner = createMemoryEventRelay();
  return {
    ...inner,
    publish: async (batchId, entry) => (entry.event.type === 'batch-finished' ? undefined : inner.publish(batchId, entry)),
  };
}

it('brings a follower on another API server to the end when the relay lost the batch-finished message', async () => {
  const repository = createMemoryBatchRepository();
  const queue = createMemoryJobQueue({ attempts: 1, backoffMs: 10 });
  const relay = relayLosingTheEnd();
  const files = () => createBatchFiles(path.join(root, 'batches'));
  const inference = routerFor(double.baseUrl);
  await inference.listModels();
  const [taker, follower] = [1, 2].map(() =>
    createBatchService({
      inference: routerFor(double.baseUrl),
      repository,
      files: files(),
      limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
      prepareOptions: { maxSide: 256 },
      cluster: { queue, relay, quietCheckMs: 50 },
    }),
  );
  const handle = createImageJobHandler({
    repository,
    files: files(),
    prepareOptions: { maxSide: 256 },
    inference,
    slots: 2,
    relay,
    queue,
    logger: silentLogger,
  });
  const worker = queue.work({ models: [MODEL], slots: 2, handle });
  try {
    const submitted = await taker!.submit({ model: MODEL, ...(await colourUploads(root, ['red', 'green', 'blue'])) });
    const seen: string[] = [];
    for await (const entry of await follower!.follow(submitted.batchId, 0)) seen.push(entry.event.type);
    expect(seen.at(-1)).toBe('batch-finished');
    expect(seen.filter((type) => type === 'item-finished')).toHaveLength(3);
    expect((await submitted.done).status).toBe('completed');
  } finally {
    await worker.drain();
    await queue.close();
  }
});
