import type { Logger } from '../logger';
import type { BatchOutcome } from './run-batch';

/**
 * The runs going on in this process: at most one per batch, each with its own abort signal. How a run goes is
 * the `run` it is given; what follows its end (telling followers, starting the next batch) is `onEnded`.
 */
export interface BatchRuns<Start> {
  start(batchId: string, start: Start, options?: { cancelled?: boolean }): Promise<BatchOutcome>;
  /** The outcome of a batch that is not started yet, once it is (a comparison's batch waiting for its turn). */
  whenStarted(batchId: string): Promise<BatchOutcome>;
  isRunning(batchId: string): boolean;
  /** The batches this process waits to start (`whenStarted` was asked of them). */
  waitingIds(): string[];
  /** Aborts the batch's run, if any, and waits until it has settled. */
  stop(batchId: string): Promise<void>;
  /** Resolves when no batch runs, including the ones started because another ended. */
  idle(): Promise<void>;
  /** Resolves `true` once the runs going on now have settled, or `false` when `graceMs` passes first. */
  settled(graceMs: number): Promise<boolean>;
}

export interface BatchRunsDeps<Start> {
  run(batchId: string, start: Start, signal: AbortSignal): Promise<BatchOutcome>;
  /** Called once a run has settled and is no longer running; the runs it starts count for `idle`. */
  onEnded(batchId: string): Promise<void>;
  /** Where a run that failed as a whole (not one image) is reported. */
  logger: Logger;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<BatchOutcome>;
  /** Settles after `onEnded` has run. */
  ended: Promise<void>;
}

export function createBatchRuns<Start>(deps: BatchRunsDeps<Start>): BatchRuns<Start> {
  const active = new Map<string, ActiveRun>();
  const waiting = new Map<string, (done: Promise<BatchOutcome>) => void>();

  function start(batchId: string, startWith: Start, options: { cancelled?: boolean } = {}): Promise<BatchOutcome> {
    const controller = new AbortController();
    // A batch cancelled before its turn still runs through the runner, so every item ends with an event.
    if (options.cancelled) controller.abort();
    const done = deps.run(batchId, startWith, controller.signal);
    const ended = done
      .catch((error: unknown) => deps.logger.error({ batchId, err: error }, 'batch stopped unexpectedly'))
      .finally(() => {
        if (active.get(batchId)?.done === done) active.delete(batchId);
      })
      .then(() => deps.onEnded(batchId))
      .catch((error: unknown) => deps.logger.error({ batchId, err: error }, 'cannot start the batches waiting for this one'));
    active.set(batchId, { controller, done, ended });
    waiting.get(batchId)?.(done);
    waiting.delete(batchId);
    return done;
  }

  return {
    start,
    whenStarted: (batchId) => new Promise((resolve, reject) => waiting.set(batchId, (done) => done.then(resolve, reject))),
    isRunning: (batchId) => active.has(batchId),
    waitingIds: () => [...waiting.keys()],
    async stop(batchId) {
      const run = active.get(batchId);
      if (!run) return;
      run.controller.abort();
      await run.done.catch(() => undefined);
    },
    async idle() {
      while (active.size) await Promise.all([...active.values()].map((run) => run.ended));
    },
    async settled(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const settled = Promise.allSettled([...active.values()].map((run) => run.done)).then(() => true);
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, graceMs, false)));
      try {
        return await Promise.race([settled, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
