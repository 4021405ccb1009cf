import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { CANCELLED } from '../schemas';
import { sendThrough } from '../testing/send-through';
import { runBatch, type BatchItemInput, type RunBatchOptions } from './run-batch';
import type { BatchProgressEvent } from './types';

const items = (count: number): BatchItemInput[] =>
  Array.from({ length: count }, (_, index) => ({ index, filename: `photo-${index}.jpg`, path: `/uploads/${index}` }));

const image = (item: BatchItemInput): PreparedImage => ({
  data: Buffer.from(item.path),
  mime: 'image/jpeg',
  width: 10,
  height: 10,
  sourceFormat: 'jpeg',
  sourceWidth: 10,
  sourceHeight: 10,
  bytes: item.path.length,
});

const answered = (entity: string, durationS = 0.5): ImageAnalysis => ({
  ok: true,
  entity,
  rawAnswer: `{"entity":"${entity}"}`,
  durationS,
  timeToFirstTokenS: 0.1,
  tokensPerSecond: 50,
  promptTokens: 300,
  completionTokens: 6,
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One turn of the event loop: whatever the runner could do without waiting for something is done by then. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A lane whose turn the test grants by hand, then answered by `analyze`; `asked` resolves when the runner asks.
 * A cancelled wait ends as the router's does: the image fails, cancelled, unsent.
 */
function handTurn(log: string[]) {
  let grant: () => void = () => undefined;
  let asked: () => void = () => undefined;
  const turn = {
    asked: new Promise<void>((resolve) => (asked = resolve)),
    grant: () => grant(),
    send:
      (analyze: (request: AnalyzeImageRequest) => Promise<ImageAnalysis>): RunBatchOptions['send'] =>
      async (request, sendOptions = {}) => {
        log.push('slot asked');
        asked();
        const { signal } = sendOptions;
        const granted = await new Promise<boolean>((resolve) => {
          grant = () => resolve(true);
          signal?.addEventListener('abort', () => resolve(false), { once: true });
        });
        if (!granted) return { status: 'failed', failure: CANCELLED };
        log.push('slot granted');
        try {
          const answering = analyze(request);
          await sendOptions.onSent?.();
          return { status: 'answered', analysis: await answering };
        } finally {
          log.push('slot released');
        }
      },
  };
  return turn;
}

function options(overrides: Partial<RunBatchOptions> & Pick<RunBatchOptions, 'items'>): RunBatchOptions & { events: BatchProgressEvent[] } {
  const events: BatchProgressEvent[] = [];
  return {
    batchId: 'b1',
    model: 'qwen/qwen3-vl-4b',
    prepare: async (item) => image(item),
    send: sendThrough(async (request) => answered(request.image.data.toString())),
    onEvent: (event) => {
      events.push(event);
    },
    events,
    ...overrides,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runBatch', () => {
  it('gives each image the answer to its own request, in index order', async () => {
    const run = options({ items: items(5) });
    const outcome = await runBatch(run);
    expect(outcome.results.map((r) => r.entity)).toEqual(['/uploads/0', '/uploads/1', '/uploads/2', '/uploads/3', '/uploads/4']);
    expect(outcome.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(outcome.status).toBe('completed');
  });

  it('emits batch-started, then started and finished for every item, then batch-finished with the stats', async () => {
    const run = options({ items: items(3) });
    const outcome = await runBatch(run);
    const types = run.events.map((e) => e.type);
    expect(types).toEqual([
      'batch-started',
      'item-started',
      'item-finished',
      'item-started',
      'item-finished',
      'item-started',
      'item-finished',
      'batch-finished',
    ]);
    expect(run.events.at(-1)).toEqual({ type: 'batch-finished', batchId: 'b1', status: 'completed', stats: outcome.stats });
  });

  it('keeps a failed preparation in its own item and goes on with the rest', async () => {
    const run = options({
      items: items(3),
      prepare: async (item) => {
        if (item.index === 1) throw Object.assign(new Error('x'), { reason: 'corrupt PNG: bad CRC' });
        return image(item);
      },
    });
    const outcome = await runBatch(run);
    expect(outcome.results.map((r) => r.success)).toEqual([true, false, true]);
    expect(outcome.results[1]!.error).toBe('photo-1.jpg: corrupt PNG: bad CRC');
    expect(outcome.stats).toMatchObject({ total_images: 3, successful: 2, failed: 1 });
  });

  it('fails an item refused before the run without preparing or sending it', async () => {
    let prepared = 0;
    let sent = 0;
    const list = items(2);
    list[0]!.rejection = { code: 'empty-file', message: 'empty file' };
    const run = options({
      items: list,
      prepare: async (item) => (prepared++, image(item)),
      send: sendThrough(async () => (sent++, answered('cat'))),
    });
    const outcome = await runBatch(run);
    expect(outcome.results[0]).toMatchObject({ success: false, error: 'photo-0.jpg: empty file' });
    expect([prepared, sent]).toEqual([1, 1]);
  });

  it('never has more than `concurrency` requests in flight, and keeps results in index order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const run = options({
      items: items(8),
      concurrency: 3,
      send: sendThrough(async (request) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Later images finish first, so completion order differs from index order.
        await delay(40 - Number(request.image.data.toString().split('/').pop()) * 4);
        inFlight--;
        return answered(request.image.data.toString());
      }),
    });
    const outcome = await runBatch(run);
    expect(maxInFlight).toBe(3);
    expect(outcome.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('sends the next image while the last result is still being recorded, and ends only once it is', async () => {
    let finishWrite: () => void = () => undefined;
    const slowWrite = new Promise<void>((resolve) => (finishWrite = resolve));
    const sent: string[] = [];
    const run = options({
      items: items(2),
      send: sendThrough(async (request) => (sent.push(request.image.data.toString()), answered('cat'))),
      onEvent: async (event) => {
        if (event.type === 'item-finished' && event.result.index === 0) await slowWrite;
      },
    });
    let ended = false;
    const running = runBatch(run).finally(() => (ended = true));
    // One request at a time: the second image leaves although the first one's result is not on disk yet.
    await expect.poll(() => sent).toEqual(['/uploads/0', '/uploads/1']);
    await settle();
    expect(ended).toBe(false);
    finishWrite();
    expect((await running).results.map((result) => result.entity)).toEqual(['cat', 'cat']);
  });

  it('fails the run, starting nothing more, when a result cannot be recorded', async () => {
    const sent: string[] = [];
    const run = options({
      items: items(3),
      send: sendThrough(async (request) => (sent.push(request.image.data.toString()), answered('cat'))),
      onEvent: async (event) => {
        if (event.type === 'item-finished') throw new Error('SQLITE_FULL: database or disk is full');
      },
    });
    await expect(runBatch(run)).rejects.toThrow('SQLITE_FULL');
    expect(sent.length).toBeLessThan(3);
  });

  it('prepares the next image while the current one is with the model', async () => {
    const log: string[] = [];
    const run = options({
      items: items(2),
      prepare: async (item) => (log.push(`prepare ${item.index}`), image(item)),
      send: sendThrough(async (request) => {
        log.push(`analyze ${request.image.data.toString()}`);
        await delay(20);
        log.push(`done ${request.image.data.toString()}`);
        return answered('x');
      }),
    });
    await runBatch(run);
    expect(log.indexOf('prepare 1')).toBeLessThan(log.indexOf('done /uploads/0'));
  });

  it('marks the in-flight and queued items cancelled when the signal aborts, and sends nothing more', async () => {
    const controller = new AbortController();
    let sent = 0;
    const run = options({
      items: items(4),
      signal: controller.signal,
      send: sendThrough(async (request) => {
        sent++;
        if (sent === 2) controller.abort();
        return request.signal?.aborted
          ? {
              ok: false,
              code: 'cancelled',
              error: 'cancelled',
              rawAnswer: null,
              durationS: 0,
              timeToFirstTokenS: null,
              tokensPerSecond: null,
              promptTokens: null,
              completionTokens: null,
            }
          : answered('cat');
      }),
    });
    const outcome = await runBatch(run);
    expect(sent).toBe(2);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.results.map((r) => r.error)).toEqual([null, 'cancelled', 'cancelled', 'cancelled']);
  });

  it('counts processing time as preparation plus the model request', async () => {
    const run = options({ items: items(1), send: sendThrough(async () => answered('cat', 1.25)) });
    const outcome = await runBatch(run);
    expect(outcome.results[0]!.processing_time).toBeGreaterThanOrEqual(1.25);
    expect(outcome.results[0]!.processing_time).toBeLessThan(1.5);
  });

  it('never holds more than `concurrency` prepared images that have not been sent', async () => {
    let started = 0;
    let sent = 0;
    let mostWaiting = 0;
    const run = options({
      items: items(12),
      concurrency: 3,
      prepare: async (item) => {
        started++;
        mostWaiting = Math.max(mostWaiting, started - sent);
        return image(item);
      },
      send: sendThrough(async (request) => {
        sent++;
        await delay(5);
        return answered(request.image.data.toString());
      }),
    });
    await runBatch(run);
    expect(started).toBe(12);
    expect(mostWaiting).toBe(3);
  });

  it('waits for its turn at the hosts before sending, and reports the wait as queue time', async () => {
    // The run's clock is performance.now(): the test moves it instead of sleeping.
    vi.useFakeTimers({ toFake: ['performance'] });
    const log: string[] = [];
    const slot = handTurn(log);
    const run = options({
      items: items(1),
      send: slot.send(async () => (log.push('sent'), answered('cat'))),
      onEvent: (event) => void log.push(event.type),
    });
    const running = runBatch(run);
    // A runner that never asks for the slot ends the run instead.
    await Promise.race([slot.asked, running]);
    await settle();
    // A runner that did not wait for the slot would have sent the image by now.
    expect(log).toEqual(['batch-started', 'slot asked']);
    vi.advanceTimersByTime(5_000);
    slot.grant();
    const outcome = await running;
    expect(log).toEqual([
      'batch-started',
      'slot asked',
      'slot granted',
      'sent',
      'item-started',
      'slot released',
      'item-finished',
      'batch-finished',
    ]);
    expect(outcome.results[0]!.queue_time).toBeGreaterThanOrEqual(5);
  });

  it('counts the wait for its own preparation as preparation, not queue time', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const run = options({ items: items(1), prepare: async (item) => (vi.advanceTimersByTime(5_000), image(item)) });
    const [result] = (await runBatch(run)).results;
    expect(result!.preparation_time).toBeGreaterThanOrEqual(5);
    expect(result!.queue_time).toBeLessThan(result!.preparation_time!);
  });

  it('cancels an item still waiting for its turn without sending it', async () => {
    const controller = new AbortController();
    let sent = 0;
    const slot = handTurn([]);
    const run = options({
      items: items(2),
      signal: controller.signal,
      send: slot.send(async () => (sent++, answered('cat'))),
    });
    const running = runBatch(run);
    await slot.asked;
    controller.abort();
    const outcome = await running;
    expect(sent).toBe(0);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.results.map((r) => r.error)).toEqual(['cancelled', 'cancelled']);
  });

  it("prepares a run's first image alone, so that its request leaves as early as possible", async () => {
    const log: string[] = [];
    const run = options({
      items: items(4),
      concurrency: 4,
      prepare: async (item) => {
        log.push(`start ${item.index}`);
        await delay(10);
        log.push(`end ${item.index}`);
        return image(item);
      },
    });
    await runBatch(run);
    expect(log.slice(0, 3)).toEqual(['start 0', 'end 0', 'start 1']);
    expect(log.filter((entry) => entry.startsWith('start'))).toHaveLength(4);
  });

  it("reports each image's time to first token, generation time and tokens per second from its request", async () => {
    const run = options({
      items: items(1),
      send: sendThrough(async () => ({ ...answered('cat', 1.25), timeToFirstTokenS: 0.5, tokensPerSecond: 42.345 })),
    });
    const [result] = (await runBatch(run)).results;
    expect(result).toMatchObject({
      time_to_first_token: 0.5,
      generation_time: 0.75,
      tokens_per_second: 42.3,
      prompt_tokens: 300,
      completion_tokens: 6,
    });
  });

  it("adds a resumed batch's earlier wall time and results to its stats", async () => {
    const earlier = { ...(await runBatch(options({ items: items(1) }))).results[0]!, index: 0 };
    const run = options({ items: items(3).slice(1), completed: [earlier], elapsedBeforeS: 30, resumed: true });
    const outcome = await runBatch(run);
    expect(outcome.stats.total_images).toBe(3);
    expect(outcome.stats.wall_time).toBeGreaterThanOrEqual(30);
    expect(outcome.stats.images_per_minute).toBeCloseTo((3 / outcome.stats.wall_time) * 60, 1);
    expect(run.events[0]).toMatchObject({ type: 'batch-started', total: 3, resumed: true });
  });
});
