import { ImageError, type PreparedImage } from '../images';
import type { ItemFailure } from '../schemas/error-codes';

export interface BatchItemInput {
  index: number;
  filename: string;
  path: string;
  /** Set when the file was already refused (e.g. by its bytes): the item fails without being sent. */
  rejection?: ItemFailure | null;
}

export type PrepareItem = (item: BatchItemInput) => Promise<PreparedImage>;

export type Prepared = { ok: true; image: PreparedImage; seconds: number } | { ok: false; failure: ItemFailure; seconds: number };

export interface PreparationPipeline {
  /**
   * While the run's first image is still being prepared alone, the promise of its end; otherwise nothing, so a
   * worker goes on without yielding (the first worker must start that preparation before the others look).
   */
  warmingUp(): Promise<unknown> | undefined;
  /** The item's preparation (started now unless it was started ahead), and the next ones ahead of it. */
  prepare(position: number): Promise<Prepared>;
  /** The item left the pipeline (sent, or settled without sending): one more may be prepared ahead. */
  handOver(position: number): void;
  /** Settles the preparations started ahead for items that were then cancelled. */
  settle(): Promise<unknown>;
}

/**
 * Pipelining: while images are with the model, the next ones are decoded and resized, in upload order, but never
 * more than `concurrency` prepared and unsent, which bounds memory. The run's first image is prepared alone, so
 * the model gets its first request as soon as possible; the next ones need only be ready by the time that
 * request's prompt is processed.
 */
export function createPreparationPipeline(
  items: ReadonlyArray<BatchItemInput>,
  concurrency: number,
  prepare: PrepareItem,
  signal: AbortSignal | undefined,
): PreparationPipeline {
  const preparations = new Map<number, Promise<Prepared>>();
  // Preparations started for items not yet sent (or settled): bounded by `concurrency`.
  let unsent = 0;
  let nextToPrepare = 0;
  let firstSettled: Promise<unknown> | undefined;
  let warmedUp = false;

  const start = (position: number): void => {
    const item = items[position];
    if (!item || preparations.has(position)) return;
    unsent += 1;
    preparations.set(position, prepareItem(item, prepare));
  };
  const prepareAhead = (): void => {
    if (!warmedUp) return;
    while (unsent < concurrency && nextToPrepare < items.length && !signal?.aborted) start(nextToPrepare++);
  };

  return {
    warmingUp: () => (warmedUp ? undefined : firstSettled),
    prepare(position) {
      start(position);
      nextToPrepare = Math.max(nextToPrepare, position + 1);
      const preparation = preparations.get(position)!;
      firstSettled ??= preparation.finally(() => {
        warmedUp = true;
        prepareAhead();
      });
      prepareAhead();
      return preparation;
    },
    handOver(position) {
      preparations.delete(position);
      unsent -= 1;
      prepareAhead();
    },
    settle: () => Promise.allSettled(preparations.values()),
  };
}

async function prepareItem(item: BatchItemInput, prepare: PrepareItem): Promise<Prepared> {
  const startedAt = performance.now();
  const seconds = () => (performance.now() - startedAt) / 1000;
  if (item.rejection)
    return { ok: false, failure: { code: item.rejection.code, message: `${item.filename}: ${item.rejection.message}` }, seconds: 0 };
  try {
    return { ok: true, image: await prepare(item), seconds: seconds() };
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    const text = typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error);
    const code = error instanceof ImageError ? error.code : 'preparation-failed';
    return { ok: false, failure: { code, message: `${item.filename}: ${text}` }, seconds: seconds() };
  }
}
