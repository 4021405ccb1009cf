import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TBatchStats } from '@vision/api-contract';
import { csvCell, csvTable, fieldCells, fieldColumns, RESULT_CSV_COLUMNS } from '@vision/core/export-formats';
import type { FieldSpec } from '@vision/core/fields';
import { isExportFormat, type ExportFormat } from '../../export-batch';
import { UsageError } from '../usage-error';
import type { ResultRow } from './run-results';

export interface RunSummary {
  model: string;
  prompt: string | null;
  batchIds: string[];
  rows: readonly ResultRow[];
  stats: TBatchStats;
  /** The questions the run asked; their answers get a column each. */
  fields?: FieldSpec[] | undefined;
}

/** `results.csv` → csv; anything but .csv, .json, .jsonl is a usage error, caught before any work is done. */
export function formatFromFileName(file: string): ExportFormat {
  const extension = path.extname(file).slice(1).toLowerCase();
  if (!isExportFormat(extension)) throw new UsageError(`Cannot tell the format of "${file}": name it .csv, .json or .jsonl.`);
  return extension;
}

/** The server's export's columns, with the batch each image ran in before the code (which comes last, as there). */
const CSV_COLUMNS = ['filename', ...RESULT_CSV_COLUMNS, 'batch_id', 'index', 'error_code'] as const;

/** The server's result fields, with the name the user knows the file by and the batch it ran in. */
function record(row: ResultRow, model: string) {
  const { filename: _serverName, ...result } = row.result;
  return {
    filename: row.name,
    batch_id: row.batchId,
    model,
    ...result,
    index: row.batchId === null ? null : result.index,
    error_code: result.errorCode,
  };
}

/** What `analyze` writes: the server's export formats, or `metadata.jsonl` for a Hugging Face imagefolder dataset. */
export type OutputFormat = ExportFormat | 'imagefolder' | 'captions';

/**
 * All batches of a run in one file, shaped like the server's exports (JSON as the seed's response, JSON Lines,
 * or CSV with a BOM for spreadsheets), but with file names relative to the folders given. For `imagefolder` the
 * rows' names must already be relative to the dataset folder.
 */
export function renderResults(summary: RunSummary, format: Exclude<OutputFormat, 'captions'>): string {
  const records = summary.rows.map((row) => record(row, summary.model));
  const { fields } = summary;
  switch (format) {
    case 'imagefolder': {
      const columns = fieldColumns(fields, IMAGEFOLDER_COLUMNS);
      return records.map((line) => `${JSON.stringify({ ...imagefolderRecord(line), ...fieldCells(line, columns, 'json') })}\n`).join('');
    }
    case 'json': {
      const run = {
        success: true,
        model: summary.model,
        prompt: summary.prompt,
        ...(fields ? { fields } : {}),
        batch_ids: summary.batchIds,
      };
      return `${JSON.stringify({ ...run, results: records, stats: summary.stats }, null, 2)}\n`;
    }
    case 'jsonl': {
      const columns = fieldColumns(fields, [...CSV_COLUMNS, 'model', 'fields', 'field_errors', 'errorCode', 'host', 'host_kind']);
      return records.map((line) => `${JSON.stringify({ ...line, ...fieldCells(line, columns, 'json') })}\n`).join('');
    }
    case 'csv': {
      const columns = fieldColumns(fields, CSV_COLUMNS);
      const rows = records.map((line) => ({ ...line, ...fieldCells(line, columns, 'csv') }));
      return csvTable<Record<string, unknown>>([...CSV_COLUMNS, ...columns.map(({ column }) => column)], rows);
    }
  }
}

const IMAGEFOLDER_COLUMNS = [
  'file_name',
  'entity',
  'success',
  'error',
  'processing_time',
  'time_to_first_token',
  'tokens_per_second',
  'queue_time',
  'preparation_time',
  'generation_time',
  'model',
  'batch_id',
];

/**
 * Hugging Face `imagefolder` metadata: `file_name` first (relative to the folder metadata.jsonl is in), then the
 * entity and the timings; every row has every column, so the loader infers one schema.
 */
function imagefolderRecord(line: ReturnType<typeof record>) {
  return {
    file_name: line.filename,
    entity: line.entity,
    success: line.success,
    error: line.error,
    processing_time: line.processing_time,
    time_to_first_token: line.time_to_first_token,
    tokens_per_second: line.tokens_per_second,
    queue_time: line.queue_time,
    preparation_time: line.preparation_time,
    generation_time: line.generation_time,
    model: line.model,
    batch_id: line.batch_id,
  };
}

/**
 * Replaces the file at once (a temporary file beside it, then a rename), so a reader or a killed run never
 * finds half a file.
 */
export async function writeResults(
  file: string,
  summary: RunSummary,
  format: Exclude<OutputFormat, 'captions'> = formatFromFileName(file),
): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, renderResults(summary, format));
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

export { csvCell };
