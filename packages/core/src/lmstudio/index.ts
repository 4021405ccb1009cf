export type { AnalyzeImageRequest, AnalysisTimings, ImageAnalysis } from './analyze-image';
export type { ModelInfo } from './list-models';
export { errorFieldMessage, LM_STUDIO_NAMING, type ServerNaming } from './errors';
