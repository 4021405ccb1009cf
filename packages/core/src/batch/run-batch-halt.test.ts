import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { sendThrough } from '../testing/send-through';
import { runBatch, type BatchItemInput } from './run-batch';
import type { BatchProgressEvent } from './types';

const items: BatchItemInput[] = Array.from({ length: 6 }, (_, index) => ({ index, filename: `${index}.jpg`, path: `/uploads/${index}` }));
const image = (item: BatchItemInput): PreparedImage => ({
  data: Buffer.from(item.path),
  mime: 'image/jpeg',
  width: 1,
  height: 1,
  sourceFormat: 'jpeg',
  sourceWidth: 1,
  sourceHeight: 1,
  bytes: 1,
});
const answer = (entity: string): ImageAnalysis => ({
  ok: true,
  entity,
  rawAnswer: entity,
  durationS: 0.1,
  timeToFirstTokenS: 0.01,
  tokensPerSecond: 10,
  promptTokens: 1,
  completionTokens: 1,
});

describe('runBatch halted (the server is stopping)', () => {
  it('lets the requests in flight finish and report, sends nothing more, and does not end the batch', async () => {
    const halt = new AbortController();
    const events: BatchProgressEvent[] = [];
    const sent: string[] = [];
    const inFlight: Array<() => void> = [];
    const outcome = runBatch({
      batchId: 'b1',
      model: 'm',
      items,
      concurrency: 2,
      halt: halt.signal,
      prepare: async (item) => image(item),
      send: sendThrough(async (request) => {
        const path = request.image.data.toString();
        sent.push(path);
        return new Promise((resolve) => inFlight.push(() => resolve(answer(path))));
      }),
      onEvent: (event) => void events.push(event),
    });
    await expect.poll(() => inFlight.length).toBe(2);
    halt.abort();
    for (const finish of inFlight) finish();

    const { status, results, stats } = await outcome;
    expect(status).toBe('running');
    expect(sent).toEqual(['/uploads/0', '/uploads/1']);
    expect(results.filter(Boolean).map((result) => result.entity)).toEqual(['/uploads/0', '/uploads/1']);
    expect(events.filter((event) => event.type === 'item-finished')).toHaveLength(2);
    expect(events.some((event) => event.type === 'batch-finished')).toBe(false);
    expect(stats).toMatchObject({ successful: 2 });
  });

  it('sends nothing that was still waiting for its turn when the halt came, and leaves it unstarted', async () => {
    const halt = new AbortController();
    const events: BatchProgressEvent[] = [];
    const sent: string[] = [];
    let finishFirst: () => void = () => undefined;
    let asked = 0;
    const first = sendThrough((request) => {
      sent.push(request.image.data.toString());
      return new Promise((resolve) => (finishFirst = () => resolve(answer('cat'))));
    });
    const outcome = runBatch({
      batchId: 'b1',
      model: 'm',
      items: items.slice(0, 3),
      concurrency: 2,
      halt: halt.signal,
      // One turn for the batch: the second image waits for its turn until the halt, as the router answers then.
      send: (request, options) => {
        if (asked++ === 0) return first(request, options);
        return new Promise((resolve) => options?.halt?.addEventListener('abort', () => resolve({ status: 'halted' }), { once: true }));
      },
      prepare: async (item) => image(item),
      onEvent: (event) => void events.push(event),
    });
    await expect.poll(() => asked).toBe(2);
    halt.abort();
    finishFirst();

    const { status, results } = await outcome;
    expect(status).toBe('running');
    expect(sent).toEqual(['/uploads/0']);
    expect(results.filter(Boolean).map((result) => result.index)).toEqual([0]);
    expect(events.filter((event) => event.type === 'item-started').map((event) => event.type === 'item-started' && event.index)).toEqual([
      0,
    ]);
  });

  it('leaves a started image for the next run when the router halts it between sends', async () => {
    const halt = new AbortController();
    const events: string[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items.slice(0, 1),
      halt: halt.signal,
      // Its host failed after the request left, and the server started stopping before it could go elsewhere.
      send: async (_request, options) => {
        await options?.onSent?.();
        halt.abort();
        return { status: 'halted' };
      },
      prepare: async (item) => image(item),
      onEvent: (event) => void events.push(event.type),
    });
    expect(outcome.status).toBe('running');
    expect(outcome.results.filter(Boolean)).toHaveLength(0);
    expect(events).toEqual(['batch-started', 'item-started']);
  });

  it('still ends a batch normally when every item had finished before the halt', async () => {
    const halt = new AbortController();
    const events: BatchProgressEvent[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items.slice(0, 1),
      halt: halt.signal,
      prepare: async (item) => image(item),
      send: sendThrough(async (request) => {
        halt.abort();
        return answer(request.image.data.toString());
      }),
      onEvent: (event) => void events.push(event),
    });
    expect(outcome.status).toBe('completed');
    expect(events.at(-1)?.type).toBe('batch-finished');
  });
});
