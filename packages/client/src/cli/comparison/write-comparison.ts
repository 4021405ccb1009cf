import { writeFile } from 'node:fs/promises';
import type { ExportFormat } from '../../export-batch';
import type { ComparisonView } from '../../vision-client';
import { csvTable } from '@vision/core/export-formats';
import { formatFromFileName } from '../results/write-results';
import { agreementText, type ComparisonReport } from './comparison-report';

const CSV_COLUMNS = [
  'filename',
  'label',
  'model',
  'entity',
  'status',
  'correct',
  'judgement',
  'judgement_kind',
  'processing_time',
  'tokens_per_second',
  'time_to_first_token',
  'error',
  'comparison_id',
  'batch_id',
  'index',
  'error_code',
  'agreement',
] as const;

/** One (image, model) pair under the name the user knows the file by. */
function answerRecords(report: ComparisonReport) {
  return report.images.flatMap((image) =>
    image.answers.map((answer) => ({
      filename: image.name,
      label: image.label,
      model: answer.model,
      entity: answer.entity,
      status: answer.status,
      correct: answer.judgement ? answer.judgement.correct : null,
      judgement: answer.judgement,
      processing_time: answer.processing_time,
      tokens_per_second: answer.tokens_per_second,
      time_to_first_token: answer.time_to_first_token,
      error: answer.error,
      comparison_id: image.comparisonId,
      batch_id: answer.batchId,
      index: image.index,
      error_code: answer.errorCode,
      agreement: agreementText(image),
    })),
  );
}

/**
 * `--out` for a comparison: CSV (with a BOM, for spreadsheets) and JSON Lines hold a row per image and model;
 * JSON holds the per-model figures over the whole run and every comparison view as the server gave it.
 */
export function renderComparison(report: ComparisonReport, views: readonly ComparisonView[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ comparison_ids: report.comparisonIds, models: report.models, agreement: report.agreement, comparisons: views }, null, 2)}\n`;
    case 'jsonl':
      return answerRecords(report)
        .map((record) => `${JSON.stringify(record)}\n`)
        .join('');
    case 'csv': {
      const flat = answerRecords(report).map((record) => ({
        ...record,
        judgement: record.judgement?.explanation ?? null,
        judgement_kind: record.judgement?.kind ?? null,
      }));
      return csvTable(CSV_COLUMNS, flat);
    }
  }
}

export async function writeComparison(file: string, report: ComparisonReport, views: readonly ComparisonView[]): Promise<void> {
  await writeFile(file, renderComparison(report, views, formatFromFileName(file)));
}
