import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { CANCELLED, failedResult, toResult, type ItemFailure } from './item-result';
import { createPreparationPipeline, type PreparationPipeline, type Prepared } from './preparation-pipeline';
import { NoHostError, type RequestSlot } from './request-scheduler';
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
  /** Sends one image; `slot` says which host of a pool it goes to. */
  analyze: (request: AnalyzeImageRequest, slot?: RequestSlot) => Promise<ImageAnalysis>;
  /**
   * Requests in flight at once for this batch. Preparation runs ahead so the next image is ready when a slot
   * frees, but never more than `concurrency` prepared images wait to be sent.
   */
  concurrency?: number;
  /**
   * Waits for a request slot shared with the other batches (the request scheduler) and resolves with its
   * release; rejects when the signal aborts. Without it the batch's own `concurrency` is the only limit.
   */
  requestSlot?: (signal?: AbortSignal) => Promise<RequestSlot>;
  /**
   * Whether a failed answer should be sent again on another host (its host failed: refused, reset, 5xx) rather
   * than count as the image's failure. The image then waits for a new slot; a slot refused because no host can
   * serve the model (`NoHostError`) fails the image with that message.
   */
  resend?: (host: string | undefined, analysis: ImageAnalysis) => boolean;
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

/** One item from the queue to its result: prepared, given a request slot, sent (again, if its host failed), answered. */
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
  const sent = await sendWithFailover(run, position, prepared, queueS);
  if (sent.ok === 'halted') {
    // Left as it was, for the next run to resume.
    if (!sent.started) pipeline.handOver(position);
    return;
  }
  const waits = { queue: sent.queueS ?? queueS(), preparation: prepared.seconds };
  if (sent.ok) return finish(run, position, toResult(item, sent.analysis, waits, signal?.aborted ?? false));
  const failure = signal?.aborted ? CANCELLED : sent.failure;
  if (!sent.started) {
    pipeline.handOver(position);
    // An image no host could take was still part of the run: it starts and fails; a cancelled one just ends.
    if (failure !== CANCELLED) await startItem(run, item);
  }
  await finish(run, position, failedResult(item, failure, waits));
}

/** A shared request slot, or why none was given: the run was cancelled or halted, or no host of a pool can take the model. */
async function requestSlot({ options, stopping }: Run): Promise<{ ok: true; slot: RequestSlot } | { ok: false; failure: ItemFailure }> {
  if (!options.requestSlot) return { ok: true, slot: () => undefined };
  try {
    return { ok: true, slot: await options.requestSlot(stopping) };
  } catch (error) {
    if (stopping?.aborted) return { ok: false, failure: CANCELLED };
    if (error instanceof NoHostError) return { ok: false, failure: { code: error.code, message: error.message } };
    throw error;
  }
}

/** How often one image is sent before its failure stands, when its hosts keep failing. */
const MAX_SENDS = 6;

type Sent =
  | { ok: true; analysis: ImageAnalysis; queueS: number }
  /** `started`: its first request had left (and its item-started event was written). */
  | { ok: false; failure: ItemFailure; started: boolean; queueS: number | null }
  /** The run was halted before the image had an answer: it is left for the next run. */
  | { ok: 'halted'; started: boolean };

/**
 * Takes a slot, sends the image and waits for its answer; when its host failed and a pool says so (`resend`),
 * sends it again on the next slot (another host), so a host going away costs time, not the image. The image
 * leaves the preparation pipeline and its item-started event is written once, when the first request has left.
 */
async function sendWithFailover(
  run: Run,
  position: number,
  prepared: Extract<Prepared, { ok: true }>,
  queueS: () => number,
): Promise<Sent> {
  const { options } = run;
  const request: AnalyzeImageRequest = { model: options.model, image: prepared.image, prompt: options.prompt, signal: options.signal };
  let waited: number | null = null;
  let started = false;
  const tried: string[] = [];
  for (;;) {
    const granted = await requestSlot(run);
    if (run.halted()) {
      if (granted.ok) granted.slot();
      return { ok: 'halted', started };
    }
    if (!granted.ok) return { ok: false, failure: granted.failure, started, queueS: waited };
    waited ??= queueS();
    let analysis: ImageAnalysis;
    try {
      // The request leaves before its event is written, so a slow disk never holds the model's slot idle.
      const analysing = options.analyze(request, granted.slot);
      if (!started) {
        started = true;
        run.pipeline.handOver(position);
        await startItemWhile(run, options.items[position]!, analysing);
      }
      analysis = await analysing;
    } finally {
      granted.slot();
    }
    const host = granted.slot.host ?? analysis.host;
    if (analysis.ok || options.signal?.aborted || !options.resend?.(host, analysis)) return { ok: true, analysis, queueS: waited };
    tried.push(host ?? '?');
    // Hosts that fail and come back could pass an image around for ever: a few tries, then it fails.
    if (tried.length >= MAX_SENDS) {
      const message = `Failed on every host tried (${[...new Set(tried)].join(', ')}): ${analysis.error}`;
      return { ok: false, failure: { code: 'failover-exhausted', message }, started, queueS: waited };
    }
  }
}

/** Writes the item-started event while its request is out; if writing fails, the request is settled first. */
async function startItemWhile(run: Run, item: BatchItemInput, analysing: Promise<ImageAnalysis>): Promise<void> {
  try {
    await startItem(run, item);
  } catch (error) {
    await analysing.catch(() => undefined);
    throw error;
  }
}

const startItem = (run: Run, item: BatchItemInput) =>
  run.options.onEvent({ type: 'item-started', batchId: run.options.batchId, index: item.index, filename: item.filename });

async function finish(run: Run, position: number, result: ItemResult): Promise<void> {
  run.results[position] = result;
  await run.options.onEvent({ type: 'item-finished', batchId: run.options.batchId, result });
}
