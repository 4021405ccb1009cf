import { solidImage, type ColourName } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { batchForm, createTestTrpcClient, postBatch } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

const COLOURS: ColourName[] = ['red', 'green', 'blue'];
async function upload(url: string, count: number) {
  const files = await Promise.all(
    Array.from({ length: count }, async (_, index) => ({
      name: `${COLOURS[index % 3]}-${index}.png`,
      data: await solidImage(COLOURS[index % 3]!),
    })),
  );
  const { status, body } = await postBatch(url, '/api/batches', batchForm(files, { model: MODEL }));
  expect(status).toBe(202);
  return body.batchId as string;
}

describe.skipIf(missing)('a cluster: two API servers and workers on Postgres and Redis', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ apis: 2, workers: 2, double: { parallel: 2, generationTokensPerSecond: 200 }, queueLockS: 2 });
  }, 60_000);
  afterAll(() => cluster?.close());

  it('answers a batch uploaded to one API server, followed to its end on the other, each image once', async () => {
    const batchId = await upload(cluster.apis[0]!.url, 8);
    const other = createTestTrpcClient(cluster.apis[1]!.url);
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = other.batches.onProgress.subscribe(
        { batchId },
        {
          onData: ({ data }) => {
            seen.push(data.type);
            if (data.type === 'batch-finished') {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    expect(seen.filter((type) => type === 'item-finished')).toHaveLength(8);
    const view = await other.batches.get.query({ batchId });
    expect(view.status).toBe('completed');
    expect(view.items.map((item) => item.result?.entity)).toEqual(Array.from({ length: 8 }, (_, index) => COLOURS[index % 3]));
    const sent = cluster.workers.map((worker) => worker.double.requests.length);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(8);
    expect(sent.every((count) => count > 0)).toBe(true);
  });

  it('shows the workers, their models and the queue in /api/ready on any API server', async () => {
    const response = await fetch(`${cluster.apis[1]!.url}/api/ready`);
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(body.workers).toHaveLength(2);
    expect(body.workers[0].models).toContain(MODEL);
    expect(body.queue[MODEL]).toBe(0);
  });

  it("lists the workers' models and hosts on an API server that has no inference server of its own", async () => {
    const api = createTestTrpcClient(cluster.apis[0]!.url);
    const models = await api.models.list.query();
    expect(models.map((model) => model.id)).toContain(MODEL);
    expect(models.find((model) => model.id === MODEL)?.parallel).toBe(4);
    const hosts = await api.models.hosts.query();
    expect(hosts.map((host) => host.baseUrl).sort()).toEqual(cluster.workers.map((worker) => worker.double.baseUrl).sort());
  });

  it('serves only /api/health on a worker', async () => {
    const worker = cluster.workers[0]!.process.url;
    expect(await (await fetch(`${worker}/api/health`)).json()).toMatchObject({
      ok: true,
      role: 'worker',
      models: expect.arrayContaining([MODEL]),
    });
    expect((await fetch(`${worker}/api/batches`)).status).toBe(404);
  });

  it('loses nothing when a worker is killed mid-batch: its images go to another worker, each answered once', async () => {
    for (const worker of cluster.workers) worker.double.clearRequests();
    // Slow enough that the killed worker holds images when it dies.
    await Promise.all(cluster.workers.map((worker) => worker.double.setOptions({ generationTokensPerSecond: 20 })));
    const batchId = await upload(cluster.apis[0]!.url, 10);
    const victim = cluster.workers[0]!;
    await expect.poll(() => victim.double.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    victim.process.child.kill('SIGKILL');
    const api = createTestTrpcClient(cluster.apis[1]!.url);
    await expect.poll(async () => (await api.batches.get.query({ batchId })).status, { timeout: 30_000, interval: 200 }).toBe('completed');
    const view = await api.batches.get.query({ batchId });
    expect(view.items.every((item) => item.status === 'success')).toBe(true);
    // Sent at most twice: once to the killed worker's double (unanswered), once more elsewhere.
    const unanswered = victim.double.requests.filter((request) => request.closedByClient).length;
    const total = cluster.workers.reduce((sum, worker) => sum + worker.double.requests.length, 0);
    expect(total).toBeLessThanOrEqual(10 + unanswered);
  });

  it('cancels on the other API server: waiting images never reach a double, running ones are closed', async () => {
    await Promise.all(cluster.workers.map((worker) => worker.double.setOptions({ generationTokensPerSecond: 5 })));
    const live = cluster.workers.filter((worker) => worker.process.child.exitCode === null && worker.process.child.signalCode === null);
    for (const worker of live) worker.double.clearRequests();
    const batchId = await upload(cluster.apis[0]!.url, 20);
    await expect.poll(() => live.reduce((sum, worker) => sum + worker.double.requests.length, 0), { timeout: 10_000 }).toBeGreaterThan(0);
    const view = await createTestTrpcClient(cluster.apis[1]!.url).batches.cancel.mutate({ batchId });
    expect(view.status).toBe('cancelled');
    expect(view.items.filter((item) => item.status === 'cancelled').length).toBeGreaterThan(10);
    expect(view.items.every((item) => item.status === 'cancelled' || item.status === 'success')).toBe(true);
    const requests = () => live.flatMap((worker) => worker.double.requests);
    await expect.poll(() => requests().every((request) => request.finishedAt !== undefined), { timeout: 10_000 }).toBe(true);
    const sent = requests().length;
    // Nothing more goes out once the cancel has answered and the running images were closed.
    await fetch(`${cluster.apis[0]!.url}/api/ready`);
    expect(requests().length).toBe(sent);
    expect(sent).toBeLessThan(20);
  });

  it('drains a worker on SIGTERM: the images it holds are answered and saved, it exits 0, the others finish the batch', async () => {
    const leaving = await cluster.addWorker({ parallel: 2, generationTokensPerSecond: 20 });
    await Promise.all(cluster.workers.map((worker) => worker.double.setOptions({ generationTokensPerSecond: 20 })));
    const batchId = await upload(cluster.apis[1]!.url, 12);
    await expect.poll(() => leaving.double.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => leaving.process.child.once('exit', resolve));
    leaving.process.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(leaving.double.requests.every((request) => request.finishedAt !== undefined && !request.closedByClient)).toBe(true);
    const api = createTestTrpcClient(cluster.apis[0]!.url);
    await expect.poll(async () => (await api.batches.get.query({ batchId })).status, { timeout: 30_000, interval: 200 }).toBe('completed');
    const view = await api.batches.get.query({ batchId });
    expect(view.items.every((item) => item.status === 'success')).toBe(true);
  });

  it('loses nothing when the API server that took the batch is killed: the workers finish it, the other serves it', async () => {
    const live = cluster.workers.filter((worker) => worker.process.child.exitCode === null && worker.process.child.signalCode === null);
    for (const worker of live) worker.double.clearRequests();
    const batchId = await upload(cluster.apis[0]!.url, 9);
    await expect.poll(() => live.reduce((sum, worker) => sum + worker.double.requests.length, 0), { timeout: 10_000 }).toBeGreaterThan(0);
    cluster.apis[0]!.child.kill('SIGKILL');
    const api = createTestTrpcClient(cluster.apis[1]!.url);
    await expect.poll(async () => (await api.batches.get.query({ batchId })).status, { timeout: 30_000, interval: 200 }).toBe('completed');
    const view = await api.batches.get.query({ batchId });
    expect(view.items.every((item) => item.status === 'success')).toBe(true);
    expect(live.reduce((sum, worker) => sum + worker.double.requests.length, 0)).toBe(9);
  });
});
