import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, validPhotos, type InferenceDouble } from '@vision/testkit';
import { createBatchFiles } from '../batch/batch-files';
import { createBatchService } from '../batch/batch-service';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { routerFor } from '../testing/router-for';
import type { HostRouter } from './host-router';

let root: string;
let doubles: InferenceDouble[] = [];
let routers: HostRouter[] = [];
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pool-batch-'));
});
afterEach(async () => {
  routers.forEach((router) => router.close());
  await Promise.all(doubles.map((double) => double.close()));
  doubles = [];
  routers = [];
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** 35 uploads: the corpus's photos over and over, each under its own name. */
async function upload35() {
  const dir = await mkdtemp(path.join(root, 'upload-'));
  const photos = validPhotos();
  const files = await Promise.all(
    Array.from({ length: 35 }, async (_, index) => {
      const photo = photos[index % photos.length]!;
      const file = path.join(dir, `${index}.upload`);
      await copyFile(photo.absolutePath, file);
      return { filename: `${index}-${path.basename(photo.file)}`, path: file, size: photo.bytes, label: photo.label };
    }),
  );
  return { files, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function serviceFor(urls: string[]) {
  const router = routerFor(urls, { requestTimeoutMs: 20_000, recheckMs: 100 });
  routers.push(router);
  const repository = createMemoryBatchRepository();
  const service = createBatchService({
    inference: router,
    repository,
    files: createBatchFiles(await mkdtemp(path.join(root, 'batches-'))),
    limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
    prepareOptions: { maxSide: 384, maxPixels: 100_000_000 },
  });
  return { router, service, repository };
}

async function runBatchOf(urls: string[], model: string) {
  const { service, router } = await serviceFor(urls);
  const { files, cleanup } = await upload35();
  const submitted = await service.submit({ model, files, cleanup });
  const outcome = await submitted.done;
  return { outcome, files, router };
}

describe('a batch on each kind of server', () => {
  it.each([
    ['ollama', 'qwen2.5vl:3b', 1, 150],
    ['llamacpp', 'gemma-3-4b-it-Q4_K_M.gguf', 4, 40],
    ['vllm', 'Qwen/Qwen2.5-VL-3B-Instruct', 8, 25],
  ] as const)('names all 35 photos right on %s, using the slots the server has', async (kind, model, slots, tokensPerSecond) => {
    const double = await startDouble(kind, { labelCorpus: true, generationTokensPerSecond: tokensPerSecond });
    doubles.push(double);
    const { outcome, files, router } = await runBatchOf([double.baseUrl], model);
    expect(outcome.results.map((result) => result.entity)).toEqual(files.map((file) => file.label));
    expect(outcome.results.every((result) => result.host === double.baseUrl && result.host_kind === kind)).toBe(true);
    expect(double.metrics().maxInFlight).toBe(slots);
    const listed = (await router.listModels()).find((candidate) => candidate.id === model);
    expect(listed).toMatchObject({ vision: kind === 'vllm' ? null : true, parallel: slots, hosts: [{ baseUrl: double.baseUrl, kind }] });
  });

  it('refuses a batch for an Ollama text-only model, saying it cannot see images, and sends nothing', async () => {
    const double = await startDouble('ollama', { labelCorpus: true });
    doubles.push(double);
    const { service } = await serviceFor([double.baseUrl]);
    const { files, cleanup } = await upload35();
    await expect(service.submit({ model: 'qwen3:4b', files, cleanup })).rejects.toMatchObject({
      code: 'model-cannot-see-images',
      message: expect.stringMatching(/"qwen3:4b" cannot see images/),
    });
    expect(double.requests).toHaveLength(0);
  });
});

describe('a batch over several hosts', () => {
  it('loses no image when a host goes away mid-batch: its images go to the others', async () => {
    const options = { labelCorpus: true, parallel: 2, generationTokensPerSecond: 60 } as const;
    const hosts = await Promise.all([startDouble('lmstudio', options), startDouble('lmstudio', options), startDouble('lmstudio', options)]);
    doubles.push(...hosts);
    const [victim] = hosts;
    const { service, repository } = await serviceFor(hosts.map((host) => host.baseUrl));
    const { files, cleanup } = await upload35();
    const submitted = await service.submit({ model: 'qwen/qwen3-vl-4b', files, cleanup });
    // Stopped while it has requests in flight.
    await expect.poll(() => victim!.metrics().completed >= 2 && victim!.metrics().inFlight > 0, { timeout: 20_000 }).toBe(true);
    await victim!.down();
    const outcome = await submitted.done;
    expect(outcome.stats.failed).toBe(0);
    expect(outcome.results.map((result) => result.entity)).toEqual(files.map((file) => file.label));
    // Requests it had taken when it went were answered by the others, not counted failed.
    const answeredByVictim = outcome.results.filter((result) => result.host === victim!.baseUrl).length;
    expect(answeredByVictim).toBeGreaterThanOrEqual(2);
    expect(answeredByVictim).toBeLessThan(victim!.requests.length);
    expect(new Set(outcome.results.map((result) => result.host)).size).toBe(3);
    // The run record names the host (and kind) that answered each image.
    const record = (await repository.getBatch(submitted.batchId))!.batch.runRecord!;
    expect(record.hosts!.map((host) => host.kind)).toEqual(['lmstudio', 'lmstudio', 'lmstudio']);
    expect(record.hosts!.flatMap((host) => host.images).sort((a, b) => a - b)).toEqual(files.map((_, index) => index));
  });

  it('fails an image only when no host can serve the model, naming the hosts tried', async () => {
    const hosts = await Promise.all([startDouble('lmstudio', { labelCorpus: true }), startDouble('lmstudio', { labelCorpus: true })]);
    doubles.push(...hosts);
    const { service } = await serviceFor(hosts.map((host) => host.baseUrl));
    await Promise.all(hosts.map((host) => host.down()));
    const { files, cleanup } = await upload35();
    const submitted = await service.submit({ model: 'qwen/qwen3-vl-4b', files: files.slice(0, 3), cleanup });
    const outcome = await submitted.done;
    expect(outcome.stats.failed).toBe(3);
    for (const result of outcome.results) {
      expect(result.errorCode).toBe('no-host-available');
      expect(result.error).toMatch(/^No inference host can serve model "qwen\/qwen3-vl-4b" now; tried /);
      for (const host of hosts) expect(result.error).toContain(host.baseUrl);
    }
  });
});
