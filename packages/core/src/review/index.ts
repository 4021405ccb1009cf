export { consensusOf } from './consensus';
export { defaultReviewField, resolveReviewField } from './review-fields';
export { byDecisionKey, type ReviewRepository } from './review-repository';
export { createReviewService, type ReviewExportLabels, type ReviewService, type ReviewServiceDeps } from './review-service';
export { batchMaterial, comparisonMaterial, filterItems, progressOf, queueOrder, reviewItems, type ReviewMaterial } from './review-queue';
export { exportLabels, type ExportLabel } from './export-labels';
