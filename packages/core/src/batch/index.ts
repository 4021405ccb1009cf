export * from './types';
export * from './limits';
export { checkModelChoice, type ModelCheck } from './check-model';
export { computeStats } from './stats';
export { runBatch, type BatchItemInput, type BatchOutcome, type RunBatchOptions } from './run-batch';
export { BatchEventLog, type LoggedEvent } from './event-log';
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
