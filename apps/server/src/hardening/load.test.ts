import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBatchProgressEvent } from '@vision/api-contract';
import { COLOUR_NAMES, solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { batchForm, createTestTrpcClient, postBatch } from '../testing/server-harness';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

const MODEL = 'qwen/qwen3-vl-4b';
const MB = 1024 * 1024;
const CLIENTS = 4;
const IMAGES = 35;

/** Client k's images are 40+k pixels wide: the width tells which batch each request LM Studio received came from. */
const widthOf = (client: number) => 40 + client;
const colourAt = (index: number): ColourName => COLOUR_NAMES[index % COLOUR_NAMES.length]!;

describe(`${CLIENTS} clients each uploading ${IMAGES} images at once`, () => {
  let double: InferenceDouble;
  let dataDir: string;
  let server: ServerProcess;
  let memoryBefore: { rss: number };
  const batchIds: string[] = [];
  const events: TBatchProgressEvent[][] = [];

  beforeAll(async () => {
    // Some generation time, so the batches overlap at LM Studio as they would on a real GPU.
    double = await startDouble('lmstudio', { generationTokensPerSecond: 400 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-load-'));
    server = await startServerProcess({ DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl });
    memoryBefore = await server.memory();
    const trpc = createTestTrpcClient(server.url);

    const client = async (k: number) => {
      const files = await Promise.all(
        Array.from({ length: IMAGES }, async (_, index) => ({
          name: `client-${k}-${index}-${colourAt(index)}.png`,
          data: await solidImage(colourAt(index), { width: widthOf(k), height: 30 }),
        })),
      );
      const { status, body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: MODEL }));
      expect(status).toBe(202);
      batchIds[k] = body.batchId;
      events[k] = [];
      await new Promise<void>((resolve, reject) => {
        trpc.batches.onProgress.subscribe(
          { batchId: body.batchId },
          { onData: ({ data }) => events[k]!.push(data), onComplete: resolve, onError: reject },
        );
      });
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('completes every batch with every result right, in order', async () => {
    const trpc = createTestTrpcClient(server.url);
    for (const [k, batchId] of batchIds.entries()) {
      const view = await trpc.batches.get.query({ batchId });
      expect(view.status).toBe('completed');
      expect(view.stats).toMatchObject({ total_images: IMAGES, successful: IMAGES, failed: 0 });
      expect(view.items.map((item) => item.filename)).toEqual(
        Array.from({ length: IMAGES }, (_, index) => `client-${k}-${index}-${colourAt(index)}.png`),
      );
      expect(view.items.map((item) => item.result?.entity)).toEqual(Array.from({ length: IMAGES }, (_, index) => colourAt(index)));
    }
  });

  it('streams every batch its own progress to the end', () => {
    for (const [k, received] of events.entries()) {
      const finishedItems = received.filter((event) => event.type === 'item-finished');
      expect(finishedItems, `client ${k}`).toHaveLength(IMAGES);
      expect(finishedItems.every((event) => event.batchId === batchIds[k])).toBe(true);
      expect(received.at(-1)).toMatchObject({ type: 'batch-finished', status: 'completed' });
    }
  });

  it('starves no batch: each has its first answer before any batch has its last', () => {
    const batchOf = (width: number | undefined) => (width === undefined ? -1 : width - widthOf(0));
    const byBatch = Array.from({ length: CLIENTS }, (_, k) => double.requests.filter((request) => batchOf(request.images[0]?.width) === k));
    for (const requests of byBatch) expect(requests).toHaveLength(IMAGES);
    const firstAnswer = byBatch.map((requests) => Math.min(...requests.map((request) => request.finishedAt!)));
    const lastAnswer = byBatch.map((requests) => Math.max(...requests.map((request) => request.finishedAt!)));
    expect(Math.max(...firstAnswer)).toBeLessThanOrEqual(Math.min(...lastAnswer));
    // The same in LM Studio's order of arrival, which has no ties.
    const arrival = double.requests.map((request) => batchOf(request.images[0]?.width));
    const firstArrival = byBatch.map((_, k) => arrival.indexOf(k));
    const lastArrival = byBatch.map((_, k) => arrival.lastIndexOf(k));
    expect(Math.max(...firstArrival)).toBeLessThan(Math.min(...lastArrival));
  });

  it('keeps the server process under 300 MB of growth at its peak, with no upload left behind', async () => {
    const after = await server.memory();
    expect(after.peak - memoryBefore.rss).toBeLessThan(300 * MB);
    const trpc = createTestTrpcClient(server.url);
    expect((await trpc.batches.list.query({ limit: 10 })).batches).toHaveLength(CLIENTS);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await readdir(path.join(dataDir, 'uploads'))).toEqual([]);
    for (const batchId of batchIds) {
      expect((await readdir(path.join(dataDir, 'batches', batchId))).filter((file) => !file.endsWith('.prepared.jpg'))).toEqual([]);
    }
  });
});
