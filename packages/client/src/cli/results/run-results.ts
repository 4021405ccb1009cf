import type { TBatchStats, TItemResult } from '@vision/api-contract';
import type { ItemErrorCode } from '@vision/core/schemas';
import { resultWithout } from '@vision/core/export-formats';
import { computeStats } from '@vision/core/stats';

/** One image of a CLI run: its result under the name the user knows it by. */
export interface ResultRow {
  /** Relative to the folder given on the command line (or the path given for a file). */
  name: string;
  /** `null` for an image that was never sent (too large for any batch). */
  batchId: string | null;
  result: TItemResult;
}

/** The run's totals over all its batches, computed as the server computes one batch's (batches run one after another). */
export function mergeStats(rows: readonly ResultRow[], wallTimes: readonly number[]): TBatchStats {
  return computeStats(
    rows.map((row) => row.result),
    wallTimes.reduce((sum, time) => sum + time, 0),
  );
}

/** The result of an image that has none from the server: never sent, or not reached before the batch stopped. */
export function failedResult(name: string, error: string, index = 0, errorCode: ItemErrorCode = 'not-sent'): TItemResult {
  return resultWithout({ filename: name, index }, error, errorCode);
}
