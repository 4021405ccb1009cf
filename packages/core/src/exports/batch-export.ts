import type { BatchView, ItemResult } from '../schemas/batch';
import { csvTable, type ExportFile, type ExportFormat } from './export-formats';

/**
 * A result's own columns, in the order every results CSV (the server's export, the CLI's file) has them. The
 * label and what the model named sit side by side (`model_answer` is empty for results recorded before it).
 */
export const RESULT_CSV_COLUMNS = [
  'entity',
  'model_answer',
  'success',
  'error',
  'processing_time',
  'time_to_first_token',
  'tokens_per_second',
  'prompt_tokens',
  'completion_tokens',
  'queue_time',
  'preparation_time',
  'generation_time',
  'raw_answer',
] as const;

/** `error_code` comes last, so that spreadsheets made before it keep their columns. */
const CSV_COLUMNS = ['index', 'filename', ...RESULT_CSV_COLUMNS, 'error_code'] as const;

/** A result under the CSV's snake_case names: the stable code next to the English text. */
const csvRecord = (result: ItemResult) => ({ ...result, error_code: result.errorCode });

/** The result of an image that has none (yet): not successful, its error the item's status. */
export function resultWithout(item: { filename: string; index: number }, error: string, errorCode: ItemResult['errorCode']): ItemResult {
  return {
    filename: item.filename,
    index: item.index,
    entity: null,
    raw_answer: null,
    processing_time: 0,
    success: false,
    error,
    errorCode,
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
    queue_time: null,
    preparation_time: null,
    generation_time: null,
  };
}

/** Results in index order; an item that has not finished yet is exported as not (yet) successful. */
function results(view: BatchView): ItemResult[] {
  return view.items.map((item) => item.result ?? resultWithout(item, item.status, 'not-finished'));
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
          {
            success: true,
            batch_id: view.batchId,
            model: view.model,
            prompt: view.prompt,
            status: view.status,
            created_at: view.createdAt,
            finished_at: view.finishedAt,
            results: results(view),
            stats: view.stats,
          },
          null,
          2,
        )}\n`,
      };
    case 'jsonl':
      return {
        filename: `${base}.jsonl`,
        contentType: 'application/x-ndjson; charset=utf-8',
        body: results(view)
          .map((result) => `${JSON.stringify({ batch_id: view.batchId, model: view.model, ...result })}\n`)
          .join(''),
      };
    case 'csv':
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvTable(CSV_COLUMNS, results(view).map(csvRecord)) };
  }
}

function exportBaseName(view: BatchView): string {
  const model =
    view.model
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'model';
  const when = view.createdAt.slice(0, 16).replace(/[T:]/g, '-');
  return `vision-batch-${model}-${when}-${view.batchId.slice(0, 8)}`;
}
