import { DomainError } from '../errors';
import { loadBatch } from './batch-view';
import type { BatchRepository } from './repository';

export interface DeleteBatchOptions {
  /** The comparison being deleted, whose model batches go with it; any other comparison's batch is refused. */
  ofComparison?: string | undefined;
}

/**
 * The batch, if it may be deleted: one model's batch of a comparison goes only with its comparison, which would
 * otherwise list and judge a model it no longer has (`batch-in-comparison`). A batch whose comparison was never
 * stored (its submit failed midway) is a batch like any other.
 */
export async function loadDeletableBatch(
  repository: Pick<BatchRepository, 'getBatch' | 'getComparison'>,
  batchId: string,
  options: DeleteBatchOptions = {},
): Promise<void> {
  const { batch } = await loadBatch(repository, batchId);
  const { comparisonId } = batch;
  if (!comparisonId || comparisonId === options.ofComparison || !(await repository.getComparison(comparisonId))) return;
  throw new DomainError(
    'batch-in-comparison',
    `Batch "${batchId}" is model ${batch.model}'s run in comparison "${comparisonId}": delete the comparison, which removes every model's batch.`,
  );
}
