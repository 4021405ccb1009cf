import path from 'node:path';
import type { FieldSpec } from '@vision/core/fields';
import type { VisionClient } from '../../vision-client';
import type { ProgressBar } from '../progress-bar';
import { trackBatchesOnServer } from '../run/batches-on-server';
import type { RunState, SentImage, ServerBatch } from '../run/run-state';
import type { Terminal } from '../terminal';
import { cancelOnServer } from '../watch-batch';

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

type Job = { resumed: ServerBatch } | { images: SentImage[] };
type Tracked = ReturnType<typeof trackBatchesOnServer>;

/**
 * Sends the batches and follows them, keeping the next batch uploaded while one runs (`timeToUpload` says when;
 * the server's scheduler serves a run's batches in turn, so they add up to one queue for the model). Every result
 * goes to `state` as it arrives. On Ctrl-C the batches on the server are cancelled before returning; when the
 * server is lost they go on there, and the same command run again follows them.
 */
export async function runBatches(client: VisionClient, terminal: Terminal, input: RunBatchesInput): Promise<RunBatchesOutcome> {
  const jobs: Job[] = [...input.resumed.map((resumed) => ({ resumed })), ...input.batches.map((images) => ({ images }))];
  const { bar, state } = input;
  const tracked = trackBatchesOnServer({ client, terminal, state, bar, count: jobs.length, signal: input.signal });
  try {
    for (const [position, job] of jobs.entries()) {
      if ('resumed' in job) {
        if (tracked.stopped()) break;
        terminal.err(
          terminal.stderrStyle.dim(`Batch ${job.resumed.batchId} (${tracked.name(position)}): sent by an earlier run, following it again`),
        );
        tracked.follow(job.resumed, position);
      } else {
        if (!(await tracked.waitToUpload())) break;
        tracked.follow(await upload(client, terminal, input, tracked, job.images, position), position);
      }
    }
  } catch (error) {
    tracked.fail(error);
  }
  await tracked.settled();
  bar.stop();
  return endOfRun(client, terminal, input, tracked);
}

async function upload(
  client: VisionClient,
  terminal: Terminal,
  input: RunBatchesInput,
  tracked: Tracked,
  images: SentImage[],
  position: number,
): Promise<ServerBatch> {
  input.bar.setLabel(`uploading ${tracked.name(position)}`);
  const startedAt = Date.now();
  const { batchId } = await client.uploadBatch({
    files: images.map((image) => ({ name: path.basename(image.path), path: image.path })),
    ...whatIsAsked(input),
    signal: tracked.signal,
  });
  tracked.uploaded(Date.now() - startedAt);
  const batch = { batchId, images };
  input.state.uploaded(batch);
  const count = `${images.length} image${images.length === 1 ? '' : 's'}`;
  terminal.err(terminal.stderrStyle.dim(`Batch ${batchId} (${tracked.name(position)}): ${count} with ${input.model}`));
  return batch;
}

/** Ctrl-C cancels what is on the server; a failure says how to follow what goes on there, then is thrown. */
async function endOfRun(client: VisionClient, terminal: Terminal, input: RunBatchesInput, tracked: Tracked): Promise<RunBatchesOutcome> {
  if (input.signal.aborted) {
    await cancelAll(client, terminal, input.state, tracked.batches());
    return { stopped: 'interrupted' };
  }
  if (tracked.failure) {
    for (const batch of tracked.batches()) {
      terminal.error(
        terminal.stderrStyle.yellow(
          `Batch ${batch.batchId} goes on on the server: run the same command again to follow it, or "vision-batch show ${batch.batchId}".`,
        ),
      );
    }
    throw tracked.failure.error;
  }
  return { stopped: tracked.cancelledElsewhere ? 'cancelled' : undefined };
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

/** What every batch of the run asks, as the upload sends it. */
const whatIsAsked = ({ model, prompt, concurrency, fields }: RunBatchesInput) => ({ model, prompt, concurrency, fields });
