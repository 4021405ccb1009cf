import type { BatchView } from './batch-service';
import type { ItemResult } from './types';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

const CSV_COLUMNS = [
  'index', 'filename', 'entity', 'success', 'error', 'processing_time', 'time_to_first_token', 'tokens_per_second',
  'prompt_tokens', 'completion_tokens', 'queue_time', 'preparation_time', 'generation_time', 'raw_answer',
] as const satisfies ReadonlyArray<keyof ItemResult>;

/** Results in index order; an item that has not finished yet is exported as not (yet) successful. */
function results(view: BatchView): ItemResult[] {
  return view.items.map(
    (item) =>
      item.result ?? {
        filename: item.filename, index: item.index, entity: null, raw_answer: null, processing_time: 0, success: false,
        error: item.status, tokens_per_second: null, time_to_first_token: null, prompt_tokens: null, completion_tokens: null,
        queue_time: null, preparation_time: null, generation_time: null,
      },
  );
}

/** A batch's results as a download: JSON in the seed's response shape, JSON Lines, or CSV for spreadsheets. */
export function exportBatch(view: BatchView, format: ExportFormat): ExportFile {
  const base = exportBaseName(view);
  switch (format) {
    case 'json':
      return {
        filename: `${base}.json`,
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(
          { success: true, batch_id: view.batchId, model: view.model, prompt: view.prompt, status: view.status, created_at: view.createdAt, finished_at: view.finishedAt, results: results(view), stats: view.stats },
          null,
          2,
        )}\n`,
      };
    case 'jsonl':
      return {
        filename: `${base}.jsonl`,
        contentType: 'application/x-ndjson; charset=utf-8',
        body: results(view).map((result) => `${JSON.stringify({ batch_id: view.batchId, model: view.model, ...result })}\n`).join(''),
      };
    case 'csv':
      return {
        filename: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        // A BOM so spreadsheet programs read the UTF-8 file names right.
        body: `\uFEFF${[CSV_COLUMNS.join(','), ...results(view).map((result) => CSV_COLUMNS.map((column) => csvCell(result[column])).join(','))].join('\r\n')}\r\n`,
      };
  }
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Spreadsheets run a cell that starts with = + - @ as a formula; a file name must never do that.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportBaseName(view: BatchView): string {
  const model = view.model.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'model';
  const when = view.createdAt.slice(0, 16).replace(/[T:]/g, '-');
  return `vision-batch-${model}-${when}-${view.batchId.slice(0, 8)}`;
}
