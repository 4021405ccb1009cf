import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import {
  DEFAULT_RETRY_POLICY,
  fairRank,
  jobKey,
  type ImageJob,
  type JobQueue,
  type QueueWorker,
  type RetryPolicy,
  type WorkOptions,
} from '@vision/core';
import { redisConnection } from './bullmq-connection';
import { createCancelChannel, type CancelChannel } from './redis-cancel';
import { createSlots } from './slots';

/**
 * The job queue on Redis through BullMQ: the only module (with its bullmq-* helpers) that knows BullMQ. One queue
 * per model; a job's id is its batch and index, so adding it again while it waits or runs is a no-op; its priority
 * is its index, so batches take turns; a failure a retry may mend runs again after an exponential backoff; a job
 * whose worker died (its lock not renewed) goes back to the queue for another worker (BullMQ's stalled check).
 */
export interface BullmqQueueOptions {
  redisUrl: string;
  policy?: RetryPolicy;
  /** Keys' prefix in Redis: several deployments (or tests) may share one Redis. */
  prefix?: string;
  /** How long a worker's hold on a job lasts unrenewed, and how often workers look for jobs whose holder died. */
  stalled?: { lockDurationMs: number; checkEveryMs: number };
}

const STALLED_DEFAULTS = { lockDurationMs: 30_000, checkEveryMs: 15_000 };
const WAITING_STATES = ['waiting', 'prioritized', 'delayed', 'paused'] as const;

export const queueName = (model: string) => `images.${encodeURIComponent(model)}`;

export function createBullmqJobQueue(options: BullmqQueueOptions): JobQueue {
  const connection: ConnectionOptions = redisConnection(options.redisUrl);
  const prefix = options.prefix ?? 'vision';
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const stalled = options.stalled ?? STALLED_DEFAULTS;
  const queues = new Map<string, Queue>();
  const cancel: CancelChannel = createCancelChannel(options.redisUrl, prefix);
  const workers = new Set<Worker>();

  const queueOf = (model: string) => {
    let queue = queues.get(model);
    if (!queue) queues.set(model, (queue = new Queue(queueName(model), { connection, prefix })));
    return queue;
  };

  async function removeWaiting(batchId: string, model: string) {
    const waiting = await queueOf(model).getJobs([...WAITING_STATES]);
    // A job that started meanwhile is locked and refuses removal: the cancel message stops it instead.
    await Promise.all(waiting.filter((job) => job?.data.batchId === batchId).map((job) => job.remove().catch(() => undefined)));
  }

  function work({ models, slots, handle }: WorkOptions): QueueWorker {
    const shared = createSlots(slots);
    // The jobs this process runs, by id, with their batch: BullMQ cancels by job id, in the process that runs it.
    const running = new Map<string, { batchId: string; worker: Worker<ImageJob> }>();
    const cancels = cancel.onCancel((batchId) => {
      for (const [id, job] of running) if (job.batchId === batchId) job.worker.cancelJob(id, 'batch cancelled');
    });
    async function take(job: Job<ImageJob>, worker: Worker<ImageJob>, signal: AbortSignal) {
      // Known as running and listening first: a cancel announced from now on aborts it, one announced before has
      // left its mark.
      running.set(job.id!, { batchId: job.data.batchId, worker });
      try {
        await cancels.ready;
        if (await cancel.isCancelled(job.data.batchId)) return 'done';
        return await shared.run(() => runOnce(job, signal));
      } finally {
        running.delete(job.id!);
      }
    }
    async function runOnce(job: Job<ImageJob>, signal: AbortSignal) {
      const attempt = job.attemptsMade + 1;
      const finalAttempt = attempt >= (job.opts.attempts ?? 1);
      const outcome = await handle(job.data, { attempt, finalAttempt, signal });
      // BullMQ retries what throws, after the backoff, until the job's attempts are spent.
      if (outcome === 'retry' && !finalAttempt && !signal.aborted) throw new Error(`image ${jobKey(job.data)} will be sent again`);
      return outcome;
    }
    const mine = models.map((model) => {
      const worker: Worker<ImageJob> = new Worker<ImageJob>(
        queueName(model),
        (job: Job<ImageJob>, _token?: string, signal?: AbortSignal) => take(job, worker, signal ?? new AbortController().signal),
        {
          connection,
          prefix,
          concurrency: slots,
          lockDuration: stalled.lockDurationMs,
          stalledInterval: stalled.checkEveryMs,
          maxStalledCount: 3,
        },
      );
      // Errors reach the handler's results; a worker's own (Redis gone a moment) must not crash the process.
      worker.on('error', () => undefined);
      workers.add(worker);
      return worker;
    });
    return {
      async drain() {
        await Promise.all(mine.map((worker) => worker.close()));
        for (const worker of mine) workers.delete(worker);
        await cancels.stop();
      },
    };
  }

  return {
    async enqueue(jobs) {
      // Enqueued again after a cancel (a retry): the batch's mark must not skip its new jobs.
      await Promise.all([...new Set(jobs.map((job) => job.batchId))].map((batchId) => cancel.unmark(batchId)));
      await Promise.all(
        jobs.map((job) =>
          queueOf(job.model).add(
            'image',
            { batchId: job.batchId, index: job.index, model: job.model },
            {
              jobId: jobKey(job),
              priority: fairRank(job),
              attempts: policy.attempts,
              backoff: { type: 'exponential', delay: policy.backoffMs },
              removeOnComplete: true,
              removeOnFail: true,
            },
          ),
        ),
      );
    },
    async cancelBatch({ batchId, model }) {
      await cancel.markCancelled(batchId);
      await removeWaiting(batchId, model);
      await cancel.announce(batchId);
    },
    work,
    async depth(models) {
      const counts = await Promise.all(models.map((model) => queueOf(model).getJobCounts(...WAITING_STATES)));
      return Object.fromEntries(models.map((model, i) => [model, Object.values(counts[i]!).reduce((sum, count) => sum + count, 0)]));
    },
    async close() {
      await Promise.all([...workers].map((worker) => worker.close(true)));
      await cancel.close();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
