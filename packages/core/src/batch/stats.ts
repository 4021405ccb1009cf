import type { BatchStats, ItemResult } from './types';

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export function computeStats(results: ReadonlyArray<ItemResult>, wallTimeS: number): BatchStats {
  const successful = results.filter((result) => result.success).length;
  const cancelled = results.filter((result) => !result.success && result.error === 'cancelled').length;
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
