import { readStored, writeStored } from './storage';

const CURRENT_BATCH_KEY = 'vision-batch.current-batch';

/** The batch the user last started, so a reload or a new tab can pick it up again. */
export const readCurrentBatch = (): string | null => readStored(CURRENT_BATCH_KEY);
export const rememberCurrentBatch = (batchId: string): void => writeStored(CURRENT_BATCH_KEY, batchId);

export function forgetCurrentBatch(batchId?: string): void {
  if (batchId === undefined || readCurrentBatch() === batchId) writeStored(CURRENT_BATCH_KEY, null);
}
