import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { CANCELLED, failedResult, toResult, type ItemFailure } from './item-result';
import { createPreparationPipeline, type PreparationPipeline, type Prepared } from './preparation-pipeline';
import { computeStats } from './stats';
import type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult } from './types';

export interface BatchItemInput {
  index: number;
  filename: string;
  path: string;
  /** Set when the file was already refused (e.g. by its bytes): the item fails without being sent. */
  rejection?: ItemFailure | null;
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
  /** Awaited before the run goes on, so a persisted result is on disk before the next event. */
  onEvent: (event: BatchProgressEvent) => void | Promise<void>;
}

export interface BatchOutcome {
  status: BatchStatus;
  results: ItemResult[];
  stats: BatchStats;
}

/** What the workers of one run share. */
interface Run {
  options: RunBatchOptions;
  pipeline: PreparationPipeline;
  results: ItemResult[];
  /** Seconds since the run started: every item of a run is eligible from its start, so queue times count from here. */
  elapsedS: () => number;
}

/**
 * Runs every item through preparation and the model, `concurrency` at a time, and reports each step as an
 * event. Whatever happens to one item (a corrupt file, an LM Studio error) stays in that item's result.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const { batchId, items, signal } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const startedAt = performance.now();
  const run: Run = {
    options,
    pipeline: createPreparationPipeline(items, concurrency, options.prepare, signal),
    results: new Array(items.length),
    elapsedS: () => (performance.now() - startedAt) / 1000,
  };
  const total = items.length + (options.completed?.length ?? 0);
  await options.onEvent({
    type: 'batch-started',
    batchId,
    total,
    model: options.model,
    concurrency,
    resumed: options.resumed ?? false,
    retry: options.retry ?? false,
  });

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await runItem(run, next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // A preparation started ahead for an item that was then cancelled is still settled before the batch ends.
  await run.pipeline.settle();
  const status: BatchStatus = signal?.aborted ? 'cancelled' : 'completed';
  const wallTimeS = (options.elapsedBeforeS ?? 0) + run.elapsedS();
  const all = [...(options.completed ?? []), ...run.results].sort((a, b) => a.index - b.index);
  const stats = computeStats(all, wallTimeS);
  await options.onEvent({ type: 'batch-finished', batchId, status, stats });
  return { status, results: run.results, stats };
}

/** One item from the queue to its result: prepared, given a request slot, sent, answered. */
async function runItem(run: Run, position: number): Promise<void> {
  const { options, pipeline } = run;
  const { signal } = options;
  const item = options.items[position]!;
  const warmingUp = pipeline.warmingUp();
  if (warmingUp) await warmingUp;
  if (signal?.aborted) return finish(run, position, failedResult(item, CANCELLED, { queue: null, preparation: null }));
  const waitFrom = performance.now();
  const prepared = await pipeline.prepare(position);
  // Time spent waiting for the item's own preparation is preparation, not queue.
  const preparationWaitS = (performance.now() - waitFrom) / 1000;
  const queueS = () => Math.max(0, run.elapsedS() - preparationWaitS);
  if (!prepared.ok || signal?.aborted) {
    pipeline.handOver(position);
    if (prepared.ok) return finish(run, position, failedResult(item, CANCELLED, { queue: null, preparation: prepared.seconds }));
    await startItem(run, item);
    return finish(run, position, failedResult(item, prepared.failure, { queue: queueS(), preparation: prepared.seconds }));
  }
  const release = await requestSlot(options);
  if (!release) {
    pipeline.handOver(position);
    return finish(run, position, failedResult(item, CANCELLED, { queue: queueS(), preparation: prepared.seconds }));
  }
  const waits = { queue: queueS(), preparation: prepared.seconds };
  const analysis = await send(run, position, prepared, release);
  await finish(run, position, toResult(item, analysis, waits, signal?.aborted ?? false));
}

/** A shared request slot's release, or `undefined` when the run was cancelled while waiting for one. */
async function requestSlot(options: RunBatchOptions): Promise<(() => void) | undefined> {
  if (!options.requestSlot) return () => undefined;
  try {
    return await options.requestSlot(options.signal);
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    return undefined;
  }
}

async function send(run: Run, position: number, prepared: Extract<Prepared, { ok: true }>, release: () => void): Promise<ImageAnalysis> {
  const { options } = run;
  try {
    // The request leaves before its event is written, so a slow disk never holds the model's slot idle.
    const analysing = options.analyze({ model: options.model, image: prepared.image, prompt: options.prompt, signal: options.signal });
    run.pipeline.handOver(position);
    try {
      await startItem(run, options.items[position]!);
    } catch (error) {
      await analysing.catch(() => undefined);
      throw error;
    }
    return await analysing;
  } finally {
    release();
  }
}

const startItem = (run: Run, item: BatchItemInput) =>
  run.options.onEvent({ type: 'item-started', batchId: run.options.batchId, index: item.index, filename: item.filename });

async function finish(run: Run, position: number, result: ItemResult): Promise<void> {
  run.results[position] = result;
  await run.options.onEvent({ type: 'item-finished', batchId: run.options.batchId, result });
}
