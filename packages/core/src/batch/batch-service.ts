import { randomUUID } from 'node:crypto';
import type { FieldSpec } from '../fields/field-types';
import { silentLogger, type Logger } from '../logger';
import type { PrepareOptions } from '../images';
import type { BatchFiles, UploadedImage } from './batch-files';
import { createBatchEventStream } from './batch-event-stream';
import { createBatchRuns } from './batch-runs';
import { assertModelChoice } from './check-model';
import { createRunOrder } from './run-order';
import { chooseConcurrency } from './concurrency';
import { assertBatchShape, type BatchLimits } from './limits';
import type { LoggedEvent } from './event-log';
import type { BatchPage, BatchRepository, StoredBatch } from './repository';
import type { BatchOutcome } from './run-batch';
import { runStoredBatch, type Inference, type RunStart } from './run-stored-batch';
import { loadBatch, preparedImageOf, thumbnailOf, viewBatch } from './batch-view';
import type { BatchItemView, BatchView, ModelInfo } from '../schemas';
import type { EventRelay } from './event-relay';
import type { JobQueue } from '../queue/job-queue';
import { runQueuedBatch } from './queued-run';
import { loadDeletableBatch, type DeleteBatchOptions } from './deletable-batch';
import { retryBatch } from './retry-batch';

export interface SubmitBatchInput {
  model: string;
  prompt?: string | undefined;
  files: UploadedImage[];
  /** Requests in flight for this batch; by default the server's setting or the model's parallel slots. */
  concurrency?: number | undefined;
  /** The questions asked of every image (read with `readFieldList`); absent: today's main entity question. */
  fields?: FieldSpec[] | undefined;
  /** Removes what is left of the upload; called once the batch has taken (or refused) the files. */
  cleanup: () => Promise<void>;
  /** Ground truth per image, in upload order. */
  labels?: ReadonlyArray<string | null> | undefined;
  comparisonId?: string | null | undefined;
  /** Start only once this batch has ended (the previous model of a comparison). */
  runAfter?: string | null | undefined;
  /** What the hosts listed when the caller has just asked (a comparison); `null`: unreachable. Asked when absent. */
  models?: ModelInfo[] | null | undefined;
}

/** A batch the service has taken: `done` settles when its run ends. */
export interface SubmittedBatch {
  batchId: string;
  done: Promise<BatchOutcome>;
}

export type { BatchItemView, BatchView, Inference };

export interface BatchServiceDeps {
  /** The host router: every batch's requests share its hosts (round-robin between batches); one per process. */
  inference: Inference;
  repository: BatchRepository;
  files: BatchFiles;
  limits: BatchLimits;
  prepareOptions: PrepareOptions;
  /** The server's concurrency setting (LMSTUDIO_CONCURRENCY); the model's parallel slots when unset. */
  concurrency?: number | undefined;
  /** Where batches starting, finishing and failing images are reported; silent by default. */
  logger?: Logger | undefined;
  /**
   * A cluster (REDIS_URL): images go on this queue for the workers, and events recorded anywhere reach this
   * server's followers through the relay. Without it the batches run in this process.
   */
  cluster?: { queue: JobQueue; relay: EventRelay; quietCheckMs?: number | undefined } | undefined;
  /** Once a batch and its files are gone, removes what others keep about it (review decisions live apart). */
  onDeleted?: ((batchId: string) => Promise<void>) | undefined;
}

/** Every refusal is a thrown `DomainError` with its code (an unknown batch: `batch-not-found`); nothing is returned as one. */
export interface BatchService {
  /** Stores the batch and starts it, or refuses the whole upload (its shape, its model); the upload is cleaned up either way. */
  submit(input: SubmitBatchInput): Promise<SubmittedBatch>;
  get(batchId: string): Promise<BatchView>;
  list(options: { limit: number; cursor?: string | null }): Promise<BatchPage>;
  /** Missed events after `lastEventId`, then live ones. */
  follow(batchId: string, lastEventId: number, signal?: AbortSignal): Promise<AsyncGenerator<LoggedEvent>>;
  /** Stops the batch at once: the in-flight requests are closed, queued items become cancelled. */
  cancel(batchId: string): Promise<BatchView>;
  /** Runs items again from their prepared images; by default every failed or cancelled one. */
  retry(batchId: string, indexes?: number[]): Promise<{ batchId: string; indexes: number[] }>;
  delete(batchId: string, options?: DeleteBatchOptions): Promise<void>;
  /** The item's small JPEG, once its image is prepared (`thumbnail-not-found` before, or for an index it has not). */
  thumbnail(batchId: string, index: number): Promise<Buffer>;
  /**
   * The image as the model saw it (the prepared JPEG, at most MAX_IMAGE_SIDE), for looking at a photo closely in
   * review; `thumbnail-not-found` when it is not prepared (yet) or no longer kept.
   */
  preparedImage(batchId: string, index: number): Promise<Buffer>;
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
    ...(input.fields ? { fields: input.fields } : {}),
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
      ? runQueuedBatch(
          { repository: deps.repository, inference: deps.inference, ...cluster, events: runDeps.events, halt: runDeps.halt },
          batchId,
          start,
          signal,
        )
      : runStoredBatch(runDeps, batchId, start, signal);
}

/** The runs of this process, with their events, the order of batches that wait for another, and the process's halt. */
function createRuns(deps: BatchServiceDeps) {
  const { repository } = deps;
  const events = createBatchEventStream(repository, deps.cluster?.relay, { quietCheckMs: deps.cluster?.quietCheckMs });
  const order = createRunOrder(repository);
  const logger = deps.logger ?? silentLogger;
  // Aborted once, when the process stops: runs halt between items, and no waiting batch starts.
  const halt = new AbortController();
  const runDeps = { ...deps, events, logger, halt: halt.signal };
  const runs = createBatchRuns<RunStart>({
    logger,
    run: runnerOf(deps, runDeps),
    async onEnded(batchId) {
      events.runEnded(batchId);
      if (halt.signal.aborted) return;
      for (const next of await nextBatches(batchId)) if (!runs.isRunning(next)) void runs.start(next, {});
    },
  });
  /**
   * The batches to start (or in a cluster, to follow) now that `batchId` has ended. In a cluster whoever recorded
   * its end may have started them already; this process still follows the ones it waits for.
   */
  async function nextBatches(batchId: string): Promise<Set<string>> {
    const next = new Set(await order.nextAfter(batchId));
    if (!deps.cluster) return next;
    for (const waiting of runs.waitingIds()) if ((await repository.getBatch(waiting))?.batch.runAfter === batchId) next.add(waiting);
    return next;
  }
  return { events, order, runs, halt };
}

/** One listing serves the model check, the concurrency and the run record; a comparison hands over its own. */
function modelListing(input: SubmitBatchInput, inference: Inference): Promise<ModelInfo[] | undefined> {
  if (input.models !== undefined) return Promise.resolve(input.models ?? undefined);
  return inference.listModels().catch(() => undefined);
}

/**
 * Batches from upload to result: `submit` stores a batch and starts its run (`batch-runs.ts`, each run being
 * `runStoredBatch`), its events are recorded and followed through `batch-event-stream.ts`, and a comparison's
 * batches wait their turn (`run-order.ts`).
 */
export function createBatchService(deps: BatchServiceDeps): BatchService {
  const { repository, files } = deps;
  const { events, order, runs, halt } = createRuns(deps);

  async function submit(input: SubmitBatchInput): Promise<SubmittedBatch> {
    try {
      assertBatchShape(input.files, deps.limits);
      const listing = modelListing(input, deps.inference);
      const models = await listing;
      assertModelChoice(input.model, models, deps.inference.baseUrl);
      const concurrency = chooseConcurrency({ requested: input.concurrency, configured: deps.concurrency, model: input.model, models });
      const batchId = await store(input);
      const done = (await order.mustWait(input.runAfter, runs.isRunning))
        ? runs.whenStarted(batchId)
        : runs.start(batchId, { concurrency, listing });
      return { batchId, done };
    } finally {
      await input.cleanup();
    }
  }

  /** The batch's rows, then its files: a crash after this loses nothing. */
  async function store(input: SubmitBatchInput): Promise<string> {
    const batchId = randomUUID();
    await repository.createBatch(...newBatchRows(batchId, input));
    await files.adoptUploads(batchId, input.files);
    return batchId;
  }

  const get = (batchId: string) => viewBatch({ repository, files }, batchId);

  async function follow(batchId: string, lastEventId: number, signal?: AbortSignal) {
    await loadBatch(repository, batchId);
    return events.follow(batchId, lastEventId, runs.isRunning, signal);
  }

  async function cancel(batchId: string): Promise<BatchView> {
    const waiting = await repository.getBatch(batchId);
    if (!runs.isRunning(batchId) && cancelsByStarting(waiting?.batch.status, deps.cluster !== undefined))
      await runs.start(batchId, {}, { cancelled: true }).catch(() => undefined);
    await runs.stop(batchId);
    return get(batchId);
  }

  async function remove(batchId: string, options?: DeleteBatchOptions): Promise<void> {
    await loadDeletableBatch(repository, batchId, options);
    await runs.stop(batchId);
    await repository.deleteBatch(batchId);
    await files.removeBatch(batchId);
    events.forget(batchId);
    await deps.onDeleted?.(batchId);
  }

  return {
    submit,
    get,
    list: (options) => repository.listBatches(options),
    follow,
    cancel,
    retry: (batchId, indexes) => retryBatch({ repository, runs, get }, batchId, indexes),
    delete: remove,
    thumbnail: (batchId, index) => thumbnailOf(repository, batchId, index),
    preparedImage: (batchId, index) => preparedImageOf(repository, files, batchId, index),
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
