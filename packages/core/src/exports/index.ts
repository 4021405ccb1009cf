/**
 * Pure: the export formats and the files they make, as `@vision/core/export-formats`, so the server's
 * downloads and the CLI's files are written by the same code. It loads nothing but its own files.
 */
export * from './export-formats';
export { exportBatch, resultWithout, RESULT_CSV_COLUMNS } from './batch-export';
export { exportComparison } from './comparison-export';
export { fieldCells, fieldColumns, type FieldColumn } from './field-columns';
export { captionFileName, captionOf, captionSource, type CaptionSource } from './captions';
export { keepsRow, reviewCells, reviewColumns, type FieldExportLabels, type ReviewExportOptions } from './review-columns';
