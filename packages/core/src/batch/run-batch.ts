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
  /** `running` when the run was halted with items left for a later run. */
  status: BatchStatus;
  /** By position in `items`; a halted run has none for the items it did not send. */
  results: ItemResult[];
  stats: BatchStats;
}

/** What the workers of one run share. */
interface Run {
  options: RunBatchOptions;
  pipeline: PreparationPipeline;
  results: ItemResult[];
  /** Halted and not cancelled: the items not sent yet are left for a later run. */
  halted: () => boolean;
  /** Aborts when the run is cancelled or halted: no more waiting for a slot, nothing more prepared ahead. */
  stopping: AbortSignal | undefined;
  /** Seconds since the run started: every item of a run is eligible from its start, so queue times count from here. */
  elapsedS: () => number;
}

/**
 * Runs every item through preparation and the model, `concurrency` at a time, and reports each step as an
 * event. Whatever happens to one item (a corrupt file, an LM Studio error) stays in that item's result.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const { batchId, items, signal, halt } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const startedAt = performance.now();
  const halted = () => halt?.aborted === true && !signal?.aborted;
  const stopping = signal && halt ? AbortSignal.any([signal, halt]) : (signal ?? halt);
  const run: Run = {
    options,
    pipeline: createPreparationPipeline(items, concurrency, options.prepare, stopping),
    results: new Array(items.length),
    halted,
    stopping,
    elapsedS: () => (performance.now() - startedAt) / 1000,
  };
  await options.onEvent(batchStarted(options, concurrency));

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !halted()) await runItem(run, next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // A preparation started ahead for an item that was then cancelled is still settled before the batch ends.
  await run.pipeline.settle();
  const done = run.results.filter(Boolean);
  const unfinished = halted() && done.length < items.length;
  const status: BatchStatus = unfinished ? 'running' : signal?.aborted ? 'cancelled' : 'completed';
  const wallTimeS = (options.elapsedBeforeS ?? 0) + run.elapsedS();
  const all = [...(options.completed ?? []), ...done].sort((a, b) => a.index - b.index);
  const stats = computeStats(all, wallTimeS);
  if (!unfinished) await options.onEvent({ type: 'batch-finished', batchId, status, stats });
  return { status, results: run.results, stats };
}

function batchStarted(options: RunBatchOptions, concurrency: number): BatchProgressEvent {
  const { batchId, model, items, completed, resumed = false, retry = false } = options;
  return { type: 'batch-started', batchId, total: items.length + (completed?.length ?? 0), model, concurrency, resumed, retry };
}

/** One item from the queue to its result: prepared, given a request slot, sent, answered. */
async function runItem(run: Run, position: number): Promise<void> {
  const { options, pipeline } = run;
  const { signal } = options;
  const item = options.items[position]!;
  const warmingUp = pipeline.warmingUp();
  if (warmingUp) await warmingUp;
  if (run.halted()) return;
  if (signal?.aborted) return finish(run, position, failedResult(item, CANCELLED, { queue: null, preparation: null }));
  const waitFrom = performance.now();
  const prepared = await pipeline.prepare(position);
  // Time spent waiting for the item's own preparation is preparation, not queue.
  const preparationWaitS = (performance.now() - waitFrom) / 1000;
  const queueS = () => Math.max(0, run.elapsedS() - preparationWaitS);
  if (run.halted()) return pipeline.handOver(position);
  if (!prepared.ok || signal?.aborted) {
    pipeline.handOver(position);
    if (prepared.ok) return finish(run, position, failedResult(item, CANCELLED, { queue: null, preparation: prepared.seconds }));
    await startItem(run, item);
    return finish(run, position, failedResult(item, prepared.failure, { queue: queueS(), preparation: prepared.seconds }));
  }
  const release = await requestSlot(run);
  if (run.halted()) {
    release?.();
    return pipeline.handOver(position);
  }
  if (!release) {
    pipeline.handOver(position);
    return finish(run, position, failedResult(item, CANCELLED, { queue: queueS(), preparation: prepared.seconds }));
  }
  const waits = { queue: queueS(), preparation: prepared.seconds };
  const analysis = await send(run, position, prepared, release);
  await finish(run, position, toResult(item, analysis, waits, signal?.aborted ?? false));
}

/** A shared request slot's release, or `undefined` when the run was cancelled or halted while waiting for one. */
async function requestSlot({ options, stopping }: Run): Promise<(() => void) | undefined> {
  if (!options.requestSlot) return () => undefined;
  try {
    return await options.requestSlot(stopping);
  } catch (error) {
    if (!stopping?.aborted) throw error;
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
