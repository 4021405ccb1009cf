import { solidImage, startDouble, type InferenceDouble } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { batchForm, createTestTrpcClient, postBatch } from '../testing/server-harness';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

describe.skipIf(missing)('SERVER_ROLE=all in a cluster', () => {
  let cluster: LocalCluster;
  let double: InferenceDouble;
  let server: ServerProcess;
  beforeAll(async () => {
    cluster = await startLocalCluster({ apis: 0, workers: 0 });
    double = await startDouble('lmstudio', { labelCorpus: true });
    server = await startServerProcess({
      DATABASE_URL: cluster.postgres.url,
      REDIS_URL: cluster.redis.url,
      DATA_DIR: cluster.dataDir,
      LMSTUDIO_BASE_URL: double.baseUrl,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await cluster?.close();
  });

  it('is an API server and a worker in one process: a batch goes through the queue to its own hosts', async () => {
    const files = await Promise.all(
      (['red', 'blue'] as const).map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })),
    );
    const { status, body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
    expect(status).toBe(202);
    const api = createTestTrpcClient(server.url);
    await expect
      .poll(async () => (await api.batches.get.query({ batchId: body.batchId })).status, { timeout: 20_000, interval: 200 })
      .toBe('completed');
    expect((await api.batches.get.query({ batchId: body.batchId })).items.map((item) => item.result?.entity)).toEqual(['red', 'blue']);
    const ready = (await (await fetch(`${server.url}/api/ready`)).json()) as any;
    expect(ready.workers).toHaveLength(1);
  });
});
