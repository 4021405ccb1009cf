import type { TBatchStats, TBatchView, TItemResult } from '@vision/api-contract';
import type { VisionClient } from '../vision-client';
import { itemLine } from './format';
import type { ProgressBar } from './progress-bar';
import type { Terminal } from './terminal';

export interface WatchOutcome {
  /** `unfinished`: the server ended the stream without a final event (the batch stopped elsewhere). */
  status: 'completed' | 'cancelled' | 'unfinished';
  /** By the item's index in the batch. */
  results: Map<number, TItemResult>;
  stats: TBatchStats | null;
}

export interface WatchOptions {
  terminal: Terminal;
  bar: ProgressBar;
  /** The name to show for an item (the local path rather than the uploaded base name). */
  nameOf: (result: TItemResult) => string;
  signal: AbortSignal;
  lastEventId?: string | undefined;
  /** Told every result; answers false for one already known (a batch followed again), which is then not printed. */
  record?: ((result: TItemResult) => boolean) | undefined;
}

/** Follows a batch to its end, printing each finished image on stderr as it comes. */
export async function watchBatch(client: VisionClient, batchId: string, options: WatchOptions): Promise<WatchOutcome> {
  const { terminal, bar } = options;
  const style = terminal.stderrStyle;
  const results = new Map<number, TItemResult>();
  let finished: { status: 'completed' | 'cancelled'; stats: TBatchStats } | undefined;
  let reconnecting = false;

  const events = client.followBatch(batchId, {
    signal: options.signal,
    lastEventId: options.lastEventId,
    onReconnecting: ({ error }) => {
      if (!reconnecting) terminal.err(style.yellow(`Connection to the server lost (${error.message}); reconnecting…`));
      reconnecting = true;
    },
  });
  for await (const { event } of events) {
    if (reconnecting) terminal.err(style.dim('Reconnected.'));
    reconnecting = false;
    switch (event.type) {
      case 'batch-started':
        finished = undefined; // a retried batch's log holds the earlier run's final event too
        break;
      case 'item-finished':
        results.set(event.result.index, event.result);
        if (options.record && !options.record(event.result)) break;
        // A failed image is an error --quiet still reports; a finished or skipped one is progress.
        (event.result.success || event.result.error === 'cancelled' ? terminal.err : terminal.error)(
          itemLine(options.nameOf(event.result), event.result, style),
        );
        bar.advance();
        break;
      case 'batch-finished':
        finished = { status: event.status === 'cancelled' ? 'cancelled' : 'completed', stats: event.stats };
        break;
    }
  }
  return { status: finished?.status ?? 'unfinished', results, stats: finished?.stats ?? null };
}

/** After Ctrl-C: stops the batch on the server too, so the GPU is not left working for nobody. */
export async function cancelOnServer(
  client: VisionClient,
  terminal: Terminal,
  batchId: string | undefined,
): Promise<TBatchView | undefined> {
  const style = terminal.stderrStyle;
  if (!batchId) {
    terminal.err(style.yellow('Interrupted before the server took the batch: nothing to cancel.'));
    return undefined;
  }
  terminal.err(style.yellow(`Interrupted: cancelling batch ${batchId} on the server…`));
  try {
    const view = await client.batches.cancel.mutate({ batchId }, { signal: AbortSignal.timeout(10_000) });
    const done = view.items.filter((item) => item.status === 'success' || item.status === 'error').length;
    terminal.err(`Batch ${batchId} ${view.status}: ${done} of ${view.items.length} images had finished.`);
    return view;
  } catch (error) {
    terminal.error(style.red(`Could not cancel batch ${batchId}: ${(error as Error).message}`));
    return undefined;
  }
}
