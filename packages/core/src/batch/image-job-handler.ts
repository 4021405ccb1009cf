import path from 'node:path';
import type { BatchFiles } from './batch-files';
import { effectsOf } from './batch-event-stream';
import { FINAL_ITEM_STATUSES, type BatchRepository, type StoredItem } from './repository';
import { failedResult } from './item-result';
import { runBatch } from './run-batch';
import { answerFormatOf } from './run-stored-batch';
import type { HostRouter } from '../inference';
import { isCancelled } from './stats';
import { prepareStored, toRunItem } from './stored-images';
import type { BatchProgressEvent, ItemErrorCode, ItemFailure, ItemResult } from '../schemas';
import type { PrepareOptions } from '../images';
import type { Logger } from '../logger';
import type { EventRelay } from './event-relay';
import { finishQueuedBatchIfDone } from './queued-start';
import type { JobHandler, JobQueue } from '../queue/job-queue';

/** Failures another run may mend: the host, not the image, was the trouble. Any other failure is the answer. */
const MENDABLE: ReadonlySet<ItemErrorCode> = new Set<ItemErrorCode>([
  'inference-unreachable',
  'inference-server-error',
  'inference-unavailable',
  'inference-timeout',
  'no-host-available',
  'failover-exhausted',
]);

export const mendableByRetry = (result: ItemResult) => !result.success && result.errorCode !== null && MENDABLE.has(result.errorCode);

export interface ImageJobDeps {
  repository: BatchRepository;
  files: BatchFiles;
  prepareOptions: PrepareOptions;
  /** This worker's inference hosts: their turns share the hosts' slots among the images it runs. */
  inference: Pick<HostRouter, 'openLane' | 'listModels'>;
  /** Where the batches that waited for one this worker finishes (a comparison's next model) put their images. */
  queue: Pick<JobQueue, 'enqueue'>;
  /** Its hosts' slots together. */
  slots: number;
  relay: EventRelay;
  logger: Logger;
}

/**
 * A worker's part of a batch, one image per job: the image is prepared from the shared DATA_DIR (or its prepared
 * copy read), sent to this worker's hosts through the same runner as the embedded mode, and its result recorded
 * once with its event, which the relay carries to every API server. The worker that records a batch's last result
 * finishes the batch and starts the ones that waited for it.
 */
export function createImageJobHandler(deps: ImageJobDeps): JobHandler {
  return async (job, { finalAttempt, signal }) => {
    const stored = await deps.repository.getBatch(job.batchId);
    const item = stored?.items[job.index];
    if (!stored || !item || FINAL_ITEM_STATUSES.includes(item.status)) return 'done';
    const unshared = await unsharedDataDir(deps.files, job.batchId);
    if (unshared) {
      // Said in the log at once; another worker may see the volume, so only the last run puts it on the image.
      if (!finalAttempt) throw new Error(unshared);
      await recordFailure(deps, job, item, { code: 'data-dir-not-shared', message: unshared });
      return 'done';
    }
    const input = await toRunItem(deps.files, job.batchId, item);
    const lane = deps.inference.openLane(`${job.batchId}#${job.index}`, { concurrency: 1, serverSlots: deps.slots }, job.model);
    const answer = answerFormatOf(stored.batch);
    let outcome: 'done' | 'retry' = 'done';
    const record = async (event: BatchProgressEvent) => {
      if (event.type === 'item-started')
        return relay(deps, job.batchId, await deps.repository.appendEvent(job.batchId, event, effectsOf(event)));
      if (event.type !== 'item-finished') return; // The batch's start and end are the API's and the last worker's.
      if (!finalAttempt && !signal.aborted && mendableByRetry(event.result)) return void (outcome = 'retry');
      const effects = effectsOf(event).item!;
      const entry = await deps.repository.recordItemResultOnce(job.batchId, event, effects);
      if (!entry) return;
      await relay(deps, job.batchId, entry);
      if (!isCancelled(event.result)) await deps.files.removeOriginal(job.batchId, job.index);
      await finishQueuedBatchIfDone(deps, job.batchId);
    };
    await runBatch({
      batchId: job.batchId,
      model: stored.batch.model,
      prompt: stored.batch.prompt ?? undefined,
      items: [input],
      signal,
      prepare: (image) => prepareStored(deps, job.batchId, image),
      // A batch with fields sends their prompt and schema, as the embedded run does.
      send: answer ? (request, options) => lane.send({ ...request, answer }, options) : lane.send,
      onEvent: record,
    }).finally(() => lane.close());
    return outcome;
  };
}

async function relay(deps: Pick<ImageJobDeps, 'relay'>, batchId: string, entry: Parameters<EventRelay['publish']>[1]) {
  await deps.relay.publish(batchId, entry);
}

/**
 * The batch's folder is made by the API server that took the upload: a worker that cannot see it has a DATA_DIR
 * of its own, and would answer "file not kept" for every image. It must say what is wrong instead: the message,
 * or undefined when the folder is there.
 */
async function unsharedDataDir(files: BatchFiles, batchId: string): Promise<string | undefined> {
  const dir = path.dirname(files.originalPath(batchId, 0));
  if (await files.exists(dir)) return undefined;
  return `${dir} does not exist on this worker: DATA_DIR must be one volume shared by every API server and worker (NFS, a ReadWriteMany volume)`;
}

/** The image's failure, recorded once with its event as any result is, so its batch can end and show why. */
async function recordFailure(deps: ImageJobDeps, job: { batchId: string; index: number }, item: StoredItem, failure: ItemFailure) {
  const result = failedResult(item, failure, { queue: null, preparation: null });
  const event = { type: 'item-finished', batchId: job.batchId, result } as const;
  const entry = await deps.repository.recordItemResultOnce(job.batchId, event, effectsOf(event).item!);
  if (!entry) return;
  await relay(deps, job.batchId, entry);
  await finishQueuedBatchIfDone(deps, job.batchId);
}
