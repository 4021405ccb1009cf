import type { BatchEventStream } from './batch-event-stream';
import { CANCELLED, failedResult } from './item-result';
import { FINAL_ITEM_STATUSES, type BatchRepository, type StoredItem } from './repository';
import type { BatchOutcome } from './run-batch';
import type { RunStart } from './run-stored-batch';
import { computeStats } from './stats';
import type { ItemResult } from '../schemas';
import type { EventRelay } from './event-relay';
import { finishBatchIfDone } from './finish-batch';
import type { JobQueue } from '../queue/job-queue';

export interface QueuedRunDeps {
  repository: BatchRepository;
  queue: JobQueue;
  relay: EventRelay;
  events: BatchEventStream;
  /** Aborted when this API server stops: it stops following; the workers go on with the batch. */
  halt: AbortSignal;
}

const isOpen = (item: StoredItem) => !FINAL_ITEM_STATUSES.includes(item.status);

/**
 * An API server's run of a batch in a cluster: it starts the batch, puts its open images on the queue (a second
 * enqueue, by another API server resuming it, adds nothing), and follows the log until the workers finish it.
 * Cancel takes the images off the queue, stops the running ones and settles every open item as cancelled.
 */
export async function runQueuedBatch(deps: QueuedRunDeps, batchId: string, start: RunStart, signal: AbortSignal): Promise<BatchOutcome> {
  const stored = await deps.repository.getBatch(batchId);
  if (!stored) throw new Error(`no batch ${batchId}`);
  const { batch, items } = stored;
  const open = items.filter(isOpen);
  // Cancelled before this server started it (it runs elsewhere, or waited its turn): settle it, nothing to start.
  if (signal.aborted) {
    await cancelOpenItems(deps, batchId, batch.model);
    return outcomeOf(deps.repository, batchId);
  }
  const record = await deps.events.recorder(batchId);
  await record({
    type: 'batch-started',
    batchId,
    total: items.length,
    model: batch.model,
    concurrency: start.concurrency?.concurrency ?? batch.concurrency ?? 1,
    resumed: start.resumed ?? false,
    retry: start.retry ?? false,
  });
  const since = await deps.repository.lastEventId(batchId);
  await deps.queue.enqueue(open.map((item) => ({ batchId, index: item.index, model: batch.model })));
  await finishBatchIfDone(deps, batchId);
  const ended = await waitForEnd(deps, batchId, since, signal);
  if (!ended && signal.aborted) await cancelOpenItems(deps, batchId, batch.model);
  return outcomeOf(deps.repository, batchId);
}

/** True once the batch has finished; false when the run was cancelled or this server stops first. */
async function waitForEnd(deps: QueuedRunDeps, batchId: string, since: number, signal: AbortSignal): Promise<boolean> {
  const stop = AbortSignal.any([signal, deps.halt]);
  if (stop.aborted) return false;
  for await (const entry of deps.events.follow(batchId, since, () => true, stop)) if (entry.event.type === 'batch-finished') return true;
  return false;
}

async function cancelOpenItems(deps: QueuedRunDeps, batchId: string, model: string) {
  await deps.queue.cancelBatch({ batchId, model });
  const stored = await deps.repository.getBatch(batchId);
  for (const item of stored?.items.filter(isOpen) ?? []) {
    const result = failedResult(item, CANCELLED, { queue: null, preparation: null });
    const entry = await deps.repository.recordItemResultOnce(
      batchId,
      { type: 'item-finished', batchId, result },
      { index: item.index, status: 'cancelled', result },
    );
    if (entry) await deps.relay.publish(batchId, entry);
  }
  await finishBatchIfDone(deps, batchId);
}

async function outcomeOf(repository: BatchRepository, batchId: string): Promise<BatchOutcome> {
  const stored = await repository.getBatch(batchId);
  const results = (stored?.items ?? []).map((item) => item.result).filter((result): result is ItemResult => result !== null);
  const status = stored?.batch.status ?? 'cancelled';
  return { status, results, stats: stored?.batch.stats ?? computeStats(results, stored?.batch.elapsedS ?? 0) };
}
