import type { TBatchStats } from '@vision/api-contract';
import { computeFieldFigures, type FieldFigures } from '@vision/core/fields';
import { computeStats } from '@vision/core/stats';
import { isActive, type BatchState } from './batch-state';

export interface BatchSummary {
  total: number;
  finished: number;
  successful: number;
  /** Finished with an error (cancelled items are counted apart). */
  failed: number;
  cancelled: number;
  /** What a retry would run again: failed items whose image was kept, and cancelled ones. */
  retryable: { failed: number; cancelled: number };
  running: number;
  elapsedS: number;
  /** Seconds left at the current pace; null until the pace is known. */
  etaS: number | null;
  /** Mean generation speed of the successful items; null before the first. */
  tokensPerSecond: number | null;
  /** The server's final stats, or the same figures computed from the results so far. */
  stats: TBatchStats;
  /** A batch with fields: each value's count per closed field, sum and mean per number field, live as the server's. */
  fieldFigures: FieldFigures | null;
}

export function summarise(state: BatchState, now: number): BatchSummary {
  const results = state.items.flatMap((item) => (item.result ? [item.result] : []));
  const successful = results.filter((result) => result.success).length;
  const finished = results.length;
  const failed = state.items.filter((item) => item.status === 'error').length;
  const cancelled = state.items.filter((item) => item.status === 'cancelled').length;
  const active = isActive(state.status);
  const elapsedS = !active && state.stats ? state.stats.wall_time : Math.max(0, (now - state.runStartedAt) / 1000);
  const speeds = results.flatMap((result) => (result.success && result.tokens_per_second ? [result.tokens_per_second] : []));
  const doneThisRun = finished - state.finishedBeforeRun;
  const remaining = state.items.length - finished;

  return {
    fieldFigures: state.fields
      ? computeFieldFigures(
          state.fields,
          results.map((result) => result.fields),
        )
      : null,
    total: state.items.length,
    finished,
    successful,
    failed,
    cancelled,
    retryable: {
      failed: state.items.filter((item) => item.retryable && item.status === 'error').length,
      cancelled: state.items.filter((item) => item.retryable && item.status === 'cancelled').length,
    },
    running: state.items.filter((item) => item.status === 'running').length,
    elapsedS,
    etaS: active && doneThisRun > 0 && remaining > 0 ? (elapsedS / doneThisRun) * remaining : null,
    tokensPerSecond: speeds.length ? speeds.reduce((sum, speed) => sum + speed, 0) / speeds.length : null,
    // Until the server's final figures arrive, the same ones computed the server's way from the results so far.
    stats: state.stats ?? { ...computeStats(results, elapsedS), total_images: state.items.length },
  };
}
