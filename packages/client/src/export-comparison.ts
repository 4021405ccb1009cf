import type { ComparisonExportFormat } from '@vision/core/export-formats';
import { downloadExport, exportQuery, type ExportedFile, type ExportOptions } from './export-batch';
import type { ServerFetch } from './server-fetch';

/** `csv`: every (image, model) answer with its judgement; `summary`: the per-model figures; `json`: the whole view. */
export { COMPARISON_EXPORT_FORMATS, type ComparisonExportFormat } from '@vision/core/export-formats';

/** `GET /api/comparisons/:id/export`: a comparison as the server formats it for download. */
export function exportComparison(
  fetchServer: ServerFetch,
  serverUrl: string,
  comparisonId: string,
  format: ComparisonExportFormat,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const url = `${serverUrl}/api/comparisons/${encodeURIComponent(comparisonId)}/export?${exportQuery(format, options)}`;
  const extension = format === 'json' ? 'json' : 'csv';
  return downloadExport(fetchServer, url, `Export of comparison ${comparisonId}`, `vision-comparison-${comparisonId}.${extension}`);
}
