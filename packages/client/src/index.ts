export { createVisionClient, type VisionClient, type VisionClientOptions, type ServerHealth } from './vision-client';
export { ConnectionError, VisionApiError, isConnectionError } from './errors';
export type { UploadBatchInput, UploadFile } from './upload-batch';
export type { FollowBatchOptions, ProgressEntry } from './follow-batch';
export { EXPORT_FORMATS, isExportFormat, type ExportFormat, type ExportedFile } from './export-batch';
export type {
  TBatchProgressEvent as BatchProgressEvent,
  TBatchStats as BatchStats,
  TBatchSummary as BatchSummary,
  TBatchView as BatchView,
  TItemResult as ItemResult,
  TModelInfo as ModelInfo,
} from '@vision/api-contract';
