import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { startServerProcess } from './testing/server-process';
import { batchForm, createTestTrpcClient, postBatch } from './testing/server-harness';

const COLOURS: ColourName[] = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'gray', 'orange'];

describe('a server killed with SIGKILL mid-batch', () => {
  let double: InferenceDouble;
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // Slow generation, one request at a time: the kill lands while the batch is half done.
    double = await startDouble('lmstudio', { generationTokensPerSecond: 25 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-crash-'));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the batch by itself after a restart, with every result and no finished item run twice', async () => {
    const env = { DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl, LMSTUDIO_CONCURRENCY: '1' };
    const first = await startServerProcess(env);
    children.push(first.child);
    const files = await Promise.all(COLOURS.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));
    const { body } = await postBatch(first.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
    const batchId = body.batchId as string;

    const doneBeforeKill = async () => {
      const view = (await (await fetch(`${first.url}/api/batches/${batchId}`)).json()) as {
        items: Array<{ status: string; filename: string }>;
      };
      return view.items.filter((item) => item.status === 'success').map((item) => item.filename);
    };
    await expect.poll(async () => (await doneBeforeKill()).length, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(3);
    const finishedBefore = await doneBeforeKill();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(finishedBefore.length).toBeLessThan(COLOURS.length);

    const second = await startServerProcess(env);
    children.push(second.child);
    const trpc = createTestTrpcClient(second.url);
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      trpc.batches.onProgress.subscribe(
        { batchId },
        { onData: ({ data }) => events.push(data.type), onComplete: resolve, onError: reject },
      );
    });
    expect(events.at(-1)).toBe('batch-finished');

    const view = await trpc.batches.get.query({ batchId });
    expect(view.status).toBe('completed');
    expect(view.items.map((item) => item.result?.entity)).toEqual(COLOURS);
    expect(view.stats).toMatchObject({ total_images: 8, successful: 8, failed: 0 });
    expect(second.output()).toContain(`Resuming 1 unfinished batch(es): ${batchId}`);

    const requestsPerColour = new Map<string, number>();
    for (const request of double.requests) requestsPerColour.set(request.label!, (requestsPerColour.get(request.label!) ?? 0) + 1);
    for (const filename of finishedBefore) expect(requestsPerColour.get(filename.replace('.png', ''))).toBe(1);
    // Only the image that was with the model when the process died may have been sent twice.
    expect(double.requests.length).toBeLessThanOrEqual(COLOURS.length + 1);
    const leftovers = (await readdir(path.join(dataDir, 'batches', batchId))).filter((file) => !file.endsWith('.prepared.jpg'));
    expect(leftovers).toEqual([]);
    expect(await readdir(path.join(dataDir, 'uploads'))).toEqual([]);
  });
});
