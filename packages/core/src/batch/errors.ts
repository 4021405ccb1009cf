/** A refusal the caller can act on; the API layer maps `code` to its own status in one place. */
export class BatchError extends Error {
  override readonly name = 'BatchError';
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
  }
}

export const batchNotFound = (batchId: string) => new BatchError('NOT_FOUND', `No batch with id "${batchId}".`);
