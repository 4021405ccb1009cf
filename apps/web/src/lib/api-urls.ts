import type { ComparisonExportFormat, ExportFormat } from '../config/limits';

const batchPath = (batchId: string) => `/api/batches/${encodeURIComponent(batchId)}`;

/** A small JPEG the server keeps once the image was prepared: the picture after the local file is gone. */
export const thumbnailUrl = (batchId: string, index: number): string => `${batchPath(batchId)}/items/${index}/thumbnail`;

/** The image as the model saw it (up to MAX_IMAGE_SIDE): for looking closely in review; kept while the batch is. */
export const preparedImageUrl = (batchId: string, index: number): string => `${batchPath(batchId)}/items/${index}/image`;

/** One `<image>.txt` per captioned photo, zipped: the convention of caption tools and kohya's trainers. */
export const captionsZipUrl = (batchId: string): string => `${batchPath(batchId)}/captions.zip`;

/** Every row, or only the rows a person reviewed (on any field, or on `field`). */
export type ExportRows = 'all' | { reviewed: 'only'; field?: string };

const rowsQuery = (rows: ExportRows): string =>
  rows === 'all' ? '' : `&reviewed=only${rows.field ? `&field=${encodeURIComponent(rows.field)}` : ''}`;

export const exportUrl = (batchId: string, format: ExportFormat, rows: ExportRows = 'all'): string =>
  `${batchPath(batchId)}/export?format=${format}${rowsQuery(rows)}`;

/** `confirmed`: every model judged against what a person confirmed in the review. */
export const comparisonExportUrl = (
  comparisonId: string,
  format: ComparisonExportFormat,
  groundTruth: 'labels' | 'confirmed' = 'labels',
  rows: ExportRows = 'all',
): string =>
  `/api/comparisons/${encodeURIComponent(comparisonId)}/export?format=${format}${groundTruth === 'confirmed' ? '&groundTruth=confirmed' : ''}${rowsQuery(rows)}`;

export const SUBMIT_BATCH_URL = '/api/batches';
export const SUBMIT_COMPARISON_URL = '/api/comparisons';
