import type { TItemResult } from '@vision/api-contract';
import type { VisionClient } from '../../vision-client';
import type { ProgressBar } from '../progress-bar';
import type { Terminal } from '../terminal';
import { watchBatch } from '../watch-batch';
import type { RunState, ServerBatch } from './run-state';
import { timeToUpload } from './upload-timing';

/**
 * The batches on the server at once: the one running and the next, uploaded and queued, so the GPU never waits
 * for an upload or a first preparation, while memory (here and on the server) holds two batches at most.
 */
const BATCHES_ON_SERVER = 2;

interface OnServer {
  batch: ServerBatch;
  position: number;
  done: Promise<void>;
  finished: Set<number>;
  startedAt: number;
}

export interface BatchesOnServerSetup {
  client: VisionClient;
  terminal: Terminal;
  state: RunState;
  bar: ProgressBar;
  /** How many batches the run has in all, to name each one ("batch 2/5"). */
  count: number;
  /** The user's Ctrl-C. */
  signal: AbortSignal;
}

/**
 * The run's batches that are on the server: each followed to its end (its results into `state` as they arrive),
 * and the rule for when the next may be uploaded. A batch cancelled elsewhere (the web app, `vision-batch cancel`)
 * stops the run; a failure following one stops the others here (they go on on the server).
 */
export function trackBatchesOnServer({ client, terminal, state, bar, count, signal: userSignal }: BatchesOnServerSetup) {
  const onServer = new Map<string, OnServer>();
  const changed = createNotifier();
  const stopAll = new AbortController();
  const signal = AbortSignal.any([userSignal, stopAll.signal]);
  signal.addEventListener('abort', () => changed.notify(), { once: true });
  let failure: { error: unknown } | undefined;
  let cancelledElsewhere = false;
  let lastUploadMs: number | undefined;

  const name = (position: number) => (count > 1 ? `batch ${position + 1}/${count}` : 'batch');
  const showRunning = () => bar.setLabel([...onServer.values()].map(({ position }) => name(position)).join(', '));
  const stopped = () => signal.aborted || cancelledElsewhere;

  async function follow(batch: ServerBatch) {
    const status = await watchToEnd({ client, terminal, state, bar }, batch, signal, (index) => {
      onServer.get(batch.batchId)?.finished.add(index);
      changed.notify();
    });
    if (status === 'completed') return;
    if (!cancelledElsewhere) {
      const how = status === 'cancelled' ? 'cancelled' : 'stopped';
      terminal.error(terminal.stderrStyle.yellow(`Batch ${batch.batchId} was ${how} on the server; not starting the rest.`));
    }
    cancelledElsewhere = true;
  }

  function fail(error: unknown) {
    failure ??= { error };
    stopAll.abort(error);
  }

  const mayUpload = () => onServer.size < BATCHES_ON_SERVER && timeToUpload(progressOf(onServer), lastUploadMs, Date.now());

  return {
    signal,
    name,
    fail,
    stopped,
    get failure() {
      return failure;
    },
    get cancelledElsewhere() {
      return cancelledElsewhere;
    },
    batches: () => [...onServer.values()].map((entry) => entry.batch),
    /** Waits until an upload may start; false when the run stopped instead. */
    async waitToUpload(): Promise<boolean> {
      while (!mayUpload() && !stopped()) await changed.next();
      return !stopped();
    },
    uploaded(uploadMs: number) {
      lastUploadMs = uploadMs;
    },
    follow(batch: ServerBatch, position: number) {
      const done = follow(batch)
        .then(() => void onServer.delete(batch.batchId))
        .catch(fail)
        .finally(() => {
          showRunning();
          changed.notify();
        });
      onServer.set(batch.batchId, { batch, position, done, finished: new Set(), startedAt: Date.now() });
      showRunning();
    },
    /** Resolves once every batch followed has ended here (or its following failed). */
    settled: () => Promise.all([...onServer.values()].map((entry) => entry.done)).then(() => undefined),
  };
}

/**
 * Follows a batch to its end, each result into `state` (and `onResult`); the status it ended with. One cancelled
 * elsewhere (the web app, `vision-batch cancel`) is recorded as such.
 */
async function watchToEnd(
  { client, terminal, state, bar }: Pick<BatchesOnServerSetup, 'client' | 'terminal' | 'state' | 'bar'>,
  batch: ServerBatch,
  signal: AbortSignal,
  onResult: (index: number) => void,
) {
  const nameOf = (result: { index: number; filename: string }) => batch.images[result.index]?.name ?? result.filename;
  const record = (result: TItemResult) => {
    onResult(result.index);
    return state.record(batch, result);
  };
  const { status } = await watchBatch(client, batch.batchId, { terminal, bar, nameOf, signal, record });
  if (status === 'completed' || status === 'cancelled') state.ended(batch.batchId, status);
  return status;
}

/** How far each batch on the server has got, for the rule of when to upload the next. */
const progressOf = (onServer: ReadonlyMap<string, OnServer>) =>
  [...onServer.values()].map(({ batch, finished, startedAt }) => ({ size: batch.images.length, finished: finished.size, startedAt }));

/** Wakes the one loop waiting for a change (a result, a batch's end, an abort). */
function createNotifier() {
  let waiting: (() => void) | undefined;
  return {
    next: () => new Promise<void>((resolve) => (waiting = resolve)),
    notify() {
      const wake = waiting;
      waiting = undefined;
      wake?.();
    },
  };
}
