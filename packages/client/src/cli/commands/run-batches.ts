import path from 'node:path';
import type { TItemResult } from '@vision/api-contract';
import type { VisionClient } from '../../vision-client';
import type { LocalImage } from '../images/collect-images';
import { ProgressBar } from '../progress-bar';
import { failedResult, type ResultRow } from '../results/run-results';
import type { Terminal } from '../terminal';
import { cancelOnServer, watchBatch } from '../watch-batch';

export interface RunBatchesInput {
  batches: LocalImage[][];
  model: string;
  prompt?: string | undefined;
  concurrency?: number | undefined;
  signal: AbortSignal;
}

export interface RunBatchesOutcome {
  rows: ResultRow[];
  batchIds: string[];
  wallTimes: number[];
  /** Set when the run stopped early: Ctrl-C (after cancelling on the server) or a batch cancelled elsewhere. */
  stopped?: 'interrupted' | 'cancelled' | undefined;
}

/**
 * Uploads and follows the batches one after another (they would only compete for the same GPU), naming
 * every result by its local path. On Ctrl-C the running batch is cancelled on the server before returning.
 */
export async function runBatches(client: VisionClient, terminal: Terminal, input: RunBatchesInput): Promise<RunBatchesOutcome> {
  const style = terminal.stderrStyle;
  const total = input.batches.reduce((sum, batch) => sum + batch.length, 0);
  const bar = new ProgressBar(terminal, total);
  const outcome: RunBatchesOutcome = { rows: [], batchIds: [], wallTimes: [] };
  let running: string | undefined;
  try {
    for (const [position, batch] of input.batches.entries()) {
      const label = input.batches.length > 1 ? `batch ${position + 1}/${input.batches.length}` : '';
      bar.setLabel(label ? `${label} uploading` : 'uploading');
      const { batchId } = await client.uploadBatch({
        files: batch.map((image) => ({ name: path.basename(image.path), path: image.path })),
        model: input.model,
        prompt: input.prompt,
        concurrency: input.concurrency,
        signal: input.signal,
      });
      running = batchId;
      outcome.batchIds.push(batchId);
      terminal.err(style.dim(`Batch ${batchId}${label ? ` (${label})` : ''}: ${batch.length} image${batch.length === 1 ? '' : 's'} with ${input.model}`));
      bar.setLabel(label);
      const nameOf = (result: TItemResult) => batch[result.index]?.name ?? result.filename;
      const watched = await watchBatch(client, batchId, { terminal, bar, nameOf, signal: input.signal });
      running = undefined;
      outcome.wallTimes.push(watched.stats?.wall_time ?? 0);
      batch.forEach((image, index) => {
        const result = watched.results.get(index) ?? (watched.status === 'cancelled' ? failedResult(image.name, 'cancelled', index, 'cancelled') : failedResult(image.name, 'not finished', index, 'not-finished'));
        outcome.rows.push({ name: image.name, batchId, result });
      });
      if (watched.status !== 'completed') {
        terminal.err(style.yellow(`Batch ${batchId} was ${watched.status === 'cancelled' ? 'cancelled' : 'stopped'} on the server; not starting the rest.`));
        outcome.stopped = 'cancelled';
        for (const image of input.batches.slice(position + 1).flat()) {
          outcome.rows.push({ name: image.name, batchId: null, result: failedResult(image.name, 'not sent: an earlier batch was stopped') });
        }
        break;
      }
    }
  } catch (error) {
    if (!input.signal.aborted) {
      bar.stop();
      if (running) terminal.err(style.yellow(`Batch ${running} goes on on the server: "vision-batch show ${running}" tells how it ends.`));
      throw error;
    }
    bar.stop();
    outcome.stopped = 'interrupted';
    await cancelOnServer(client, terminal, running);
  } finally {
    bar.stop();
  }
  return outcome;
}
