export {
  createComparisonService,
  type ComparisonService,
  type ComparisonServiceDeps,
  type SubmitComparisonInput,
  type SubmittedComparison,
} from './comparison-service';
export type { ComparisonAnswerView, ComparisonSummaryView, ComparisonView } from './comparison-view';
