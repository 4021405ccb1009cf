import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { routerFor } from '../testing/router-for';
import { createBatchFiles } from './batch-files';
import { createBatchService } from './batch-service';
import { createMemoryBatchRepository } from '../testing/memory-repository';

const MODEL = 'qwen/qwen3-vl-4b';
let double: InferenceDouble;
let root: string;

beforeAll(async () => {
  // Two parallel slots and a little generation time, so that requests really overlap.
  double = await startDouble('lmstudio', { parallel: 2, generationTokensPerSecond: 400 });
  root = await mkdtemp(path.join(os.tmpdir(), 'batch-sharing-'));
});
afterAll(async () => {
  await double.close();
  await rm(root, { recursive: true, force: true });
});

async function upload(colour: ColourName, count: number) {
  const dir = await mkdtemp(path.join(root, 'upload-'));
  const data = await solidImage(colour);
  const files = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const file = path.join(dir, `${index}.upload`);
      await writeFile(file, data);
      return { filename: `${colour}-${index}.png`, path: file, size: data.length };
    }),
  );
  return { files, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The most requests LM Studio held at once (answering or queued), from the double's request log. */
function mostOutstanding(): number {
  const edges = double.requests.flatMap((request) => [
    { at: request.startedAt, change: 1 },
    { at: request.finishedAt ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  // At the same millisecond, an answer that ended frees its place before the next request takes it.
  edges.sort((a, b) => a.at - b.at || a.change - b.change);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.change));
  return most;
}

describe('batches sharing LM Studio', () => {
  it("keep all together within LM Studio's parallel slots, take turns, and all complete", async () => {
    const inference = routerFor(double.baseUrl);
    const service = createBatchService({
      inference,
      repository: createMemoryBatchRepository(),
      files: createBatchFiles(path.join(root, 'batches')),
      limits: { maxImagesPerBatch: 35, maxUploadBytes: 100 * 1024 * 1024 },
      prepareOptions: { maxSide: 1024 },
    });
    const colours: ColourName[] = ['red', 'green', 'blue'];
    const outcomes = await Promise.all(colours.map(async (colour) => service.submit({ model: MODEL, ...(await upload(colour, 6)) })));
    const runs = await Promise.all(outcomes.map((outcome) => outcome.done));

    runs.forEach((run, batch) => {
      expect(run.status).toBe('completed');
      expect(run.results.map((result) => [result.index, result.entity])).toEqual(
        Array.from({ length: 6 }, (_, index) => [index, colours[batch]]),
      );
    });
    // Each batch alone would use both slots (LM Studio reports parallel 2); together they still use only two.
    expect(mostOutstanding()).toBe(2);
    // In turns: at no point has one batch sent more than two requests beyond another's.
    const sent = new Map<string, number>(colours.map((colour) => [colour, 0]));
    for (const request of double.requests) {
      sent.set(request.label!, (sent.get(request.label!) ?? 0) + 1);
      expect(Math.max(...sent.values()) - Math.min(...sent.values())).toBeLessThanOrEqual(2);
    }
    expect(inference.snapshot()).toMatchObject({ inFlight: 0, waiting: [] });
  });
});
