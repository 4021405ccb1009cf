import { randomUUID } from 'node:crypto';
import type { ModelInfo } from '../lmstudio';
import { silentLogger, type Logger } from '../logger';
import type { PrepareOptions } from '../images';
import type { BatchFiles } from './batch-files';
import { createBatchEventStream } from './batch-event-stream';
import { createBatchRuns } from './batch-runs';
import { checkModelChoice } from './check-model';
import { createComparisonRunOrder } from './comparison-run-order';
import { chooseConcurrency } from './concurrency';
import { DomainError, notFound } from '../errors';
import { checkBatchShape, type BatchLimits, type BatchRejection } from './limits';
import type { LoggedEvent } from './event-log';
import type { BatchPage, BatchRepository, StoredBatch, StoredItem } from './repository';
import { createRequestScheduler, type RequestScheduler } from './request-scheduler';
import type { BatchOutcome } from './run-batch';
import { runStoredBatch, type InferenceClient, type RunStart } from './run-stored-batch';
import { keptImages } from './stored-images';
import { canRunAgain, retryableIndexes } from '../retry/can-run-again';
import type { EventRelay } from '../queue/event-relay';
import type { JobQueue } from '../queue/job-queue';
import { runQueuedBatch } from '../queue/queued-run';
import type { BatchItemView, BatchView } from '../schemas';

export interface UploadedImage {
  /** The name the user gave the file: shown and returned, never used as a path. */
  filename: string;
  /** Where the upload was streamed to on disk. */
  path: string;
  size: number;
}

export interface SubmitBatchInput {
  model: string;
  prompt?: string | undefined;
  files: UploadedImage[];
  /** Requests in flight for this batch; by default the server's setting or LM Studio's parallel slots. */
  concurrency?: number | undefined;
  /** Removes what is left of the upload; called once the batch has taken (or refused) the files. */
  cleanup: () => Promise<void>;
  /** Ground truth per image, in upload order. */
  labels?: ReadonlyArray<string | null> | undefined;
  comparisonId?: string | null | undefined;
  /** Start only once this batch has ended (the previous model of a comparison). */
  runAfter?: string | null | undefined;
  /** What LM Studio listed when the caller has just asked (a comparison); `null`: unreachable. Asked when absent. */
  models?: ModelInfo[] | null | undefined;
}

export type SubmitOutcome = { ok: true; batchId: string; done: Promise<BatchOutcome> } | ({ ok: false } & BatchRejection);

export type { BatchItemView, BatchView, InferenceClient };

export interface BatchServiceDeps {
  lmstudio: InferenceClient;
  repository: BatchRepository;
  files: BatchFiles;
  limits: BatchLimits;
  prepareOptions: PrepareOptions;
  /** The server's concurrency setting (LMSTUDIO_CONCURRENCY); LM Studio's parallel slots when unset. */
  concurrency?: number | undefined;
  /** Shares LM Studio among all batches (round-robin); one per process. A fresh one by default. */
  scheduler?: RequestScheduler | undefined;
  /** Where batches starting, finishing and failing images are reported; silent by default. */
  logger?: Logger | undefined;
  /**
   * A cluster (REDIS_URL): images go on this queue for the workers, and events recorded anywhere reach this
   * server's followers through the relay. Without it the batches run in this process.
   */
  cluster?: { queue: JobQueue; relay: EventRelay } | undefined;
}

export interface BatchService {
  submit(input: SubmitBatchInput): Promise<SubmitOutcome>;
  get(batchId: string): Promise<BatchView | undefined>;
  list(options: { limit: number; cursor?: string | null }): Promise<BatchPage>;
  /** Missed events after `lastEventId`, then live ones; `undefined` for an unknown batch. */
  follow(batchId: string, lastEventId: number, signal?: AbortSignal): Promise<AsyncGenerator<LoggedEvent> | undefined>;
  /** Stops the batch at once: the in-flight requests are closed, queued items become cancelled. */
  cancel(batchId: string): Promise<BatchView>;
  /** Runs items again from their prepared images; by default every failed or cancelled one. */
  retry(batchId: string, indexes?: number[]): Promise<{ batchId: string; indexes: number[] }>;
  delete(batchId: string): Promise<void>;
  thumbnail(batchId: string, index: number): Promise<Buffer | undefined>;
  /** Finishes the batches a previous process left unfinished (killed, power cut). */
  resumeUnfinished(): Promise<string[]>;
  /** Resolves when no batch runs or waits to start behind a running one (for orderly shutdown and tests). */
  idle(): Promise<void>;
  /**
   * For a graceful stop: sends nothing more to the model, waits up to `graceMs` for the requests already there
   * (their results are saved), then ends the progress streams. The rest stays queued for `resumeUnfinished`.
   * `finished` is false when the grace ran out with requests still in flight.
   */
  drain(graceMs: number): Promise<{ finished: boolean }>;
}

/** A stored batch as clients see it; `kept` lists the items whose image is still on disk (none by default). */
export function toBatchView(
  { batch, items }: { batch: StoredBatch; items: StoredItem[] },
  kept: ReadonlySet<number> = new Set(),
): BatchView {
  return {
    batchId: batch.batchId,
    model: batch.model,
    prompt: batch.prompt,
    status: batch.status,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    stats: batch.stats,
    comparisonId: batch.comparisonId,
    items: items.map(({ index, filename, size, status, result, label }) => ({
      index,
      filename,
      size,
      status,
      result,
      label,
      retryable: kept.has(index) && canRunAgain({ status, result }),
    })),
  };
}

/** The rows a submitted batch starts as: queued, nothing run yet. */
function newBatchRows(batchId: string, input: SubmitBatchInput): Parameters<BatchRepository['createBatch']> {
  const batch = {
    batchId,
    model: input.model,
    prompt: input.prompt ?? null,
    status: 'queued' as const,
    createdAt: new Date().toISOString(),
    finishedAt: null,
    elapsedS: 0,
    stats: null,
    comparisonId: input.comparisonId ?? null,
    runAfter: input.runAfter ?? null,
    runRecord: null,
    concurrency: input.concurrency ?? null,
  };
  const items = input.files.map((file, index) => ({
    index,
    filename: file.filename,
    size: file.size,
    status: 'queued' as const,
    result: null,
    label: input.labels?.[index] ?? null,
  }));
  return [batch, items];
}

/**
 * A batch not running here is cancelled by a run started cancelled: one waiting its turn, or in a cluster one that
 * another API server follows (this one settles it all the same).
 */
const cancelsByStarting = (status: StoredBatch['status'] | undefined, cluster: boolean) =>
  status === 'queued' || (cluster && status === 'running');

/** How a batch runs: in this process, or in a cluster on the queue's workers. */
function runnerOf(deps: BatchServiceDeps, runDeps: Parameters<typeof runStoredBatch>[0]) {
  const { cluster } = deps;
  return (batchId: string, start: RunStart, signal: AbortSignal) =>
    cluster
      ? runQueuedBatch({ repository: deps.repository, ...cluster, events: runDeps.events, halt: runDeps.halt }, batchId, start, signal)
      : runStoredBatch(runDeps, batchId, start, signal);
}

/**
 * Batches from upload to result: `submit` stores a batch and starts its run (`batch-runs.ts`, each run being
 * `runStoredBatch`), its events are recorded and followed through `batch-event-stream.ts`, and a comparison's
 * batches wait their turn (`comparison-run-order.ts`).
 */
export function createBatchService(deps: BatchServiceDeps): BatchService {
  const { repository, files } = deps;
  const events = createBatchEventStream(repository, deps.cluster?.relay);
  const order = createComparisonRunOrder(repository);
  const logger = deps.logger ?? silentLogger;
  // Aborted once, when the process stops: runs halt between items, and no waiting batch starts.
  const halt = new AbortController();
  const runDeps = { ...deps, scheduler: deps.scheduler ?? createRequestScheduler(), events, logger, halt: halt.signal };
  const runs = createBatchRuns<RunStart>({
    logger,
    run: runnerOf(deps, runDeps),
    async onEnded(batchId) {
      events.runEnded(batchId);
      if (halt.signal.aborted) return;
      for (const next of await order.nextAfter(batchId)) if (!runs.isRunning(next)) void runs.start(next, {});
    },
  });

  async function submit(input: SubmitBatchInput): Promise<SubmitOutcome> {
    try {
      const shape = checkBatchShape(input.files, deps.limits);
      if (shape) return { ok: false, ...shape };
      // One listing serves the model check, the concurrency and the run record.
      const listing =
        input.models !== undefined ? Promise.resolve(input.models ?? undefined) : deps.lmstudio.listModels().catch(() => undefined);
      const models = await listing;
      const modelCheck = checkModelChoice(input.model, models, deps.lmstudio.baseUrl);
      if (!modelCheck.ok) return { ok: false, code: modelCheck.code, error: modelCheck.error };

      const batchId = randomUUID();
      const concurrency = chooseConcurrency({ requested: input.concurrency, configured: deps.concurrency, model: input.model, models });
      await repository.createBatch(...newBatchRows(batchId, input));
      await files.adoptUploads(batchId, input.files);
      const done = (await order.mustWait(input.runAfter, runs.isRunning))
        ? runs.whenStarted(batchId)
        : runs.start(batchId, { concurrency, listing });
      return { ok: true, batchId, done };
    } finally {
      await input.cleanup();
    }
  }

  async function get(batchId: string): Promise<BatchView | undefined> {
    const stored = await repository.getBatch(batchId);
    if (!stored) return undefined;
    // Only an item that failed or was cancelled may run again, and only while its image is kept.
    const candidates = stored.items.filter((item) => canRunAgain(item)).map((item) => item.index);
    return toBatchView(stored, new Set(await keptImages(files, batchId, candidates)));
  }

  async function follow(batchId: string, lastEventId: number, signal?: AbortSignal) {
    if (!(await repository.getBatch(batchId))) return undefined;
    return events.follow(batchId, lastEventId, runs.isRunning, signal);
  }

  async function cancel(batchId: string): Promise<BatchView> {
    const waiting = await repository.getBatch(batchId);
    if (!runs.isRunning(batchId) && cancelsByStarting(waiting?.batch.status, deps.cluster !== undefined))
      await runs.start(batchId, {}, { cancelled: true }).catch(() => undefined);
    await runs.stop(batchId);
    const view = await get(batchId);
    if (!view) throw notFound('batch', batchId);
    return view;
  }

  async function retry(batchId: string, indexes?: number[]) {
    const view = await get(batchId);
    if (!view) throw notFound('batch', batchId);
    if (runs.isRunning(batchId))
      throw new DomainError('batch-still-running', 'The batch is still running: cancel it or wait for it to finish before retrying.');
    // By default a retry takes what can run again (the view's `retryable`): not the files that were themselves refused.
    const chosen = indexes?.length ? [...new Set(indexes)].sort((a, b) => a - b) : retryableIndexes(view.items);
    const unknown = chosen.filter((index) => !view.items[index]);
    if (unknown.length) throw new DomainError('retry-unknown-index', `The batch has no image at index ${unknown.join(', ')}.`);
    if (!chosen.length)
      throw new DomainError(
        'nothing-to-retry',
        'Nothing to retry: no image of this batch can run again (a refused file is not kept; upload a fixed copy).',
      );
    await repository.updateItems(
      batchId,
      chosen.map((index) => ({ index, status: 'queued', result: null })),
    );
    await repository.updateBatch(batchId, { status: 'queued', finishedAt: null });
    void runs.start(batchId, { retry: true }).catch(() => undefined);
    return { batchId, indexes: chosen };
  }

  async function remove(batchId: string): Promise<void> {
    if (!(await repository.getBatch(batchId))) throw notFound('batch', batchId);
    await runs.stop(batchId);
    await repository.deleteBatch(batchId);
    await files.removeBatch(batchId);
    events.forget(batchId);
  }

  return {
    submit,
    get,
    list: (options) => repository.listBatches(options),
    follow,
    cancel,
    retry,
    delete: remove,
    thumbnail: (batchId, index) => repository.getThumbnail(batchId, index),
    async resumeUnfinished() {
      const ids = await repository.unfinishedBatchIds();
      // A comparison's later model starts when the earlier one ends, as before the restart.
      for (const batchId of await order.firstToResume(ids)) void runs.start(batchId, { resumed: true }).catch(() => undefined);
      return ids;
    },
    idle: () => runs.idle(),
    async drain(graceMs) {
      halt.abort();
      const finished = await runs.settled(graceMs);
      events.closeAll();
      return { finished };
    },
  };
}
