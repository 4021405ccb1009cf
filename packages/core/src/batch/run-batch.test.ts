import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
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

function options(overrides: Partial<RunBatchOptions> & Pick<RunBatchOptions, 'items'>): RunBatchOptions & { events: BatchProgressEvent[] } {
  const events: BatchProgressEvent[] = [];
  return {
    batchId: 'b1',
    model: 'qwen/qwen3-vl-4b',
    prepare: async (item) => image(item),
    analyze: async (request) => answered(request.image.data.toString()),
    onEvent: (event) => {
      events.push(event);
    },
    events,
    ...overrides,
  };
}

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
    expect(types).toEqual(['batch-started', 'item-started', 'item-finished', 'item-started', 'item-finished', 'item-started', 'item-finished', 'batch-finished']);
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
    list[0]!.rejection = 'empty file';
    const run = options({
      items: list,
      prepare: async (item) => (prepared++, image(item)),
      analyze: async () => (sent++, answered('cat')),
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
      analyze: async (request) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Later images finish first, so completion order differs from index order.
        await delay(40 - Number(request.image.data.toString().split('/').pop()) * 4);
        inFlight--;
        return answered(request.image.data.toString());
      },
    });
    const outcome = await runBatch(run);
    expect(maxInFlight).toBe(3);
    expect(outcome.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('prepares the next image while the current one is with the model', async () => {
    const log: string[] = [];
    const run = options({
      items: items(2),
      prepare: async (item) => (log.push(`prepare ${item.index}`), image(item)),
      analyze: async (request) => {
        log.push(`analyze ${request.image.data.toString()}`);
        await delay(20);
        log.push(`done ${request.image.data.toString()}`);
        return answered('x');
      },
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
      analyze: async (request) => {
        sent++;
        if (sent === 2) controller.abort();
        return request.signal?.aborted
          ? { ok: false, reason: 'aborted', error: 'cancelled', rawAnswer: null, durationS: 0, timeToFirstTokenS: null, tokensPerSecond: null, promptTokens: null, completionTokens: null }
          : answered('cat');
      },
    });
    const outcome = await runBatch(run);
    expect(sent).toBe(2);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.results.map((r) => r.error)).toEqual([null, 'cancelled', 'cancelled', 'cancelled']);
  });

  it('counts processing time as preparation plus the model request', async () => {
    const run = options({ items: items(1), analyze: async () => answered('cat', 1.25) });
    const outcome = await runBatch(run);
    expect(outcome.results[0]!.processing_time).toBeGreaterThanOrEqual(1.25);
    expect(outcome.results[0]!.processing_time).toBeLessThan(1.5);
  });
});
