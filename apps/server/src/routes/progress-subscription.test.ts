import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBatchProgressEvent } from '@vision/api-contract';
import { solidImage } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const COLOURS = ['red', 'green', 'blue', 'yellow', 'white', 'black'] as const;

async function colourFiles() {
  return Promise.all(
    COLOURS.map(async (colour) => ({
      name: `${colour}.png`,
      data: await solidImage(colour, { width: 32, height: 32 }),
    })),
  );
}

interface Received {
  id: string;
  event: TBatchProgressEvent;
}

/** Subscribes and collects events until the stream ends (or `stopAfter` events, to simulate a drop). */
function collect(server: TestServer, batchId: string, lastEventId?: string, stopAfter = Infinity): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    const received: Received[] = [];
    const subscription = server.trpc.batches.onProgress.subscribe(
      { batchId, lastEventId },
      {
        onData: (tracked) => {
          received.push({ id: tracked.id, event: tracked.data });
          if (received.length >= stopAfter) {
            subscription.unsubscribe();
            resolve(received);
          }
        },
        onComplete: () => resolve(received),
        onError: reject,
      },
    );
  });
}

describe('batches.onProgress', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Slow enough generation that a subscriber can join mid-batch.
    server = await startTestServer({ double: { generationTokensPerSecond: 60 } });
  });
  afterAll(() => server.close());

  it('follows a batch from POST /api/batches live to its end, every item exactly once', async () => {
    const files = await colourFiles();
    const { status, body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: MODEL }));
    expect(status).toBe(202);
    const events = await collect(server, body.batchId);

    const types = events.map((e) => e.event.type);
    expect(types[0]).toBe('batch-started');
    expect(types.at(-1)).toBe('batch-finished');
    expect(types.filter((t) => t === 'item-started')).toHaveLength(files.length);
    const finished = events.flatMap((e) => (e.event.type === 'item-finished' ? [e.event.result] : []));
    finished.sort((a, b) => a.index - b.index);
    expect(finished.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(finished.map((r) => [r.filename, r.entity])).toEqual(COLOURS.map((c) => [`${c}.png`, c]));
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));

    const last = events.at(-1)!.event;
    expect(last.type === 'batch-finished' && last.stats).toMatchObject({ total_images: 6, successful: 6, failed: 0 });
    const view = await server.trpc.batches.get.query({ batchId: body.batchId });
    expect(view.status).toBe('completed');
    expect(view.items.map((item) => item.status)).toEqual(Array(6).fill('success'));
  });

  it('gives a late subscriber every event it missed, then the live ones', async () => {
    const { body } = await postBatch(server.url, '/api/batches', batchForm(await colourFiles(), { model: MODEL }));
    const early = await collect(server, body.batchId);
    const late = await collect(server, body.batchId);
    expect(late.map((e) => e.id)).toEqual(early.map((e) => e.id));
    expect(late.map((e) => e.event)).toEqual(early.map((e) => e.event));
  });

  it('resumes a dropped subscription from lastEventId with no lost or repeated event', async () => {
    const { body } = await postBatch(server.url, '/api/batches', batchForm(await colourFiles(), { model: MODEL }));
    const first = await collect(server, body.batchId, undefined, 3);
    const rest = await collect(server, body.batchId, first.at(-1)!.id);
    const all = [...first, ...rest];
    expect(all.map((e) => Number(e.id))).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)!.event.type).toBe('batch-finished');
    const complete = await collect(server, body.batchId);
    expect(all.map((e) => e.event)).toEqual(complete.map((e) => e.event));
  });

  it('answers NOT_FOUND for an unknown batch', async () => {
    await expect(server.trpc.batches.get.query({ batchId: 'nope' })).rejects.toThrow(/No batch with id "nope"/);
  });

  it('lists the models with vision first', async () => {
    const models = await server.trpc.models.list.query();
    expect(models.map((m) => m.id)).toContain('qwen/qwen3-vl-4b');
    const firstNonVision = models.findIndex((m) => m.vision !== true);
    expect(models.slice(firstNonVision).every((m) => m.vision !== true)).toBe(true);
    expect(models.find((m) => m.id === 'qwen/qwen3-vl-4b')).toMatchObject({ vision: true, loaded: true });
  });
});
