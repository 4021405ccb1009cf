import path from 'node:path';
import type { TItemResult } from '@vision/api-contract';
import type { FieldSpec } from '@vision/core/fields';
import type { VisionClient } from '../../vision-client';
import type { ProgressBar } from '../progress-bar';
import type { RunState, SentImage, ServerBatch } from '../run/run-state';
import type { Terminal } from '../terminal';
import { timeToUpload } from '../run/upload-timing';
import { cancelOnServer, watchBatch } from '../watch-batch';

export interface RunBatchesInput {
  /** Batches an earlier session sent and did not see end: followed again first, never sent again. */
  resumed: ServerBatch[];
  /** The images still to send, in batches of what the server takes. */
  batches: SentImage[][];
  model: string;
  prompt?: string | undefined;
  concurrency?: number | undefined;
  fields?: FieldSpec[] | undefined;
  signal: AbortSignal;
  state: RunState;
  bar: ProgressBar;
}

export interface RunBatchesOutcome {
  /** Set when the run stopped early: Ctrl-C (after cancelling on the server) or a batch cancelled elsewhere. */
  stopped?: 'interrupted' | 'cancelled' | undefined;
}

/**
 * The batches on the server at once: the one running and the next, uploaded and queued, so the GPU never waits
 * for an upload or a first preparation, while memory (here and on the server) holds two batches at most.
 */
export const BATCHES_ON_SERVER = 2;

type Job = { resumed: ServerBatch } | { images: SentImage[] };

/**
 * Sends the batches and follows them, keeping the next batch uploaded while one runs (`timeToUpload` says
 * when; the server's scheduler serves a run's batches in turn, so they add up to one queue for the model). Every result goes to `state` as
 * it arrives. On Ctrl-C the batches on the server are cancelled before returning; when the server is lost they
 * go on there, and the same command run again follows them.
 */
export async function runBatches(client: VisionClient, terminal: Terminal, input: RunBatchesInput): Promise<RunBatchesOutcome> {
  const { bar, state } = input;
  const style = terminal.stderrStyle;
  const jobs: Job[] = [...input.resumed.map((resumed) => ({ resumed })), ...input.batches.map((images) => ({ images }))];
  const onServer = new Map<
    string,
    { batch: ServerBatch; position: number; done: Promise<void>; finished: Set<number>; startedAt: number }
  >();
  let lastUploadMs: number | undefined;
  const progress = new Notifier();
  const stopAll = new AbortController();
  const signal = AbortSignal.any([input.signal, stopAll.signal]);
  let failure: unknown;
  let cancelledElsewhere = false;
  const name = (position: number) => (jobs.length > 1 ? `batch ${position + 1}/${jobs.length}` : 'batch');
  const showRunning = () => bar.setLabel([...onServer.values()].map(({ position }) => name(position)).join(', '));

  const follow = async (batch: ServerBatch) => {
    const nameOf = (result: { index: number; filename: string }) => batch.images[result.index]?.name ?? result.filename;
    const record = (result: TItemResult) => {
      onServer.get(batch.batchId)?.finished.add(result.index);
      progress.notify();
      return state.record(batch, result);
    };
    const watched = await watchBatch(client, batch.batchId, { terminal, bar, nameOf, signal, record });
    if (watched.status === 'completed') {
      state.ended(batch.batchId, 'completed');
      return;
    }
    // Cancelled elsewhere (the web app, `vision-batch cancel`): whoever did it wants the run to stop.
    if (watched.status === 'cancelled') state.ended(batch.batchId, 'cancelled');
    if (!cancelledElsewhere)
      terminal.error(
        style.yellow(
          `Batch ${batch.batchId} was ${watched.status === 'cancelled' ? 'cancelled' : 'stopped'} on the server; not starting the rest.`,
        ),
      );
    cancelledElsewhere = true;
  };
  const start = (batch: ServerBatch, position: number) => {
    const done = follow(batch)
      .then(() => void onServer.delete(batch.batchId))
      .catch((error: unknown) => {
        failure ??= error;
        stopAll.abort(error);
      })
      .finally(() => {
        showRunning();
        progress.notify();
      });
    onServer.set(batch.batchId, { batch, position, done, finished: new Set(), startedAt: Date.now() });
    showRunning();
  };

  const mayUpload = () => {
    if (onServer.size >= BATCHES_ON_SERVER) return false;
    const running = [...onServer.values()].map(({ batch, finished, startedAt }) => ({
      size: batch.images.length,
      finished: finished.size,
      startedAt,
    }));
    return timeToUpload(running, lastUploadMs, Date.now());
  };
  signal.addEventListener('abort', () => progress.notify(), { once: true });
  try {
    for (const [position, job] of jobs.entries()) {
      while (!('resumed' in job) && !mayUpload() && !signal.aborted && !cancelledElsewhere) await progress.next();
      if (signal.aborted || cancelledElsewhere) break;
      if ('resumed' in job) {
        terminal.err(style.dim(`Batch ${job.resumed.batchId} (${name(position)}): sent by an earlier run, following it again`));
        start(job.resumed, position);
        continue;
      }
      bar.setLabel(`uploading ${name(position)}`);
      const uploadStartedAt = Date.now();
      const { batchId } = await client.uploadBatch({
        files: job.images.map((image) => ({ name: path.basename(image.path), path: image.path })),
        ...whatIsAsked(input),
        signal,
      });
      lastUploadMs = Date.now() - uploadStartedAt;
      const batch = { batchId, images: job.images };
      state.uploaded(batch);
      terminal.err(
        style.dim(
          `Batch ${batchId} (${name(position)}): ${batch.images.length} image${batch.images.length === 1 ? '' : 's'} with ${input.model}`,
        ),
      );
      start(batch, position);
    }
  } catch (error) {
    failure ??= error;
    stopAll.abort(error);
  }
  await Promise.all([...onServer.values()].map((entry) => entry.done));
  bar.stop();

  if (input.signal.aborted) {
    await cancelAll(
      client,
      terminal,
      state,
      [...onServer.values()].map((entry) => entry.batch),
    );
    return { stopped: 'interrupted' };
  }
  if (failure !== undefined) {
    for (const { batch } of onServer.values()) {
      terminal.error(
        style.yellow(
          `Batch ${batch.batchId} goes on on the server: run the same command again to follow it, or "vision-batch show ${batch.batchId}".`,
        ),
      );
    }
    throw failure;
  }
  return { stopped: cancelledElsewhere ? 'cancelled' : undefined };
}

/** After Ctrl-C: stops the run's batches on the server, keeping the results they had reached. */
async function cancelAll(client: VisionClient, terminal: Terminal, state: RunState, batches: readonly ServerBatch[]): Promise<void> {
  if (batches.length === 0) await cancelOnServer(client, terminal, undefined);
  for (const batch of batches) {
    const view = await cancelOnServer(client, terminal, batch.batchId);
    if (!view) continue;
    for (const item of view.items) if (item.result) state.record(batch, item.result);
    state.ended(batch.batchId, view.status);
  }
}

/** Wakes the one loop waiting for a change (a result, a batch's end, an abort). */
class Notifier {
  private waiting: (() => void) | undefined;

  next(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  notify(): void {
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }
}

/** What every batch of the run asks, as the upload sends it. */
const whatIsAsked = ({ model, prompt, concurrency, fields }: RunBatchesInput) => ({ model, prompt, concurrency, fields });
