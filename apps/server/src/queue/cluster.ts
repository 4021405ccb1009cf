import type { EventRelay, JobQueue } from '@vision/core';
import { createBullmqJobQueue } from './bullmq-job-queue';
import { createRedisEventRelay } from './redis-event-relay';
import { createWorkerRegistry, type WorkerRegistry } from './redis-worker-registry';

/** What API servers and workers share through Redis: the image queue, the progress relay, the workers' roll. */
export interface Cluster {
  queue: JobQueue;
  relay: EventRelay;
  workers: WorkerRegistry;
  close(): Promise<void>;
}

export function openCluster(redisUrl: string, options: { prefix?: string; lockMs?: number } = {}): Cluster {
  const lockMs = options.lockMs ?? 30_000;
  // Half the hold between checks: a dead worker's image waits at most 1.5 holds before another worker takes it.
  const queue = createBullmqJobQueue({ redisUrl, prefix: options.prefix, stalled: { lockDurationMs: lockMs, checkEveryMs: lockMs / 2 } });
  const relay = createRedisEventRelay(redisUrl, options.prefix);
  const workers = createWorkerRegistry(redisUrl, options.prefix);
  return {
    queue,
    relay,
    workers,
    async close() {
      await Promise.all([queue.close(), relay.close(), workers.close()]);
    },
  };
}
