import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { failedResult, toResult } from './item-result';
import { computeStats } from './stats';
import type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult } from './types';

export interface BatchItemInput {
  index: number;
  filename: string;
  path: string;
  /** Set when the file was already refused (e.g. by its bytes): the item fails without being sent. */
  rejection?: string | null;
}

export interface RunBatchOptions {
  batchId: string;
  model: string;
  prompt?: string | undefined;
  /** The items to run now, in order. */
  items: ReadonlyArray<BatchItemInput>;
  /** Results the batch already has (a resumed or retried batch): counted in the stats, not run again. */
  completed?: ReadonlyArray<ItemResult>;
  /** Wall time of the batch's earlier runs, in seconds. */
  elapsedBeforeS?: number;
  resumed?: boolean;
  retry?: boolean;
  prepare: (item: BatchItemInput) => Promise<PreparedImage>;
  analyze: (request: AnalyzeImageRequest) => Promise<ImageAnalysis>;
  /**
   * Requests in flight at once for this batch. Preparation runs ahead so the next image is ready when a slot
   * frees, but never more than `concurrency` prepared images wait to be sent.
   */
  concurrency?: number;
  /**
   * Waits for a request slot shared with the other batches (the request scheduler) and resolves with its
   * release; rejects when the signal aborts. Without it the batch's own `concurrency` is the only limit.
   */
  requestSlot?: (signal?: AbortSignal) => Promise<() => void>;
  signal?: AbortSignal;
  /**
   * Halts the run without ending the batch (the server is stopping): no further item is sent, the requests
   * already at the model finish and are reported, the items not sent stay as they were (to be resumed), and
   * no `batch-finished` is reported; the outcome's status is then `running`.
   */
  halt?: AbortSignal;
  /** Awaited before the run goes on, so a persisted result is on disk before the next event. */
  onEvent: (event: BatchProgressEvent) => void | Promise<void>;
}

export interface BatchOutcome {
  status: BatchStatus;
  results: ItemResult[];
  stats: BatchStats;
}

type Prepared = { ok: true; image: PreparedImage; seconds: number } | { ok: false; error: string; seconds: number };

/**
 * Runs every item through preparation and the model, `concurrency` at a time, and reports each step as an
 * event. Whatever happens to one item (a corrupt file, an LM Studio error) stays in that item's result.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const { batchId, items, signal, halt } = options;
  // Halted and not cancelled: the items not sent are left for a later run.
  const halted = () => halt?.aborted === true && !signal?.aborted;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  // Every item of a run is eligible from its start: queue times are measured from here.
  const startedAt = performance.now();
  const secondsSinceStart = () => (performance.now() - startedAt) / 1000;
  const results: ItemResult[] = new Array(items.length);
  const preparations = new Map<number, Promise<Prepared>>();
  // Preparations started for items not yet sent (or settled): bounded by `concurrency`, which bounds memory.
  let unsent = 0;
  let nextToPrepare = 0;

  const startPreparation = (position: number): void => {
    const item = items[position];
    if (!item || preparations.has(position)) return;
    unsent += 1;
    preparations.set(position, prepareItem(item, options.prepare));
  };
  // The run's first image is prepared alone, so that the model gets its first request as soon as possible;
  // the next ones need only be ready by the time that request's prompt is processed.
  let firstSettled: Promise<unknown> | undefined;
  let warmedUp = false;
  // Pipelining: while images are with the model, the next ones are decoded and resized, in upload order.
  const prepareAhead = (): void => {
    if (!warmedUp) return;
    while (unsent < concurrency && nextToPrepare < items.length && !signal?.aborted) startPreparation(nextToPrepare++);
  };
  const handOver = (position: number): void => {
    preparations.delete(position);
    unsent -= 1;
    prepareAhead();
  };

  await options.onEvent(batchStarted(options, concurrency));

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !halt?.aborted) {
      const position = next++;
      const item = items[position]!;
      if (firstSettled && !warmedUp) await firstSettled;
      if (halt?.aborted) return;
      if (signal?.aborted) {
        await finish(position, failedResult(item, 'cancelled', { queue: null, preparation: null }));
        continue;
      }
      startPreparation(position);
      nextToPrepare = Math.max(nextToPrepare, position + 1);
      firstSettled ??= preparations.get(position)!.finally(() => {
        warmedUp = true;
        prepareAhead();
      });
      prepareAhead();
      const waitFrom = performance.now();
      const prepared = await preparations.get(position)!;
      // Time spent waiting for the item's own preparation is preparation, not queue.
      const preparationWaitS = (performance.now() - waitFrom) / 1000;
      const queueS = () => Math.max(0, secondsSinceStart() - preparationWaitS);
      if (halted()) return handOver(position);
      if (!prepared.ok || signal?.aborted) {
        handOver(position);
        const error = prepared.ok ? 'cancelled' : prepared.error;
        if (prepared.ok) await finish(position, failedResult(item, error, { queue: null, preparation: prepared.seconds }));
        else await startAndFinish(item, position, failedResult(item, error, { queue: queueS(), preparation: prepared.seconds }));
        continue;
      }
      let release: () => void = () => undefined;
      try {
        if (options.requestSlot) release = await options.requestSlot(halt && signal ? AbortSignal.any([signal, halt]) : (signal ?? halt));
      } catch (error) {
        if (halted()) return handOver(position);
        if (!signal?.aborted) throw error;
        handOver(position);
        await finish(position, failedResult(item, 'cancelled', { queue: queueS(), preparation: prepared.seconds }));
        continue;
      }
      const waits = { queue: queueS(), preparation: prepared.seconds };
      let analysis: ImageAnalysis;
      try {
        // The request leaves before its event is written, so a slow disk never holds the model's slot idle.
        const analysing = options.analyze({ model: options.model, image: prepared.image, prompt: options.prompt, signal });
        handOver(position);
        try {
          await options.onEvent({ type: 'item-started', batchId, index: item.index, filename: item.filename });
        } catch (error) {
          await analysing.catch(() => undefined);
          throw error;
        }
        analysis = await analysing;
      } finally {
        release();
      }
      await finish(position, toResult(item, analysis, waits, signal?.aborted ?? false));
    }
  };

  const finish = async (position: number, result: ItemResult): Promise<void> => {
    results[position] = result;
    await options.onEvent({ type: 'item-finished', batchId, result });
  };
  const startAndFinish = async (item: BatchItemInput, position: number, result: ItemResult): Promise<void> => {
    await options.onEvent({ type: 'item-started', batchId, index: item.index, filename: item.filename });
    await finish(position, result);
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // A preparation started ahead for an item that was then cancelled is still settled before the batch ends.
  await Promise.allSettled(preparations.values());
  const unfinished = halted() && results.filter(Boolean).length < items.length;
  const status: BatchStatus = unfinished ? 'running' : signal?.aborted ? 'cancelled' : 'completed';
  const wallTimeS = (options.elapsedBeforeS ?? 0) + secondsSinceStart();
  const all = [...(options.completed ?? []), ...results.filter(Boolean)].sort((a, b) => a.index - b.index);
  const stats = computeStats(all, wallTimeS);
  if (!unfinished) await options.onEvent({ type: 'batch-finished', batchId, status, stats });
  return { status, results, stats };
}

function batchStarted(options: RunBatchOptions, concurrency: number): BatchProgressEvent {
  const { batchId, model, items, completed, resumed = false, retry = false } = options;
  return { type: 'batch-started', batchId, total: items.length + (completed?.length ?? 0), model, concurrency, resumed, retry };
}

async function prepareItem(item: BatchItemInput, prepare: RunBatchOptions['prepare']): Promise<Prepared> {
  const startedAt = performance.now();
  const seconds = () => (performance.now() - startedAt) / 1000;
  if (item.rejection) return { ok: false, error: `${item.filename}: ${item.rejection}`, seconds: 0 };
  try {
    return { ok: true, image: await prepare(item), seconds: seconds() };
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    const text = typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error);
    return { ok: false, error: `${item.filename}: ${text}`, seconds: seconds() };
  }
}
