import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@vision/api-contract';
import type { ErrorCode } from '@vision/core/schemas';
import { VisionApiError } from './errors';

/** What an id turned out to name, now deleted for good. */
export interface DeletedByIdResult {
  kind: 'batch' | 'comparison';
  id: string;
}

const errorCodeOf = (error: unknown): ErrorCode | null | undefined =>
  error instanceof TRPCClientError ? (error.data as { errorCode?: ErrorCode | null } | undefined)?.errorCode : undefined;

/**
 * Deletes the batch or the comparison `id` names (the two never share an id): as a batch first, then, when no
 * batch has it, as a comparison with every model's batch. One model's batch of a comparison is refused by the
 * server (`batch-in-comparison`), naming the comparison to delete instead.
 */
export async function deleteById(trpc: TRPCClient<AppRouter>, id: string): Promise<DeletedByIdResult> {
  try {
    await trpc.batches.delete.mutate({ batchId: id });
    return { kind: 'batch', id };
  } catch (error) {
    if (errorCodeOf(error) !== 'batch-not-found') throw error;
  }
  try {
    await trpc.comparisons.delete.mutate({ comparisonId: id });
    return { kind: 'comparison', id };
  } catch (error) {
    if (errorCodeOf(error) !== 'comparison-not-found') throw error;
    throw new VisionApiError(404, `No batch or comparison with id "${id}".`, 'comparison-not-found');
  }
}
