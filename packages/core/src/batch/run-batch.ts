import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';
import type { PreparedImage } from '../images';
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
  /** Requests in flight at once; preparation runs ahead so the next image is ready when a slot frees. */
  concurrency?: number;
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
  const startedAt = performance.now();
  const results: ItemResult[] = new Array(items.length);
  const preparations = new Map<number, Promise<Prepared>>();

  const prepareAt = (position: number): Promise<Prepared> | undefined => {
    const item = items[position];
    if (!item) return undefined;
    let pending = preparations.get(position);
    if (!pending) {
      pending = prepareItem(item, options.prepare);
      preparations.set(position, pending);
    }
    return pending;
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
      if (signal?.aborted) {
        await finish(position, failedResult(item, 'cancelled', { queue: null, preparation: null }));
        continue;
      }
      const queueS = (performance.now() - startedAt) / 1000;
      // Pipelining: while this image is with the model, the next ones are being decoded and resized.
      for (let ahead = 1; ahead <= concurrency && !signal?.aborted; ahead += 1) void prepareAt(position + ahead);
      await options.onEvent({ type: 'item-started', batchId, index: item.index, filename: item.filename });
      const prepared = await prepareAt(position)!;
      preparations.delete(position);
      if (!prepared.ok) {
        await finish(position, failedResult(item, prepared.error, { queue: queueS, preparation: prepared.seconds }));
        continue;
      }
      const analysis = await options.analyze({ model: options.model, image: prepared.image, prompt: options.prompt, signal });
      await finish(position, toResult(item, analysis, { queue: queueS, preparation: prepared.seconds }, signal?.aborted ?? false));
    }
  };

  const finish = async (position: number, result: ItemResult): Promise<void> => {
    results[position] = result;
    await options.onEvent({ type: 'item-finished', batchId, result });
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // A preparation started ahead for an item that was then cancelled is still settled before the batch ends.
  await Promise.allSettled(preparations.values());
  const status: BatchStatus = signal?.aborted ? 'cancelled' : 'completed';
  const wallTimeS = (options.elapsedBeforeS ?? 0) + (performance.now() - startedAt) / 1000;
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

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const round3OrNull = (value: number | null): number | null => (value === null ? null : round3(value));

interface Waits {
  queue: number | null;
  preparation: number | null;
}

function toResult(item: BatchItemInput, analysis: ImageAnalysis, waits: Waits, cancelled: boolean): ItemResult {
  const generation =
    analysis.timeToFirstTokenS === null ? null : Math.max(0, analysis.durationS - analysis.timeToFirstTokenS);
  const base = {
    filename: item.filename,
    index: item.index,
    raw_answer: analysis.rawAnswer,
    processing_time: round3((waits.preparation ?? 0) + analysis.durationS),
    tokens_per_second: analysis.tokensPerSecond === null ? null : Math.round(analysis.tokensPerSecond * 10) / 10,
    time_to_first_token: round3OrNull(analysis.timeToFirstTokenS),
    prompt_tokens: analysis.promptTokens,
    completion_tokens: analysis.completionTokens,
    queue_time: round3OrNull(waits.queue),
    preparation_time: round3OrNull(waits.preparation),
    generation_time: round3OrNull(generation),
  };
  if (analysis.ok) return { ...base, entity: analysis.entity, success: true, error: null };
  const error = cancelled && analysis.reason === 'aborted' ? 'cancelled' : analysis.error;
  return { ...base, entity: null, success: false, error };
}

export function failedResult(item: Pick<BatchItemInput, 'filename' | 'index'>, error: string, waits: Waits): ItemResult {
  return {
    filename: item.filename,
    index: item.index,
    entity: null,
    raw_answer: null,
    processing_time: round3(waits.preparation ?? 0),
    success: false,
    error,
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
    queue_time: round3OrNull(waits.queue),
    preparation_time: round3OrNull(waits.preparation),
    generation_time: null,
  };
}
