import type { ExportFormat } from '@vision/core/export-formats';
import { errorFromResponse, type ServerFetch } from './server-fetch';

export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '@vision/core/export-formats';

export interface ExportedFile {
  /** The name the server suggests (Content-Disposition), e.g. `vision-batch-qwen-...-1a2b3c4d.csv`. */
  filename: string;
  contentType: string;
  body: string;
}

export interface ExportOptions {
  /** Only the rows a person has confirmed in the review (`?reviewed=only`). */
  reviewedOnly?: boolean | undefined;
  /** Only the rows a person has confirmed on this field (`?reviewed=only&field=<name>`); implies `reviewedOnly`. */
  reviewedField?: string | undefined;
}

/** The query of an export route: the format, and the review's filter when asked for. */
export function exportQuery(format: string, options: ExportOptions = {}): string {
  if (options.reviewedField !== undefined) return `format=${format}&reviewed=only&field=${encodeURIComponent(options.reviewedField)}`;
  return `format=${format}${options.reviewedOnly ? '&reviewed=only' : ''}`;
}

/** `GET /api/batches/:id/export`: a batch's results as the server formats them for download. */
export function exportBatch(
  fetchServer: ServerFetch,
  serverUrl: string,
  batchId: string,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const url = `${serverUrl}/api/batches/${encodeURIComponent(batchId)}/export?${exportQuery(format, options)}`;
  return downloadExport(fetchServer, url, `Export of batch ${batchId}`, `vision-batch-${batchId}.${format}`);
}

/** One of the server's export routes: the body with the file name the server suggests. */
export async function downloadExport(fetchServer: ServerFetch, url: string, what: string, fallbackName: string): Promise<ExportedFile> {
  const response = await fetchServer(url);
  if (!response.ok) throw await errorFromResponse(response, what);
  return {
    filename: filenameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    // Byte for byte: `response.text()` would drop the BOM the server puts before CSV for spreadsheets.
    body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()),
  };
}

/** Reads `filename*=UTF-8''...` (preferred) or `filename="..."` from a Content-Disposition header. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall back to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(header)?.[1];
  if (quoted !== undefined) return quoted.replace(/\\(.)/g, '$1');
  return /filename\s*=\s*([^;\s]+)/.exec(header)?.[1];
}
