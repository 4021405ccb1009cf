import { solidImage, type ChatRequestLogEntry, type ColourName } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { batchForm, createTestTrpcClient, followBatchToEnd, postBatch } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const PHOTOS_PER_BATCH = 12;
const COLOURS: ColourName[] = ['red', 'green', 'blue'];
const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

/**
 * Every photo has its own size (batch A 32 px high, batch B 33 px), small enough to be sent unscaled, so a double's
 * request log tells which photo each request carried.
 */
const photoKey = (width: number, height: number) => `${width}x${height}`;
const photoSize = (batch: number, index: number) => ({ width: 40 + index, height: 32 + batch });
const requestKey = (request: ChatRequestLogEntry) => photoKey(request.images[0]!.width, request.images[0]!.height);

async function upload(url: string, batch: number) {
  const files = await Promise.all(
    Array.from({ length: PHOTOS_PER_BATCH }, async (_, index) => ({
      name: `${COLOURS[index % 3]}-${batch}-${index}.png`,
      data: await solidImage(COLOURS[index % 3]!, photoSize(batch, index)),
    })),
  );
  const { status, body } = await postBatch(url, '/api/batches', batchForm(files, { model: MODEL }));
  expect(status).toBe(202);
  return body.batchId as string;
}

const countBy = (keys: string[]) => keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());

describe.skipIf(missing)("issue 25's Done when: two batches, kill -9 of a worker and of an API server", () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    // Slow enough (about a second an image) that both kills land while both batches are running.
    cluster = await startLocalCluster({ apis: 2, workers: 3, double: { parallel: 2, generationTokensPerSecond: 20 }, queueLockS: 2 });
  }, 90_000);
  afterAll(() => cluster?.close());

  it('answers every photo of both batches exactly once; only the killed worker’s photos reach a double twice', async () => {
    const [takenByKilled, survivor] = cluster.apis as [LocalCluster['apis'][0], LocalCluster['apis'][0]];
    const batchIds = await Promise.all([upload(takenByKilled.url, 0), upload(survivor.url, 1)]);
    const victim = cluster.workers[0]!;
    const requests = () => cluster.workers.flatMap((worker) => worker.double.requests);
    // Mid-batch for both: a request of the victim is at its double now (not between two images, as under load it
    // may be), and every batch has reached a double.
    await expect
      .poll(
        () =>
          victim.double.requests.some((request) => request.finishedAt === undefined) &&
          [0, 1].every((batch) => requests().some((r) => r.images[0]!.height === 32 + batch)),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    victim.process.child.kill('SIGKILL');
    takenByKilled.child.kill('SIGKILL');
    const answeredAtKills = requests().filter((request) => request.finishedAt !== undefined && !request.closedByClient).length;
    expect(answeredAtKills).toBeLessThan(2 * PHOTOS_PER_BATCH);

    const logs = await Promise.all(batchIds.map((batchId) => followBatchToEnd(survivor.url, batchId)));
    const api = createTestTrpcClient(survivor.url);
    for (const [batch, batchId] of batchIds.entries()) {
      const view = await api.batches.get.query({ batchId });
      expect(view.status).toBe('completed');
      expect(view.items.map((item) => [item.status, item.result?.entity])).toEqual(
        Array.from({ length: PHOTOS_PER_BATCH }, (_, index) => ['success', COLOURS[index % 3]]),
      );
      const finishedIndexes = logs[batch]!.filter((event) => event.type === 'item-finished').map((event) => event.index);
      expect(finishedIndexes.sort((a, b) => a! - b!)).toEqual(Array.from({ length: PHOTOS_PER_BATCH }, (_, index) => index));
      expect(logs[batch]!.filter((event) => event.type === 'batch-finished')).toHaveLength(1);
    }

    const sent = countBy(requests().map(requestKey));
    const everyPhoto = [0, 1].flatMap((batch) =>
      Array.from({ length: PHOTOS_PER_BATCH }, (_, index) => photoKey(photoSize(batch, index).width, photoSize(batch, index).height)),
    );
    expect([...sent.keys()].sort()).toEqual([...everyPhoto].sort());
    const sentTwice = [...sent].filter(([, count]) => count > 1).map(([key]) => key);
    expect(Math.max(...sent.values())).toBeLessThanOrEqual(2);
    const victimPhotos = new Set(victim.double.requests.map(requestKey));
    expect(sentTwice.filter((key) => !victimPhotos.has(key))).toEqual([]);
    // A photo whose request the kill cut off was never answered by the victim, so it went to another worker.
    const cutOff = victim.double.requests.filter((request) => request.closedByClient).map(requestKey);
    expect(cutOff.length).toBeGreaterThan(0);
    expect(cutOff.filter((key) => sent.get(key) !== 2)).toEqual([]);
  }, 60_000);
});
