import { hostsOfResults, mergeRunHosts, type RunRecord } from '../accuracy/run-record.ts';
import { effectsOf } from './batch-event-stream';
import { FINAL_ITEM_STATUSES, type BatchRepository, type StoredBatch } from './repository';
import { computeStats, isCancelled } from './stats';
import type { BatchStatus, ItemResult } from '../schemas';
import type { EventRelay } from './event-relay';

/**
 * Writes the batch's `batch-finished` when every item holds its final result: whoever records the last result
 * calls this (a worker, or the API server cancelling); the repository writes it once however many ask.
 */
export async function finishBatchIfDone(deps: { repository: BatchRepository; relay: EventRelay }, batchId: string) {
  const stored = await deps.repository.getBatch(batchId);
  if (!stored || !stored.items.every((item) => FINAL_ITEM_STATUSES.includes(item.status))) return undefined;
  const results = stored.items.map((item) => item.result).filter((result): result is ItemResult => result !== null);
  const status: BatchStatus = results.some(isCancelled) ? 'cancelled' : 'completed';
  const wall = await wallTimeS(deps.repository, stored.batch);
  const event = { type: 'batch-finished', batchId, status, stats: computeStats(results, Math.round(wall * 1000) / 1000) } as const;
  const { runRecord } = stored.batch;
  const effects = effectsOf(event);
  // The run record is completed in the same write as the end, so only the one that records the end writes it.
  if (runRecord) effects.batch = { ...effects.batch, runRecord: finishedRunRecord(runRecord, results, event.stats.wall_time) };
  const entry = await deps.repository.recordBatchFinishedOnce(batchId, event, effects);
  if (entry) await deps.relay.publish(batchId, entry);
  return entry;
}

/**
 * As in one process: the time before this run (a retry's, a resumed run's earlier runs) plus this run's, from its
 * latest `batch-started`; not from the upload (a comparison's later model waits for the earlier ones).
 */
async function wallTimeS(repository: BatchRepository, batch: StoredBatch): Promise<number> {
  const log = await repository.events(batch.batchId, 0);
  const started = log.findLast((entry) => entry.event.type === 'batch-started')?.event;
  const since = started?.type === 'batch-started' && started.startedAt ? started.startedAt : batch.createdAt;
  return batch.elapsedS + Math.max(0, (Date.now() - Date.parse(since)) / 1000);
}

/** A run record at its run's end: its finish, its wall time and the hosts that answered. */
export function finishedRunRecord(runRecord: RunRecord, results: ItemResult[], wallTimeS: number): RunRecord {
  return {
    ...runRecord,
    timings: { ...runRecord.timings, finishedAt: new Date().toISOString(), wallTimeSeconds: wallTimeS },
    hosts: mergeRunHosts(runRecord.hosts, hostsOfResults(results)),
  };
}
