import { DomainError } from '../errors';
import { retryableIndexes } from '../retry/can-run-again';
import type { BatchView } from '../schemas';
import type { BatchRepository } from './repository';

export interface RetryDeps {
  repository: Pick<BatchRepository, 'updateItems' | 'updateBatch'>;
  runs: { isRunning(batchId: string): boolean; start(batchId: string, start: { retry: true }): Promise<unknown> };
  get(batchId: string): Promise<BatchView>;
}

/** Queues the chosen images again and starts the batch's run; refused while it still runs. */
export async function retryBatch({ repository, runs, get }: RetryDeps, batchId: string, indexes?: number[]) {
  const view = await get(batchId);
  if (runs.isRunning(batchId))
    throw new DomainError('batch-still-running', 'The batch is still running: cancel it or wait for it to finish before retrying.');
  const chosen = retryChoice(view, indexes);
  await repository.updateItems(
    batchId,
    chosen.map((index) => ({ index, status: 'queued', result: null })),
  );
  await repository.updateBatch(batchId, { status: 'queued', finishedAt: null });
  void runs.start(batchId, { retry: true }).catch(() => undefined);
  return { batchId, indexes: chosen };
}

/** What a retry takes: the indexes asked for, else every item that can run again (not the files that were themselves refused). */
function retryChoice(view: BatchView, indexes: number[] | undefined): number[] {
  const chosen = indexes?.length ? [...new Set(indexes)].sort((a, b) => a - b) : retryableIndexes(view.items);
  const unknown = chosen.filter((index) => !view.items[index]);
  if (unknown.length) throw new DomainError('retry-unknown-index', `The batch has no image at index ${unknown.join(', ')}.`);
  if (!chosen.length)
    throw new DomainError(
      'nothing-to-retry',
      'Nothing to retry: no image of this batch can run again (a refused file is not kept; upload a fixed copy).',
    );
  return chosen;
}
