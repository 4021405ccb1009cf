import type { TBatchStats, TItemResult } from '@vision/api-contract';

/** One image of a CLI run: its result under the name the user knows it by. */
export interface ResultRow {
  /** Relative to the folder given on the command line (or the path given for a file). */
  name: string;
  /** `null` for an image that was never sent (too large for any batch). */
  batchId: string | null;
  result: TItemResult;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The run's totals over all its batches, computed as the server computes one batch's (batches run one after another). */
export function mergeStats(rows: readonly ResultRow[], wallTimes: readonly number[]): TBatchStats {
  const successful = rows.filter((row) => row.result.success).length;
  const cancelled = rows.filter((row) => !row.result.success && row.result.error === 'cancelled').length;
  const total = rows.reduce((sum, row) => sum + row.result.processing_time, 0);
  const wall = wallTimes.reduce((sum, time) => sum + time, 0);
  return {
    total_images: rows.length,
    successful,
    failed: rows.length - successful - cancelled,
    cancelled,
    total_processing_time: round3(total),
    average_processing_time: rows.length ? round3(total / rows.length) : 0,
    wall_time: round3(wall),
    images_per_minute: wall > 0 ? Math.round((rows.length / wall) * 60 * 10) / 10 : 0,
  };
}

/** The result of an image that has none from the server: never sent, or not reached before the batch stopped. */
export function failedResult(name: string, error: string, index = 0): TItemResult {
  return {
    filename: name, index, entity: null, raw_answer: null, processing_time: 0, success: false, error,
    tokens_per_second: null, time_to_first_token: null, prompt_tokens: null, completion_tokens: null,
    queue_time: null, preparation_time: null, generation_time: null,
  };
}
