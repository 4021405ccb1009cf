import type { HostLane } from '../inference/host-router';
import type { AnalyzeImageRequest } from '../lmstudio';
import { CANCELLED, failedResult, toResult } from './item-result';
import { createPreparationPipeline, type BatchItemInput, type PreparationPipeline, type PrepareItem } from './preparation-pipeline';
import { computeStats } from './stats';
import type { BatchProgressEvent, BatchStats, BatchStatus, ItemResult } from './types';

export type { BatchItemInput };

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
  prepare: PrepareItem;
  /**
   * Sends one image through the batch's lane of the host router, which waits for its turn, picks the host and
   * sends it again elsewhere if that host fails; the answer comes back coded, or the failure, or "halted".
   */
  send: HostLane['send'];
  /**
   * Requests in flight at once for this batch. Preparation runs ahead so the next image is ready when a slot
   * frees, but never more than `concurrency` prepared images wait to be sent.
   */
  concurrency?: number;
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
  /** Seconds since the run started: every item of a run is eligible from its start, so queue times count from here. */
  elapsedS: () => number;
  /** Answered items' results still being recorded, while their workers send the next images. */
  recording: Set<Promise<void>>;
  /** The first result that could not be recorded: no more items start, and the run fails with it. */
  recordFailure?: { error: unknown };
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
  // Cancelled or halted: nothing more is prepared ahead.
  const stopping = signal && halt ? AbortSignal.any([signal, halt]) : (signal ?? halt);
  const run: Run = {
    options,
    pipeline: createPreparationPipeline(items, concurrency, options.prepare, stopping),
    results: new Array(items.length),
    halted,
    elapsedS: () => (performance.now() - startedAt) / 1000,
    recording: new Set(),
  };
  await options.onEvent(batchStarted(options, concurrency));

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !halted() && !run.recordFailure) await runItem(run, next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  await Promise.all(run.recording);
  if (run.recordFailure) throw run.recordFailure.error;
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

/**
 * One item from the queue to its result. It leaves the preparation pipeline in one place: once its request has
 * left, or once it settled without one (a failed preparation, no host, cancelled, halted).
 */
async function runItem(run: Run, position: number): Promise<void> {
  const { options, pipeline } = run;
  const item = options.items[position]!;
  const warmingUp = pipeline.warmingUp();
  if (warmingUp) await warmingUp;
  if (run.halted()) return;
  if (options.signal?.aborted) return finish(run, position, failedResult(item, CANCELLED, { queue: null, preparation: null }));
  let requestLeft: () => void = () => undefined;
  const left = new Promise<void>((resolve) => (requestLeft = resolve));
  const settling = settleItem(run, position, requestLeft);
  await Promise.race([left, settling.catch(() => undefined)]);
  pipeline.handOver(position);
  const result = await settling;
  // Undefined: halted, left as it was for the next run to resume.
  if (result) recordAside(run, finish(run, position, result));
}

/**
 * Lets the worker go on to its next image while this result is recorded, so the host's freed slot is taken at
 * once instead of after a write to disk; the run waits for every record before it ends.
 */
function recordAside(run: Run, recording: Promise<void>): void {
  const tracked = recording.catch((error: unknown) => void (run.recordFailure ??= { error })).finally(() => run.recording.delete(tracked));
  run.recording.add(tracked);
}

/** Prepares the item, sends it through its lane and reads what came back into its result. */
async function settleItem(run: Run, position: number, requestLeft: () => void): Promise<ItemResult | undefined> {
  const { options } = run;
  const { signal } = options;
  const item = options.items[position]!;
  const waitFrom = performance.now();
  const prepared = await run.pipeline.prepare(position);
  // Time spent waiting for the item's own preparation is preparation, not queue.
  const preparationWaitS = (performance.now() - waitFrom) / 1000;
  const queueS = () => Math.max(0, run.elapsedS() - preparationWaitS);
  if (run.halted()) return undefined;
  if (!prepared.ok) {
    await startItem(run, item);
    return failedResult(item, prepared.failure, { queue: queueS(), preparation: prepared.seconds });
  }
  if (signal?.aborted) return failedResult(item, CANCELLED, { queue: null, preparation: prepared.seconds });
  let queue: number | null = null;
  const request: AnalyzeImageRequest = { model: options.model, image: prepared.image, prompt: options.prompt };
  const delivery = await options.send(request, {
    signal,
    halt: options.halt,
    onSent: () => {
      queue = queueS();
      requestLeft();
      return startItem(run, item);
    },
  });
  if (delivery.status === 'halted') return undefined;
  const waits = { queue: queue ?? queueS(), preparation: prepared.seconds };
  if (delivery.status === 'answered') return toResult(item, delivery.analysis, waits);
  const failure = signal?.aborted ? CANCELLED : delivery.failure;
  // An image no host could take was still part of the run: it starts and fails; a cancelled one just ends.
  if (queue === null && failure !== CANCELLED) await startItem(run, item);
  return failedResult(item, failure, waits);
}

const startItem = (run: Run, item: BatchItemInput) =>
  run.options.onEvent({ type: 'item-started', batchId: run.options.batchId, index: item.index, filename: item.filename });

async function finish(run: Run, position: number, result: ItemResult): Promise<void> {
  run.results[position] = result;
  await run.options.onEvent({ type: 'item-finished', batchId: run.options.batchId, result });
}
