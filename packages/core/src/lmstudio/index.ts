export { createLmStudioClient } from './client';
export type { LmStudioClient, LmStudioConfig, LmStudioHealth } from './client';
export type { AnalyzeImageRequest, AnalysisTimings, ImageAnalysis } from './analyze-image';
export type { ModelInfo } from './list-models';
export { lmStudioErrorMessage, LM_STUDIO_NAMING, type FailureReason, type ServerNaming } from './errors';
