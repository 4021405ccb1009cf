import type { TComparisonView as ComparisonView } from '../schemas/comparison';
import { explainAgreements } from '../accuracy/explain-agreement.ts';
import type { ExportOptions } from './batch-export';
import { csvDocument, type ComparisonExportFormat, type ExportFile } from './export-formats';

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
    ]);
    return { filename: `${base}-summary.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument([[...SUMMARY_COLUMNS], ...rows]) };
  }
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
    ]),
  );
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvDocument([[...ANSWER_COLUMNS], ...rows]) };
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
    return options.reviewedOnly && !label.reviewed ? [] : [{ ...image, label: label.label, label_source: label.source }];
  });
}

/** "agree", "agree: tabby is a kind of cat" (how, when the words differ), "disagree", or empty under two answers. */
function agreementCell(image: ComparisonView['images'][number]): string | null {
  if (image.agree === null) return null;
  if (!image.agree) return 'disagree';
  const how = explainAgreements(image.agreedBy.filter((link) => link.basis !== 'same'));
  return how ? `agree: ${how}` : 'agree';
}
