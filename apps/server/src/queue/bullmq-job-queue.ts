import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { DEFAULT_RETRY_POLICY, fairRank, jobKey, type ImageJob, type JobQueue, type RetryPolicy } from '@vision/core';
import { redisConnection } from './bullmq-connection';
import { queueName, startQueueWorker, type ClosableQueueWorker } from './bullmq-queue-worker';
import { createCancelChannel, type CancelChannel } from './redis-cancel';

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
  /** How long a worker with nothing to take waits before it looks in its queues again. */
  idlePollMs?: number;
}

const STALLED_DEFAULTS = { lockDurationMs: 30_000, checkEveryMs: 15_000 };
/** An idle worker's look in Redis costs one short script per model: ten a second keeps an image's wait short. */
const IDLE_POLL_MS = 100;
const WAITING_STATES = ['waiting', 'prioritized', 'delayed', 'paused'] as const;

/**
 * A job's id is its batch and index, so a second add while it waits or runs is a no-op; its priority is its
 * index, so batches take turns; finished jobs leave Redis at once (the database keeps the results).
 */
function jobOptions(job: ImageJob, policy: RetryPolicy): JobsOptions {
  return {
    jobId: jobKey(job),
    priority: fairRank(job),
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

export function createBullmqJobQueue(options: BullmqQueueOptions): JobQueue {
  const connection: ConnectionOptions = redisConnection(options.redisUrl);
  const prefix = options.prefix ?? 'vision';
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const stalled = options.stalled ?? STALLED_DEFAULTS;
  const queues = new Map<string, Queue>();
  const cancel: CancelChannel = createCancelChannel(options.redisUrl, prefix);
  const workers = new Set<ClosableQueueWorker>();
  const setup = { connection, prefix, stalled, cancel, idlePollMs: options.idlePollMs ?? IDLE_POLL_MS };

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

  return {
    async enqueue(jobs) {
      // Enqueued again after a cancel (a retry): the batch's mark must not skip its new jobs.
      await Promise.all([...new Set(jobs.map((job) => job.batchId))].map((batchId) => cancel.unmark(batchId)));
      await Promise.all(
        jobs.map((job) =>
          queueOf(job.model).add('image', { batchId: job.batchId, index: job.index, model: job.model }, jobOptions(job, policy)),
        ),
      );
    },
    async cancelBatch({ batchId, model }) {
      await cancel.markCancelled(batchId);
      await removeWaiting(batchId, model);
      await cancel.announce(batchId);
    },
    work(work) {
      const worker = startQueueWorker(setup, work);
      workers.add(worker);
      return {
        async drain() {
          await worker.drain();
          workers.delete(worker);
        },
      };
    },
    async depth(models) {
      const counts = await Promise.all(models.map((model) => queueOf(model).getJobCounts(...WAITING_STATES)));
      return Object.fromEntries(models.map((model, i) => [model, Object.values(counts[i]!).reduce((sum, count) => sum + count, 0)]));
    },
    async close() {
      await Promise.all([...workers].map((worker) => worker.close()));
      await cancel.close();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
