/**
 * Pure: also imported by the web app and the CLI as `@vision/core/stats`, so a batch's figures are computed
 * the same way everywhere (the server's for one batch, the CLI's over a run of several, the browser's live).
 */
import type { BatchStats, ItemResult } from '../schemas/batch';

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Whether a result is a cancellation rather than a failure. Results stored before error codes existed have
 * no `errorCode`; for those alone the sentinel text `cancelled` (which is what a cancellation's error reads) decides.
 */
export function isCancelled(result: Pick<ItemResult, 'success' | 'error'> & { errorCode?: ItemResult['errorCode'] | undefined }): boolean {
  if (result.success) return false;
  return result.errorCode ? result.errorCode === 'cancelled' : result.error === 'cancelled';
}

/** The stats of a batch (or of several run one after another) from its results and the seconds it ran. */
export function computeStats(results: ReadonlyArray<ItemResult>, wallTimeS: number): BatchStats {
  const successful = results.filter((result) => result.success).length;
  const cancelled = results.filter(isCancelled).length;
  const total = results.reduce((sum, result) => sum + result.processing_time, 0);
  return {
    total_images: results.length,
    successful,
    failed: results.length - successful - cancelled,
    cancelled,
    total_processing_time: round3(total),
    average_processing_time: results.length ? round3(total / results.length) : 0,
    wall_time: round3(wallTimeS),
    images_per_minute: wallTimeS > 0 ? Math.round((results.length / wallTimeS) * 60 * 10) / 10 : 0,
  };
}
