import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { startServerProcess, type ServerProcess } from './testing/server-process';
import { OWNER_FILE } from './storage/data-dir-lock';
import { batchForm, createTestTrpcClient, postBatch } from './testing/server-harness';

const COLOURS: ColourName[] = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'gray', 'orange'];
type View = { status: string; items: Array<{ status: string; filename: string }> };

describe('a server stopped with SIGTERM mid-batch', () => {
  let double: InferenceDouble;
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    // Slow generation, two requests at a time: the signal lands with requests at the double.
    double = await startDouble('lmstudio', { generationTokensPerSecond: 12 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-graceful-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the requests at LM Studio, refuses uploads, ends streams, exits 0; the restart sends the rest, none twice', async () => {
    const env = { DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl, LMSTUDIO_CONCURRENCY: '2', SHUTDOWN_GRACE_S: '30' };
    const first = await startServerProcess(env);
    servers.push(first);
    const files = await Promise.all(COLOURS.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));
    const { body } = await postBatch(first.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
    const batchId = body.batchId as string;
    const view = async (url: string) => (await (await fetch(`${url}/api/batches/${batchId}`)).json()) as View;

    // A follower, to see its stream end cleanly rather than break.
    const streamEnd = new Promise<string>((resolve) => {
      createTestTrpcClient(first.url).batches.onProgress.subscribe(
        { batchId },
        {
          onComplete: () => resolve('complete'),
          onError: () => resolve('error'),
          onConnectionStateChange: (state) => state.state === 'connecting' && state.error && resolve('dropped'),
        },
      );
    });

    await expect
      .poll(async () => (await view(first.url)).items.filter((item) => item.status === 'success').length, { timeout: 30_000, interval: 50 })
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => double.requests.filter((request) => request.finishedAt === undefined).length, { timeout: 10_000, interval: 10 })
      .toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    // Readiness says so as soon as the signal is handled.
    await expect
      .poll(async () => (await (await fetch(`${first.url}/api/ready`)).json()) as { stopping?: boolean }, { timeout: 5_000, interval: 10 })
      .toMatchObject({ stopping: true });
    // Taken once the server has handled the signal, not when the test sent it: under load a request may still
    // start in between, and it too is one the server must finish.
    const sentBeforeStop = double.requests.map((request) => request.id);

    const upload = await fetch(`${first.url}/api/batches`, {
      method: 'POST',
      body: batchForm(files.slice(0, 1), { model: 'qwen/qwen3-vl-4b' }),
    });
    expect(upload.status).toBe(503);
    expect(await upload.json()).toEqual({ success: false, code: 'server-stopping', error: expect.stringMatching(/stopping/) });

    expect(await exited).toBe(0);
    expect(await streamEnd).toBe('complete');
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    // Every request that was at the double when the signal came was answered and not cut.
    expect(double.requests.map((request) => request.id)).toEqual(sentBeforeStop);
    expect(double.requests.every((request) => request.finishedAt !== undefined && !request.closedByClient && request.status === 200)).toBe(
      true,
    );
    expect(sentBeforeStop.length).toBeLessThan(COLOURS.length);

    const second = await startServerProcess(env);
    servers.push(second);
    await expect.poll(async () => (await view(second.url)).status, { timeout: 60_000, interval: 100 }).toBe('completed');
    const finalView = await view(second.url);
    expect(finalView.items.map((item) => item.status)).toEqual(COLOURS.map(() => 'success'));
    const labels = double.requests.map((request) => request.label).sort();
    expect(labels).toEqual([...COLOURS].sort());
  });
});
