import { effectsOf } from './batch-event-stream';
import type { EventRelay } from './event-relay';
import { finishBatchIfDone } from './finish-batch';
import { FINAL_ITEM_STATUSES, type BatchRepository, type BatchStartedEvent, type StoredBatch } from './repository';
import { answerFormatOf, recordRun, type Inference, type RunStart } from './run-stored-batch';
import type { JobQueue } from '../queue/job-queue';

/** What starting a batch on a cluster's queue takes: an API server has these, and so has a worker. */
export interface QueuedStartDeps {
  repository: BatchRepository;
  relay: EventRelay;
  queue: Pick<JobQueue, 'enqueue'>;
  /** The models of the hosts at hand (the workers' on an API server, its own on a worker), for the run record. */
  inference: Pick<Inference, 'listModels'>;
}

/**
 * Starts a batch on the queue: its run record (the first start only), its `batch-started` with the time, its open
 * images on the queue. A queued batch is started once whoever asks (the one that ended a comparison's earlier
 * batch, the API server that ran it); a resumed one starts again. False when someone else started it.
 */
export async function startQueuedBatch(deps: QueuedStartDeps, batchId: string, start: RunStart): Promise<boolean> {
  const stored = await deps.repository.getBatch(batchId);
  if (!stored) throw new Error(`no batch ${batchId}`);
  const { batch, items } = stored;
  if (batch.status !== 'queued' && !start.resumed) return false;
  // Written once, by the first start: a resume or a retry keeps the record the batch began with.
  if (!batch.runRecord) {
    const models = await (start.listing ?? deps.inference.listModels().catch(() => undefined));
    await deps.repository.updateBatch(batchId, { runRecord: recordRun(batch.model, batch.prompt, models, answerFormatOf(batch)) });
  }
  const event = startedEvent(batch, items.length, start);
  const entry =
    batch.status === 'queued'
      ? await deps.repository.recordBatchStartedOnce(batchId, event, effectsOf(event))
      : await deps.repository.appendEvent(batchId, event, effectsOf(event));
  if (!entry) return false;
  await deps.relay.publish(batchId, entry);
  const open = items.filter((item) => !FINAL_ITEM_STATUSES.includes(item.status));
  await deps.queue.enqueue(open.map((item) => ({ batchId, index: item.index, model: batch.model })));
  return true;
}

function startedEvent(batch: StoredBatch, total: number, start: RunStart): BatchStartedEvent {
  return {
    type: 'batch-started',
    batchId: batch.batchId,
    total,
    model: batch.model,
    concurrency: start.concurrency?.concurrency ?? batch.concurrency ?? 1,
    resumed: start.resumed ?? false,
    retry: start.retry ?? false,
    startedAt: new Date().toISOString(),
  };
}

/**
 * Finishes the batch when its last item has its result, and then starts the batches that waited for it (a
 * comparison's next model): whoever records the end starts the next, so no API server has to be there to see it.
 */
export async function finishQueuedBatchIfDone(deps: QueuedStartDeps, batchId: string) {
  const entry = await finishBatchIfDone(deps, batchId);
  if (!entry) return entry;
  for (const next of await deps.repository.batchesWaitingFor(batchId)) await startQueuedBatch(deps, next, {});
  return entry;
}
