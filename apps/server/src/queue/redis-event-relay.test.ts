import { solidImage, type ColourName } from '@vision/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { batchForm, followBatchToEnd, postBatch } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const PHOTOS = 8;
const COLOURS: ColourName[] = ['red', 'green', 'blue'];
/** The relay's channel with the default key prefix (queue/redis-event-relay.ts). */
const EVENTS_CHANNEL = 'vision:events';
const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

describe.skipIf(missing)("a cluster whose API servers keep losing Redis's pub/sub", () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    // Slow enough (a few images a second) that the batch runs through many cuts.
    cluster = await startLocalCluster({ apis: 2, workers: 1, double: { parallel: 2, generationTokensPerSecond: 60 } });
  }, 60_000);
  afterAll(() => cluster?.close());

  it('still brings a follower on the other API server every image and the end, read from the event log', async () => {
    const admin = new Redis(cluster.redis.url);
    // A subscriber of the test's own, cut with the servers': what it misses, theirs miss too.
    const probe = new Redis(cluster.redis.url);
    for (const connection of [admin, probe]) connection.on('error', () => undefined);
    let heard = 0;
    probe.on('message', () => void (heard += 1));
    await probe.subscribe(EVENTS_CHANNEL);
    // Every pub/sub connection dropped every 20 ms: ioredis reconnects after 50 ms, so most messages go nowhere.
    const cuts = setInterval(() => void admin.client('KILL', 'TYPE', 'pubsub').catch(() => undefined), 20);
    try {
      const files = await Promise.all(
        Array.from({ length: PHOTOS }, async (_, index) => ({
          name: `${COLOURS[index % 3]}-${index}.png`,
          data: await solidImage(COLOURS[index % 3]!),
        })),
      );
      const { status, body } = await postBatch(cluster.apis[0]!.url, '/api/batches', batchForm(files, { model: MODEL }));
      expect(status).toBe(202);
      const batchId = body.batchId as string;
      const seen = await followBatchToEnd(cluster.apis[1]!.url, batchId);
      const finished = seen.filter((event) => event.type === 'item-finished').map((event) => event.index);
      expect(finished.sort((a, b) => a! - b!)).toEqual(Array.from({ length: PHOTOS }, (_, index) => index));
      expect(seen.filter((event) => event.type === 'batch-finished')).toHaveLength(1);
      // The batch started, its images started and finished, and it ended: the probe heard only part of that.
      expect(heard).toBeLessThan(seen.length);
    } finally {
      clearInterval(cuts);
      probe.disconnect();
      admin.disconnect();
    }
  }, 60_000);
});
