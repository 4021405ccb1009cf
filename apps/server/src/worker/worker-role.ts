import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  createBatchFiles,
  createImageJobHandler,
  createHostRouter,
  DEFAULT_MAX_INPUT_PIXELS,
  type BatchRepository,
  type HostRouter,
  type JobHandler,
  type PooledModelInfo,
  type QueueWorker,
} from '@vision/core';
import type { ServerConfig } from '../env';
import type { ServerLogger } from '../logging/logger';
import type { Cluster } from '../queue/cluster';
import { HEARTBEAT_MS, type WorkerAnnouncement } from '../queue/redis-worker-registry';

export interface RunningWorker {
  announcement(): WorkerAnnouncement;
  /** Stops taking images, lets the running ones finish (their results are saved), and leaves the roll. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** What this worker's hosts serve now: the models (their ids) and their slots together. */
async function survey(pool: HostRouter): Promise<Survey & { health: NonNullable<Survey['health']> }> {
  const health = await pool.health();
  const catalog = health.reachable ? await pool.listModels().catch(() => []) : [];
  const models = catalog.map((model) => model.id);
  const slots = health.hosts.filter((host) => host.reachable).reduce((sum, host) => sum + host.slots, 0);
  return { health, models, catalog, slots: Math.max(1, slots) };
}

/**
 * A worker (SERVER_ROLE=worker, or the worker half of `all` in a cluster): it takes the images of the models its
 * own hosts serve from the queue, at most its hosts' slots at once, and announces itself every few seconds.
 */
export function startWorker(deps: {
  config: ServerConfig;
  cluster: Cluster;
  repository: BatchRepository;
  logger: ServerLogger;
}): RunningWorker {
  const { config, cluster, logger } = deps;
  // The worker's own hosts, with their turns and failover, as the embedded server has them.
  const pool = createHostRouter({ hosts: config.hosts, ...config.inference });
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  const counts = { running: 0, finished: 0 };
  const stopped = new AbortController();
  let served: Survey = { health: undefined, models: [], catalog: [], slots: 0 };
  const announcement = (): WorkerAnnouncement => ({
    id,
    hostname: os.hostname(),
    pid: process.pid,
    models: served.models,
    catalog: served.catalog,
    hosts: (served.health?.hosts ?? []).map((host) => ({
      baseUrl: host.baseUrl,
      kind: host.kind ?? null,
      reachable: host.reachable,
      slots: host.slots,
    })),
    slots: served.slots,
    ...counts,
    startedAt,
  });
  const beat = () =>
    cluster.workers.announce(announcement()).catch((error: Error) => logger.warn({ err: error }, 'cannot announce this worker'));
  const taking = (async (): Promise<QueueWorker | undefined> => {
    served = await waitForModels(pool, logger, stopped.signal);
    if (stopped.signal.aborted) return undefined;
    const handle = countedAndLogged(
      createImageJobHandler({
        repository: deps.repository,
        files: createBatchFiles(path.join(config.dataDir, 'batches')),
        prepareOptions: { maxSide: config.maxImageSide, maxPixels: DEFAULT_MAX_INPUT_PIXELS },
        inference: pool,
        slots: served.slots,
        relay: cluster.relay,
        logger,
      }),
      counts,
      logger,
    );
    await beat();
    logger.info(
      { models: served.models, slots: served.slots },
      `Worker taking images of ${served.models.join(', ')} (${served.slots} slot(s))`,
    );
    return cluster.queue.work({ models: served.models, slots: heldAtOnce(served.slots), handle });
  })();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  let drained: Promise<void> | undefined;
  const drain = () =>
    (drained ??= (async () => {
      clearInterval(heartbeat);
      stopped.abort();
      await (await taking)?.drain();
      await cluster.workers.withdraw(id).catch(() => undefined);
    })());
  return {
    announcement,
    drain,
    async close() {
      await drain();
      pool.close();
    },
  };
}

interface Survey {
  health: Awaited<ReturnType<HostRouter['health']>> | undefined;
  models: string[];
  catalog: PooledModelInfo[];
  slots: number;
}

/**
 * Images a worker holds at once: its hosts' slots, and half as many again being prepared meanwhile, as the embedded
 * runner prepares ahead, so a slot that frees finds its next image ready. The requests at the hosts stay within
 * their slots (the worker's scheduler); a killed worker's held images are the ones that run again.
 */
export const heldAtOnce = (slots: number) => slots + Math.ceil(slots / 2);

/** A worker with no model to serve would take nothing: it waits for its hosts, saying so. */
async function waitForModels(pool: HostRouter, logger: ServerLogger, stopped: AbortSignal): Promise<Survey> {
  for (;;) {
    const found = await survey(pool);
    if (found.models.length || stopped.aborted) return found;
    logger.warn({ hosts: found.health.hosts.map((host) => host.baseUrl) }, 'No inference host answers with a model yet: waiting for one');
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, HEARTBEAT_MS);
      stopped.addEventListener('abort', () => resolve(clearTimeout(timer)), { once: true });
    });
  }
}

/** Counts the images for the heartbeat, and logs a job that failed as a whole (a DATA_DIR that is not shared). */
function countedAndLogged(handle: JobHandler, counts: { running: number; finished: number }, logger: ServerLogger): JobHandler {
  return async (job, context) => {
    counts.running += 1;
    try {
      return await handle(job, context);
    } catch (error) {
      logger.error(
        { err: error, batchId: job.batchId, index: job.index },
        `image ${job.index} of batch ${job.batchId} failed: ${(error as Error).message}`,
      );
      throw error;
    } finally {
      counts.running -= 1;
      counts.finished += 1;
    }
  };
}
