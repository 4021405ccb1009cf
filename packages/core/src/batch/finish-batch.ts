import { effectsOf } from './batch-event-stream';
import { FINAL_ITEM_STATUSES, type BatchRepository } from './repository';
import { computeStats, isCancelled } from './stats';
import type { BatchStatus, ItemResult } from '../schemas';
import type { EventRelay } from './event-relay';

/**
 * Writes the batch's `batch-finished` when every item holds its final result: whoever records the last result
 * calls this (a worker, or the API server cancelling); the repository writes it once however many ask.
 */
export async function finishBatchIfDone(deps: { repository: BatchRepository; relay: EventRelay }, batchId: string, wallTimeS?: number) {
  const stored = await deps.repository.getBatch(batchId);
  if (!stored || !stored.items.every((item) => FINAL_ITEM_STATUSES.includes(item.status))) return undefined;
  const results = stored.items.map((item) => item.result).filter((result): result is ItemResult => result !== null);
  const status: BatchStatus = results.some(isCancelled) ? 'cancelled' : 'completed';
  // The clock of a cluster's batch runs from its upload: no one process saw all of it.
  const wall = wallTimeS ?? Math.max(0, (Date.now() - Date.parse(stored.batch.createdAt)) / 1000);
  const event = { type: 'batch-finished', batchId, status, stats: computeStats(results, Math.round(wall * 1000) / 1000) } as const;
  const entry = await deps.repository.recordBatchFinishedOnce(batchId, event, effectsOf(event));
  if (entry) await deps.relay.publish(batchId, entry);
  return entry;
}
