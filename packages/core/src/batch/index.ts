export * from './types';
export * from './limits';
export { assertModelChoice } from './check-model';
export { chooseConcurrency, MAX_CONCURRENCY, type ConcurrencySources } from './concurrency';
export { computeStats, isCancelled } from './stats';
export { runBatch, type BatchItemInput, type BatchOutcome, type RunBatchOptions } from './run-batch';
export type { LoggedEvent } from './event-log';
export { createBatchFiles, type BatchFiles, type UploadedImage } from './batch-files';
export { FINAL_ITEM_STATUSES } from './repository';
export type {
  BatchPage,
  BatchRepository,
  BatchSummary,
  BatchFinishedEvent,
  EventEffects,
  ItemFinishedEvent,
  StoredBatch,
  StoredComparison,
  StoredItem,
} from './repository';
export {
  createBatchService,
  type BatchItemView,
  type BatchService,
  type BatchServiceDeps,
  type BatchView,
  type SubmitBatchInput,
  type SubmittedBatch,
} from './batch-service';
export { createMemoryEventRelay, type EventRelay } from './event-relay';
export { createImageJobHandler, mendableByRetry, type ImageJobDeps } from './image-job-handler';
export { runQueuedBatch, type QueuedRunDeps } from './queued-run';
export { finishBatchIfDone } from './finish-batch';
