export { ComparisonView } from './components/comparison-view';
export { GroundTruthPicker } from './components/ground-truth-picker';
export { useGroundTruth } from './hooks/use-ground-truth';
export { useSubmitComparison } from './hooks/use-submit-comparison';
export type { DatasetPhoto } from './lib/ground-truth';
export type { SubmittedComparison } from './api/submit-comparison';
