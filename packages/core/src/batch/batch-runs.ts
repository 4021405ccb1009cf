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
  /** Aborts the batch's run, if any, and waits until it has settled. */
  stop(batchId: string): Promise<void>;
  /** Resolves when no batch runs, including the ones started because another ended. */
  idle(): Promise<void>;
}

export interface BatchRunsDeps<Start> {
  run(batchId: string, start: Start, signal: AbortSignal): Promise<BatchOutcome>;
  /** Called once a run has settled and is no longer running; the runs it starts count for `idle`. */
  onEnded(batchId: string): Promise<void>;
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
      .catch((error: unknown) => console.error(`batch ${batchId} stopped unexpectedly:`, error))
      .finally(() => {
        if (active.get(batchId)?.done === done) active.delete(batchId);
      })
      .then(() => deps.onEnded(batchId))
      .catch((error: unknown) => console.error(`cannot start the batches after ${batchId}:`, error));
    active.set(batchId, { controller, done, ended });
    waiting.get(batchId)?.(done);
    waiting.delete(batchId);
    return done;
  }

  return {
    start,
    whenStarted: (batchId) => new Promise((resolve, reject) => waiting.set(batchId, (done) => done.then(resolve, reject))),
    isRunning: (batchId) => active.has(batchId),
    async stop(batchId) {
      const run = active.get(batchId);
      if (!run) return;
      run.controller.abort();
      await run.done.catch(() => undefined);
    },
    async idle() {
      while (active.size) await Promise.all([...active.values()].map((run) => run.ended));
    },
  };
}
