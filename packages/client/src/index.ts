export {
  createVisionClient,
  type ComparisonView,
  type RouterOutputs,
  type VisionClient,
  type VisionClientOptions,
  type ServerHealth,
} from './vision-client';
export type { DeletedByIdResult } from './delete-by-id';
export { ConnectionError, VisionApiError, isConnectionError } from './errors';
export type { UploadBatchInput, UploadFile } from './upload-batch';
export type { FollowBatchOptions, ProgressEntry } from './follow-batch';
export { EXPORT_FORMATS, isExportFormat, type ExportFormat, type ExportedFile } from './export-batch';
export { COMPARISON_EXPORT_FORMATS, type ComparisonExportFormat } from './export-comparison';
export type { UploadComparisonInput, UploadedComparison } from './upload-comparison';
export type {
  TBatchProgressEvent as BatchProgressEvent,
  TBatchStats as BatchStats,
  TBatchSummary as BatchSummary,
  TBatchView as BatchView,
  TComparisonAnswer as ComparisonAnswer,
  TComparisonImage as ComparisonImage,
  TComparisonSummary as ComparisonSummary,
  TJudgement as Judgement,
  TModelSummary as ModelSummary,
  TItemResult as ItemResult,
  TModelInfo as ModelInfo,
} from '@vision/api-contract';
