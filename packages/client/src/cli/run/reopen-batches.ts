import { TRPCClientError } from '@trpc/client';
import type { VisionClient } from '../../vision-client';
import type { Terminal } from '../terminal';
import type { RunState, ServerBatch } from './run-state';

/**
 * An earlier session's batches that it did not see end: the ones that ended meanwhile give their results now;
 * the ones still running or queued are answered, to be followed again. A batch the server no longer has (its
 * data folder was emptied) leaves its images without results, so they are sent again.
 */
export async function reopenBatches(
  client: VisionClient,
  terminal: Terminal,
  state: RunState,
  open: readonly ServerBatch[],
): Promise<ServerBatch[]> {
  const running: ServerBatch[] = [];
  for (const batch of open) {
    const view = await client.batches.get.query({ batchId: batch.batchId }).catch((error: unknown) => {
      if (error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!view) {
      terminal.err(
        terminal.stderrStyle.yellow(`Batch ${batch.batchId} of the earlier run is not on the server any more: its images are sent again.`),
      );
      state.ended(batch.batchId, 'gone');
    } else if (view.status === 'running' || view.status === 'queued') {
      running.push(batch);
    } else {
      for (const item of view.items) if (item.result) state.record(batch, item.result);
      state.ended(batch.batchId, view.status);
    }
  }
  return running;
}
