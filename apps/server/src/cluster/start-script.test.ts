import { solidImage, startDouble, type InferenceDouble } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { batchForm, createTestTrpcClient, postBatch } from '../testing/server-harness';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

describe.skipIf(missing)('a cluster started as the README says: node apps/server/bin/start.mjs per role', () => {
  let cluster: LocalCluster;
  let double: InferenceDouble;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    cluster = await startLocalCluster({ apis: 0, workers: 0 });
    double = await startDouble('lmstudio', { labelCorpus: true });
    const shared = {
      DATABASE_URL: cluster.postgres.url,
      REDIS_URL: cluster.redis.url,
      DATA_DIR: cluster.dataDir,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_S: '1',
    };
    servers.push(
      await startServerProcess({ ...shared, SERVER_ROLE: 'api', LMSTUDIO_BASE_URL: 'http://127.0.0.1:9/v1' }, { launcher: true }),
      await startServerProcess({ ...shared, SERVER_ROLE: 'worker', LMSTUDIO_BASE_URL: double.baseUrl }, { launcher: true }),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await double?.close();
    await cluster?.close();
  });

  it('finishes a batch uploaded to the api role on the worker role', async () => {
    const [api] = servers;
    const files = await Promise.all(
      (['green', 'blue'] as const).map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })),
    );
    const { status, body } = await postBatch(api!.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
    expect(status).toBe(202);
    const client = createTestTrpcClient(api!.url);
    await expect
      .poll(async () => (await client.batches.get.query({ batchId: body.batchId })).status, { timeout: 20_000, interval: 200 })
      .toBe('completed');
    expect((await client.batches.get.query({ batchId: body.batchId })).items.map((item) => item.result?.entity)).toEqual(['green', 'blue']);
    expect(double.requests).toHaveLength(2);
    expect(await (await fetch(`${servers[1]!.url}/api/health`)).json()).toMatchObject({ role: 'worker' });
  });
});
