import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
import { failedResult, toResult } from './item-result';
import { NoHostError, type RequestSlot } from './request-scheduler';
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
  const { batchId, items, signal } = options;
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
    while (next < items.length) {
      const position = next++;
      const item = items[position]!;
      if (firstSettled && !warmedUp) await firstSettled;
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
      if (!prepared.ok || signal?.aborted) {
        handOver(position);
        const error = prepared.ok ? 'cancelled' : prepared.error;
        if (prepared.ok) await finish(position, failedResult(item, error, { queue: null, preparation: prepared.seconds }));
        else await startAndFinish(item, position, failedResult(item, error, { queue: queueS(), preparation: prepared.seconds }));
        continue;
      }
      const sent = await sendWithFailover(options, { model: options.model, image: prepared.image, prompt: options.prompt, signal }, {
        whenSent: async (analysing) => {
          handOver(position);
          try {
            await options.onEvent({ type: 'item-started', batchId, index: item.index, filename: item.filename });
          } catch (error) {
            await analysing.catch(() => undefined);
            throw error;
          }
        },
        queueS,
      });
      if (!sent.ok) {
        if (!sent.started) handOver(position);
        const error = signal?.aborted ? 'cancelled' : sent.error;
        const waits = { queue: sent.queueS ?? queueS(), preparation: prepared.seconds };
        if (sent.started || error === 'cancelled') await finish(position, failedResult(item, error, waits));
        else await startAndFinish(item, position, failedResult(item, error, waits));
        continue;
      }
      const { analysis } = sent;
      const waits = { queue: sent.queueS, preparation: prepared.seconds };
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
  const status: BatchStatus = signal?.aborted ? 'cancelled' : 'completed';
  const wallTimeS = (options.elapsedBeforeS ?? 0) + secondsSinceStart();
  const all = [...(options.completed ?? []), ...results].sort((a, b) => a.index - b.index);
  const stats = computeStats(all, wallTimeS);
  await options.onEvent({ type: 'batch-finished', batchId, status, stats });
  return { status, results, stats };
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

/** How often one image is sent before its failure stands, when its hosts keep failing. */
const MAX_SENDS = 6;

type Sent =
  | { ok: true; analysis: ImageAnalysis; queueS: number }
  | { ok: false; error: string; started: boolean; queueS: number | null };

/**
 * Takes a slot, sends the image and waits for its answer; when its host failed and a pool says so, sends it
 * again on the next slot (another host), so a host going away costs time, not the image. `whenSent` runs once,
 * when the first request has left.
 */
async function sendWithFailover(
  options: RunBatchOptions,
  request: AnalyzeImageRequest,
  hooks: { whenSent: (analysing: Promise<ImageAnalysis>) => Promise<void>; queueS: () => number },
): Promise<Sent> {
  let queueS: number | null = null;
  let started = false;
  const tried: string[] = [];
  for (;;) {
    let slot: RequestSlot | undefined;
    try {
      if (options.requestSlot) slot = await options.requestSlot(request.signal);
    } catch (error) {
      if (request.signal?.aborted) return { ok: false, error: 'cancelled', started, queueS };
      if (error instanceof NoHostError) return { ok: false, error: error.message, started, queueS };
      throw error;
    }
    queueS ??= hooks.queueS();
    let analysis: ImageAnalysis;
    try {
      // The request leaves before its event is written, so a slow disk never holds the model's slot idle.
      const analysing = options.analyze(request, slot);
      if (!started) {
        started = true;
        await hooks.whenSent(analysing);
      }
      analysis = await analysing;
    } finally {
      slot?.();
    }
    const host = slot?.host ?? analysis.host;
    if (analysis.ok || request.signal?.aborted || !options.resend?.(host, analysis)) return { ok: true, analysis, queueS };
    tried.push(host ?? '?');
    // Hosts that fail and come back could pass an image around for ever: a few tries, then it fails.
    if (tried.length >= MAX_SENDS) {
      return { ok: false, error: `Failed on every host tried (${[...new Set(tried)].join(', ')}): ${analysis.error}`, started, queueS };
    }
  }
}
