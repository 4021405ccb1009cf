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
  items: ReadonlyArray<BatchItemInput>;
  prepare: (item: BatchItemInput) => Promise<PreparedImage>;
  analyze: (request: AnalyzeImageRequest) => Promise<ImageAnalysis>;
  /** Requests in flight at once; preparation runs one image ahead of each. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent: (event: BatchProgressEvent) => void;
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

  options.onEvent({ type: 'batch-started', batchId, total: items.length, model: options.model });

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const position = next++;
      const item = items[position]!;
      if (signal?.aborted) {
        finish(position, cancelledResult(item));
        continue;
      }
      // Pipelining: while this image is with the model, the next ones are being decoded and resized.
      for (let ahead = 1; ahead <= concurrency; ahead += 1) void prepareAt(position + ahead);
      options.onEvent({ type: 'item-started', batchId, index: item.index, filename: item.filename });
      const prepared = await prepareAt(position)!;
      preparations.delete(position);
      if (!prepared.ok) {
        finish(position, failedResult(item, prepared.error, prepared.seconds));
        continue;
      }
      const analysis = await options.analyze({ model: options.model, image: prepared.image, prompt: options.prompt, signal });
      finish(position, toResult(item, analysis, prepared.seconds, signal?.aborted ?? false));
    }
  };

  const finish = (position: number, result: ItemResult): void => {
    results[position] = result;
    options.onEvent({ type: 'item-finished', batchId, result });
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const status: BatchStatus = signal?.aborted ? 'cancelled' : 'completed';
  const stats = computeStats(results, (performance.now() - startedAt) / 1000);
  options.onEvent({ type: 'batch-finished', batchId, status, stats });
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

function toResult(item: BatchItemInput, analysis: ImageAnalysis, prepareS: number, cancelled: boolean): ItemResult {
  const base = {
    filename: item.filename,
    index: item.index,
    raw_answer: analysis.rawAnswer,
    processing_time: round3(prepareS + analysis.durationS),
    tokens_per_second: analysis.tokensPerSecond === null ? null : Math.round(analysis.tokensPerSecond * 10) / 10,
    time_to_first_token: analysis.timeToFirstTokenS === null ? null : round3(analysis.timeToFirstTokenS),
    prompt_tokens: analysis.promptTokens,
    completion_tokens: analysis.completionTokens,
  };
  if (analysis.ok) return { ...base, entity: analysis.entity, success: true, error: null };
  const error = cancelled && analysis.reason === 'aborted' ? 'cancelled' : analysis.error;
  return { ...base, entity: null, success: false, error };
}

function failedResult(item: BatchItemInput, error: string, seconds: number): ItemResult {
  return {
    filename: item.filename,
    index: item.index,
    entity: null,
    raw_answer: null,
    processing_time: round3(seconds),
    success: false,
    error,
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
  };
}

const cancelledResult = (item: BatchItemInput): ItemResult => failedResult(item, 'cancelled', 0);
