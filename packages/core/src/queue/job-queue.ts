/**
 * The queue of images waiting for a model, as one port: the in-process queue (`createMemoryJobQueue`) serves one
 * machine, the server's BullMQ adapter a cluster of API servers and workers. Services see only this interface.
 */

/** One image of a batch, to be sent to the batch's model. Its key (batch and index) is unique in the queue. */
export interface ImageJob {
  batchId: string;
  index: number;
  model: string;
}

export interface JobContext {
  /** 1 for the first run of the job, 2 for its first retry... */
  attempt: number;
  /** No retry follows this run: a failure now is the item's answer, and the handler records it. */
  finalAttempt: boolean;
  /** Aborted when the job's batch is cancelled (or the worker stops at once): close the request, give up. */
  signal: AbortSignal;
}

/**
 * Runs one job. `done` once the item's outcome is recorded (answered, failed for good, or cancelled); `retry` for a
 * failure another run may mend (a host that went away, a timeout), which the queue runs again after a backoff.
 * A job may run twice (a worker that died after it answered): recording its result must be idempotent
 * (`BatchRepository.recordItemResultOnce`).
 */
export type JobHandler = (job: ImageJob, context: JobContext) => Promise<'done' | 'retry'>;

export interface WorkOptions {
  /** Takes jobs only of these models (the ones its hosts serve). */
  models: readonly string[];
  /** At most this many jobs at once, all models together (its hosts' slots). */
  slots: number;
  handle: JobHandler;
}

export interface QueueWorker {
  /** Stops taking jobs and resolves once the running ones have ended (SIGTERM). */
  drain(): Promise<void>;
}

export interface JobQueue {
  /**
   * Adds the images. One already waiting or running (same batch and index) is not added again, so enqueuing the
   * same batch twice (two API servers resuming it) runs each image once. Batches share the workers: the n-th
   * image of every waiting batch runs before the (n+1)-th of any, so a batch submitted beside a large one moves.
   */
  enqueue(jobs: readonly ImageJob[]): Promise<void>;
  /** Removes the batch's waiting jobs and aborts its running ones, wherever they run. */
  cancelBatch(batch: { batchId: string; model: string }): Promise<void>;
  work(options: WorkOptions): QueueWorker;
  /** Jobs waiting per model (for readiness and the logs). */
  depth(models: readonly string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  /** Runs of a job in all, the first included. */
  attempts: number;
  /** Wait before the first retry; doubled at each further one. */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, backoffMs: 1000 };

/** The queue's order: lower first. The n-th image of each batch shares rank n, so batches take turns. */
export const fairRank = (job: ImageJob) => job.index + 1;

export const jobKey = (job: Pick<ImageJob, 'batchId' | 'index'>) => `${job.batchId}_${job.index}`;
