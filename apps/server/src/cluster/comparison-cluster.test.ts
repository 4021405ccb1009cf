import { existsSync } from 'node:fs';
import path from 'node:path';
import { solidImage, type ColourName } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing } from '../testing/cluster-services';
import { startLocalCluster, type LocalCluster } from '../testing/cluster-processes';
import { createTestTrpcClient } from '../testing/server-harness';

const MODELS = ['qwen/qwen3-vl-4b', 'google/gemma-3-4b'];
const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

async function comparisonForm(colours: ColourName[]) {
  const form = new FormData();
  for (const model of MODELS) form.append('models', model);
  for (const [index, colour] of colours.entries()) form.append('images[]', new Blob([await solidImage(colour)]), `${colour}-${index}.png`);
  return form;
}

describe.skipIf(missing)('a comparison in a cluster', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    // Slow answers: the first model is still running when its API server is killed.
    cluster = await startLocalCluster({ apis: 2, workers: 1, double: { parallel: 2, generationTokensPerSecond: 40 } });
  }, 60_000);
  afterAll(() => cluster?.close());

  it("starts the next model's batch when the API server that ran the previous one was killed", async () => {
    const colours: ColourName[] = ['red', 'green', 'blue', 'red'];
    const response = await fetch(`${cluster.apis[0]!.url}/api/comparisons`, { method: 'POST', body: await comparisonForm(colours) });
    expect(response.status).toBe(202);
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    const double = cluster.workers[0]!.double;
    await expect.poll(() => double.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    cluster.apis[0]!.child.kill('SIGKILL');
    const api = createTestTrpcClient(cluster.apis[1]!.url);
    await expect
      .poll(async () => (await api.comparisons.get.query({ comparisonId })).status, { timeout: 30_000, interval: 200 })
      .toBe('completed');
    for (const model of MODELS) expect(double.requests.filter((request) => request.model === model)).toHaveLength(colours.length);
    const view = await api.comparisons.get.query({ comparisonId });
    expect(view.models.map((model) => model.model)).toEqual(MODELS);
    // Each run is recorded as on one machine (the next model's by the worker that started it), so they compare.
    const [first, next] = view.models.map((model) => model.runRecord!);
    for (const [index, model] of view.models.entries()) {
      expect(model.runRecord).toMatchObject({ model: MODELS[index], timings: { wallTimeSeconds: model.stats!.wall_time } });
      expect(model.runRecord!.modelInfo).not.toBeNull();
    }
    expect(next!.promptHash).toBe(first!.promptHash);
    // The next model's clock starts when it starts, after the first ended; not at the upload.
    const sinceFirstEnded = (Date.parse(next!.timings.finishedAt!) - Date.parse(first!.timings.finishedAt!)) / 1000;
    expect(view.models[1]!.stats!.wall_time).toBeLessThanOrEqual(sinceFirstEnded + 0.05);
  });

  it('deletes a running comparison from any API server: its runs stop, the next model never starts, nothing of it is left', async () => {
    const api = createTestTrpcClient(cluster.apis[1]!.url);
    const response = await fetch(`${cluster.apis[1]!.url}/api/comparisons`, {
      method: 'POST',
      body: await comparisonForm(['red', 'green', 'blue']),
    });
    expect(response.status).toBe(202);
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    const { models } = await api.comparisons.get.query({ comparisonId });
    const double = cluster.workers[0]!.double;
    const sentBefore = double.requests.length;
    await expect.poll(() => double.requests.length, { timeout: 10_000 }).toBeGreaterThan(sentBefore);

    await api.comparisons.delete.mutate({ comparisonId });
    await expect(api.comparisons.get.query({ comparisonId })).rejects.toThrow(/No comparison/);
    for (const { batchId } of models) {
      await expect(api.batches.get.query({ batchId })).rejects.toThrow(/No batch/);
      expect(existsSync(path.join(cluster.dataDir, 'batches', batchId))).toBe(false);
    }
    // What was at the double when it was deleted ends; the second model's run never starts.
    await expect.poll(() => double.requests.every((request) => request.finishedAt !== undefined), { timeout: 10_000 }).toBe(true);
    expect(double.requests.slice(sentBefore).every((request) => request.model === MODELS[0])).toBe(true);
    expect((await api.comparisons.list.query({ limit: 100 })).comparisons.map((entry) => entry.comparisonId)).not.toContain(comparisonId);
  });
});
