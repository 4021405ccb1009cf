import type { TComparisonView as ComparisonView } from '../schemas/comparison';
import { fieldValueText } from '../fields/field-stats';
import { explainAgreements } from '../accuracy/explain-agreement.ts';
import type { ExportOptions } from './batch-export';
import { csvDocument, type ComparisonExportFormat, type ExportFile } from './export-formats';
import { keepsRow, reviewCells, reviewColumns } from './review-columns';

const ANSWER_COLUMNS = [
  'index',
  'filename',
  'label',
  'model',
  'entity',
  'model_answer',
  'correct',
  'judgement',
  'processing_time',
  'tokens_per_second',
  'time_to_first_token',
  'error',
  'error_code',
  'agreement',
  'label_source',
] as const;

const SUMMARY_COLUMNS = [
  'model',
  'accuracy',
  'correct',
  'labelled',
  'failures',
  'mean_processing_time',
  'mean_tokens_per_second',
  'mean_time_to_first_token',
  'wall_time',
  'images_per_minute',
  'quantization',
  'prompt_hash',
] as const;

/** After the usual columns, so summaries made before fields keep theirs: the judged field's figures. */
const FIELD_SUMMARY_COLUMNS = ['field', 'field_accuracy', 'field_correct', 'field_labelled', 'field_per_class', 'field_confusion'] as const;

type ModelRow = ComparisonView['models'][number];

/** "cat: precision 1, recall 0.5 (2)" per class, and "dog → cat: 1" per cell of the confusion table, joined by "; ". */
function fieldSummaryCells(model: ModelRow, truthField: string | null | undefined): unknown[] {
  const judged = model.fieldAccuracy;
  // A text field is judged by meaning: its figures are the model's headline ones, with no classes to list.
  if (!judged && truthField) return [truthField, model.accuracy, model.correct, model.labelled, null, null];
  if (!judged) return FIELD_SUMMARY_COLUMNS.map(() => null);
  const figure = (value: number | null) => (value === null ? '-' : String(value));
  const perClass = judged.perClass.map(
    (row) => `${row.class}: precision ${figure(row.precision)}, recall ${figure(row.recall)} (${row.support})`,
  );
  const confusion = judged.confusion.map((cell) => `${cell.truth} → ${cell.answer}: ${cell.count}`);
  return [judged.field, judged.accuracy, judged.correct, judged.labelled, perClass.join('; '), confusion.join('; ')];
}

/** A comparison as a download: every answer with its judgement (CSV), the per-model figures (summary), or all (JSON). */
export function exportComparison(view: ComparisonView, format: ComparisonExportFormat, options: ExportOptions = {}): ExportFile {
  const base = `vision-comparison-${view.createdAt.slice(0, 16).replace(/[T:]/g, '-')}-${view.comparisonId.slice(0, 8)}`;
  const images = labelledImages(view, options);
  if (format === 'json') {
    return {
      filename: `${base}.json`,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify({ ...view, images }, null, 2)}\n`,
    };
  }
  if (format === 'summary') {
    const judged = Boolean(view.truthField) || view.models.some((model) => model.fieldAccuracy);
    const rows = view.models.map((model) => [
      model.model,
      model.accuracy,
      model.correct,
      model.labelled,
      model.failures,
      model.meanProcessingTime,
      model.meanTokensPerSecond,
      model.meanTimeToFirstToken,
      model.stats?.wall_time ?? null,
      model.stats?.images_per_minute ?? null,
      model.runRecord?.modelInfo?.quantization ?? null,
      model.runRecord?.promptHash ?? null,
      ...(judged ? fieldSummaryCells(model, view.truthField) : []),
    ]);
    const header = [...SUMMARY_COLUMNS, ...(judged ? FIELD_SUMMARY_COLUMNS : [])];
    return { filename: `${base}-summary.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument([header, ...rows]) };
  }
  // A comparison with fields: one column per field after the usual ones, each model's answer to it (CSV text).
  const fieldNames = [...new Set(images.flatMap((image) => image.answers.flatMap((answer) => Object.keys(answer.fields ?? {}))))];
  const fieldCellsOf = (answer: ComparisonView['images'][number]['answers'][number]) =>
    fieldNames.map((name) => {
      const value = answer.fields?.[name];
      return value === undefined || value === null ? null : fieldValueText(value);
    });
  // Each reviewed field's confirmed value: `<field>_label`, `<field>_label_source`, the same on each model's row.
  const confirmed = reviewColumns(options.fieldLabels, (field) => field);
  const confirmedCells = (index: number) => Object.values(reviewCells(index, confirmed, options.fieldLabels));
  const rows = images.flatMap((image) =>
    image.answers.map((answer) => [
      image.index,
      image.filename,
      image.label,
      answer.model,
      answer.entity,
      answer.model_answer ?? null,
      answer.judgement ? answer.judgement.correct : null,
      answer.judgement?.explanation ?? null,
      answer.processing_time,
      answer.tokens_per_second,
      answer.time_to_first_token,
      answer.error,
      answer.errorCode,
      agreementCell(image),
      image.label_source,
      ...fieldCellsOf(answer),
      ...confirmedCells(image.index),
    ]),
  );
  const header = [...ANSWER_COLUMNS, ...fieldNames, ...confirmed.flatMap(({ label, source }) => [label, source])];
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument([header, ...rows]) };
}

/**
 * Each image's `label`: what a person confirmed, else the ground truth given, else the models' suggestion, with
 * `label_source` saying which. Without review labels, the ground truth given.
 */
function labelledImages(view: ComparisonView, options: ExportOptions) {
  return view.images.flatMap((image) => {
    const given = image.label
      ? { label: image.label, source: 'labels' as const, reviewed: false }
      : { label: null, source: null, reviewed: false };
    const label = options.labels?.get(image.index) ?? given;
    if (!keepsRow(image.index, label, options)) return [];
    const confirmed = reviewCells(
      image.index,
      reviewColumns(options.fieldLabels, (field) => field),
      options.fieldLabels,
    );
    return [{ ...image, label: label.label, label_source: label.source, ...confirmed }];
  });
}

/** "agree", "agree: tabby is a kind of cat" (how, when the words differ), "disagree", or empty under two answers. */
function agreementCell(image: ComparisonView['images'][number]): string | null {
  if (image.agree === null) return null;
  if (!image.agree) return 'disagree';
  const how = explainAgreements(image.agreedBy.filter((link) => link.basis !== 'same'));
  return how ? `agree: ${how}` : 'agree';
}
