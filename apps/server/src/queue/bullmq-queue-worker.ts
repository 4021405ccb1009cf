import { randomUUID } from 'node:crypto';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { jobKey, type ImageJob, type QueueWorker, type WorkOptions } from '@vision/core';
import type { CancelChannel } from './redis-cancel';

export interface QueueWorkerSetup {
  connection: ConnectionOptions;
  prefix: string;
  /** How long a hold on a job lasts unrenewed, and how often workers look for jobs whose holder died. */
  stalled: { lockDurationMs: number; checkEveryMs: number };
  cancel: CancelChannel;
  /** How long a worker with nothing to take waits before it looks in its queues again. */
  idlePollMs: number;
}

export interface ClosableQueueWorker extends QueueWorker {
  /** Stops at once, as a killed process would: running jobs are aborted and left to expire to another worker. */
  close(): Promise<void>;
}

interface Taken {
  job: Job<ImageJob>;
  /** The hold on the job: BullMQ completes or fails a job only for the token that took it. */
  token: string;
}

export const queueName = (model: string) => `images.${encodeURIComponent(model)}`;

/**
 * Works the queues of `options.models`, taking an image only when one of its slots is free, from its models'
 * queues in turn. BullMQ's own processor loop fetches per queue up to each queue's concurrency, so a worker serving
 * several models held up to slots × models images while it could send only `slots`, and the rest waited in it
 * instead of in Redis where an idle worker would take them. So jobs are fetched by hand (BullMQ's "manually
 * fetching jobs"): the hold renewed here while the image runs, a failure a retry may mend handed to BullMQ's
 * retry with backoff, and each queue's stalled check kept running for the jobs of workers that died.
 */
export function startQueueWorker(setup: QueueWorkerSetup, { models, slots, handle }: WorkOptions): ClosableQueueWorker {
  const sources = models.map((model) => openSource(setup, model));
  const running = new Map<string, { batchId: string; controller: AbortController }>();
  const idle = createWakeable();
  const takeNext = takerInTurn(sources);
  let stopping: 'drain' | 'close' | undefined;

  const cancels = setup.cancel.onCancel((batchId) => {
    for (const job of running.values()) if (job.batchId === batchId) job.controller.abort(new Error('batch cancelled'));
  });

  async function run({ job, token }: Taken) {
    const controller = new AbortController();
    running.set(job.id!, { batchId: job.data.batchId, controller });
    const renewal = keepHold({ job, token }, setup.stalled.lockDurationMs);
    try {
      const outcome = await runOnce(job, controller.signal);
      // Closed at once: the job keeps its hold until it expires, and another worker runs it, as after a crash.
      if (stopping === 'close') return;
      if (outcome === 'done') await job.moveToCompleted(outcome, token, false);
      else await job.moveToFailed(new Error(`image ${jobKey(job.data)} will be sent again`), token, false);
    } catch (error) {
      if (stopping !== 'close')
        await job.moveToFailed(error instanceof Error ? error : new Error(String(error)), token, false).catch(() => undefined);
    } finally {
      renewal.stop();
      running.delete(job.id!);
      idle.wake();
    }
  }

  /** `done`, or `retry` when the handler asks for one and a run is left (BullMQ then runs it after the backoff). */
  async function runOnce(job: Job<ImageJob>, signal: AbortSignal): Promise<'done' | 'retry'> {
    // Listening first: a cancel announced from now on aborts it, one announced before has left its mark.
    await cancels.ready;
    if (await setup.cancel.isCancelled(job.data.batchId)) return 'done';
    const attempt = job.attemptsMade + 1;
    const finalAttempt = attempt >= (job.opts.attempts ?? 1);
    const outcome = await handle(job.data, { attempt, finalAttempt, signal });
    return outcome === 'retry' && !finalAttempt && !signal.aborted ? 'retry' : 'done';
  }

  async function dispatch() {
    while (!stopping) {
      if (running.size >= slots) {
        await idle.wait();
        continue;
      }
      const taken = await takeNext().catch(() => undefined); // Redis away a moment: look again after a pause
      if (stopping) {
        // Taken while stopping: back to the queue for another worker, no run counted.
        if (taken) await taken.job.moveToWait(taken.token).catch(() => undefined);
        break;
      }
      if (taken) void run(taken);
      else await idle.wait(setup.idlePollMs);
    }
  }

  async function whenIdle() {
    while (running.size > 0) await idle.wait();
  }

  const dispatching = dispatch();
  return {
    async drain() {
      stopping ??= 'drain';
      idle.wake();
      await dispatching;
      await whenIdle();
      await Promise.all(sources.map((source) => source.close()));
      await cancels.stop();
    },
    async close() {
      stopping = 'close';
      idle.wake();
      for (const job of running.values()) job.controller.abort(new Error('worker closed'));
      await dispatching;
      await Promise.all(sources.map((source) => source.close(true)));
      await cancels.stop();
    },
  };
}

/** Takes the next waiting image of the sources' models, the models taking turns; undefined when none waits. */
function takerInTurn(sources: ReadonlyArray<Worker<ImageJob>>): () => Promise<Taken | undefined> {
  let turn = 0;
  return async () => {
    for (let step = 0; step < sources.length; step++) {
      const at = (turn + step) % sources.length;
      const token = randomUUID();
      const job = await sources[at]!.getNextJob(token, { block: false });
      if (job) {
        turn = (at + 1) % sources.length;
        return { job, token };
      }
    }
    return undefined;
  };
}

/** Renews the hold on a running job at half its length, as BullMQ's own processor loop does. */
function keepHold({ job, token }: Taken, lockDurationMs: number): { stop(): void } {
  const timer = setInterval(() => void job.extendLock(token, lockDurationMs).catch(() => undefined), lockDurationMs / 2);
  return { stop: () => clearInterval(timer) };
}

/** A BullMQ worker that takes nothing by itself: `getNextJob` is called by hand, and it checks for stalled jobs. */
function openSource({ connection, prefix, stalled }: QueueWorkerSetup, model: string): Worker<ImageJob> {
  const source = new Worker<ImageJob>(queueName(model), null, {
    connection,
    prefix,
    autorun: false,
    lockDuration: stalled.lockDurationMs,
    stalledInterval: stalled.checkEveryMs,
    maxStalledCount: 3,
  });
  // A worker's own errors (Redis gone a moment) must not crash the process; jobs' errors reach their results.
  source.on('error', () => undefined);
  void source.startStalledCheckTimer().catch(() => undefined);
  return source;
}

/** A wait that ends when woken, or after `ms` when given. */
function createWakeable() {
  const wakers = new Set<() => void>();
  return {
    wait(ms?: number): Promise<void> {
      return new Promise((resolve) => {
        const waker = () => {
          clearTimeout(timer);
          wakers.delete(waker);
          resolve();
        };
        // An idle worker waits here ten times a second for hours: a wait that timed out must not stay listed.
        const timer = ms === undefined ? undefined : setTimeout(waker, ms);
        wakers.add(waker);
      });
    },
    wake() {
      for (const waker of [...wakers]) waker();
    },
  };
}
