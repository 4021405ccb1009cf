export * from './types';
export * from './limits';
export { checkModelChoice, type ModelCheck } from './check-model';
export { resolveConcurrency, MAX_CONCURRENCY } from './concurrency';
export { computeStats } from './stats';
export { runBatch, type BatchItemInput, type BatchOutcome, type RunBatchOptions } from './run-batch';
export type { LoggedEvent } from './event-log';
export { BatchError } from './errors';
export { createBatchFiles, type BatchFiles } from './batch-files';
export { createMemoryBatchRepository } from './memory-repository';
export type { BatchPage, BatchRepository, BatchSummary, EventEffects, StoredBatch, StoredItem } from './repository';
export { THUMBNAIL_SIDE } from './thumbnail';
export {
  createBatchService,
  type BatchItemView,
  type BatchService,
  type BatchServiceDeps,
  type BatchView,
  type SubmitBatchInput,
  type SubmitOutcome,
  type UploadedImage,
} from './batch-service';
export { exportBatch, EXPORT_FORMATS, type ExportFile, type ExportFormat } from './export';
