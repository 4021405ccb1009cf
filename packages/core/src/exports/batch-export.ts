import type { ExportLabel } from '../review/export-labels';
import type { BatchView, ItemResult } from '../schemas/batch';
import { csvTable, type ExportFile, type ExportFormat } from './export-formats';
import { fieldCells, fieldColumns, type FieldColumn } from './field-columns';
import { keepsRow, reviewCells, reviewColumns, type ReviewExportOptions } from './review-columns';

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

/** Newer columns come last (`error_code`, then the label), so that spreadsheets made before them keep their columns. */
const CSV_COLUMNS = ['index', 'filename', ...RESULT_CSV_COLUMNS, 'error_code', 'label', 'label_source'] as const;

/** A result under the CSV's snake_case names: the stable code next to the English text. */
const csvRecord = (result: LabelledResult) => ({ ...result, error_code: result.errorCode });

type LabelledResult = ItemResult & { label: string | null; label_source: ExportLabel['source'] };

export type ExportOptions = ReviewExportOptions;

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

/** Results in index order with their labels; an item that has not finished yet is exported as not (yet) successful. */
function labelledResults(view: BatchView, options: ExportOptions): LabelledResult[] {
  return view.items.flatMap((item) => {
    const result = item.result ?? resultWithout(item, item.status, 'not-finished');
    const label = options.labels?.get(item.index) ?? modelLabel(item.label, result);
    return keepsRow(item.index, label, options) ? [{ ...result, label: label.label, label_source: label.source }] : [];
  });
}

function modelLabel(given: string | null, result: ItemResult): ExportLabel {
  if (given) return { label: given, source: 'labels', reviewed: false };
  return result.success && result.entity
    ? { label: result.entity, source: 'model', reviewed: false }
    : { label: null, source: null, reviewed: false };
}

/** A batch's results as a download: JSON in the seed's response shape, JSON Lines, or CSV for spreadsheets. */
export function exportBatch(view: BatchView, format: ExportFormat, options: ExportOptions = {}): ExportFile {
  const base = exportBaseName(view);
  const results = labelledResults(view, options);
  const reviewed = (columns: readonly FieldColumn[]) =>
    reviewColumns(options.fieldLabels, (field) => columns.find((column) => column.field === field)?.column ?? field);
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
            ...(view.fields ? { fields: view.fields } : {}),
            status: view.status,
            created_at: view.createdAt,
            finished_at: view.finishedAt,
            results: results.map((result) => ({ ...result, ...reviewCells(result.index, reviewed([]), options.fieldLabels) })),
            stats: view.stats,
          },
          null,
          2,
        )}\n`,
      };
    case 'jsonl': {
      const columns = fieldColumns(view.fields, [
        ...CSV_COLUMNS,
        'batch_id',
        'model',
        'fields',
        'field_errors',
        'errorCode',
        'host',
        'host_kind',
      ]);
      const confirmed = reviewed(columns);
      return {
        filename: `${base}.jsonl`,
        contentType: 'application/x-ndjson; charset=utf-8',
        body: results
          .map(
            (result) =>
              `${JSON.stringify({
                batch_id: view.batchId,
                model: view.model,
                ...result,
                ...fieldCells(result, columns, 'json'),
                ...reviewCells(result.index, confirmed, options.fieldLabels),
              })}\n`,
          )
          .join(''),
      };
    }
    case 'csv': {
      // The fields' columns come after every column of a batch without fields, so those files keep their shape.
      // Then each reviewed field's confirmed value and its source, after all the fields' own answers.
      const columns = fieldColumns(view.fields, CSV_COLUMNS);
      const confirmed = reviewed(columns);
      const records = results.map((result) => ({
        ...csvRecord(result),
        ...fieldCells(result, columns, 'csv'),
        ...reviewCells(result.index, confirmed, options.fieldLabels),
      }));
      const header = [...CSV_COLUMNS, ...columns.map(({ column }) => column), ...confirmed.flatMap(({ label, source }) => [label, source])];
      const body = csvTable<Record<string, unknown>>(header, records);
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body };
    }
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
