import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { startServerUnderIdleParent, type ZombieableServerProcess } from '../testing/server-process';
import { batchForm, createTestTrpcClient, postBatch } from '../testing/server-harness';

const COLOURS: ColourName[] = ['red', 'green', 'blue', 'yellow', 'white', 'black'];
const KILLS = 10;

describe('kill -9 and an immediate restart on the same DATA_DIR', () => {
  let double: InferenceDouble;
  let dataDir: string;
  const servers: ZombieableServerProcess[] = [];

  beforeAll(async () => {
    // Slow generation: every kill lands while an image is with the model.
    double = await startDouble('lmstudio', { generationTokensPerSecond: 25 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-kill-restart-'));
  });
  afterAll(async () => {
    for (const server of servers) {
      await server.stop().catch(() => undefined);
      await server.dispose();
    }
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const startedAt = Date.now();
    const server = await startServerUnderIdleParent({ DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl, LMSTUDIO_CONCURRENCY: '1' });
    servers.push(server);
    return { server, startedAt };
  };
  /** Until an image sent by the server started at `startedAt` is with the model. */
  const imageAtTheModel = (startedAt: number) =>
    expect
      .poll(() => double.requests.some((request) => request.startedAt >= startedAt && request.finishedAt === undefined), {
        timeout: 20_000,
        interval: 10,
      })
      .toBe(true);

  it(
    `serves after each of ${KILLS} kills, the killed server still a zombie, and finishes the interrupted batch`,
    { timeout: 180_000 },
    async () => {
      let { server, startedAt } = await start();
      const files = await Promise.all(COLOURS.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));
      const { body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
      const batchId = body.batchId as string;

      for (let kill = 1; kill <= KILLS; kill++) {
        await imageAtTheModel(startedAt);
        const killed = server;
        await killed.stop();
        ({ server, startedAt } = await start());
        // The old pid is still there (a zombie nobody reaps): liveness judged from it would refuse this start.
        expect(await killed.isZombie()).toBe(true);
        const view = await createTestTrpcClient(server.url).batches.get.query({ batchId });
        expect(view.status).not.toBe('completed');
      }

      const trpc = createTestTrpcClient(server.url);
      await new Promise<void>((resolve, reject) => {
        trpc.batches.onProgress.subscribe({ batchId }, { onComplete: resolve, onError: reject });
      });
      const view = await trpc.batches.get.query({ batchId });
      expect(view.status).toBe('completed');
      expect(view.items.map((item) => item.result?.entity)).toEqual(COLOURS);
      expect(server.output()).toContain(`Resuming 1 unfinished batch(es): ${batchId}`);
      expect(double.requests.filter((request) => request.closedByClient).length).toBeGreaterThanOrEqual(KILLS);
    },
  );
});
