import type { LabelCsvProblem } from '@vision/core/schemas';
import type { Formatters, Messages } from '../../../i18n';
import type { LabelProblem } from './ground-truth';

/**
 * A skipped row of the labels, in the user's language: one the page found while matching the CSV to the photos
 * (`LabelProblem`), or one the server found reading what was sent (`LabelCsvProblem`, by kind).
 */
export function describeLabelProblem(problem: LabelProblem | LabelCsvProblem, t: Messages, format: Formatters): string {
  const line = format.number(problem.line);
  switch (problem.kind) {
    case 'no-file':
      return t.groundTruth.noFile(line);
    case 'no-label':
      return t.groundTruth.noLabel(line, problem.file);
    case 'repeated':
      return t.groundTruth.repeated(line, problem.file);
    case 'several-photos':
      return t.groundTruth.severalPhotos(line, problem.file, format.number(problem.count));
    case 'extra-columns':
      return t.groundTruth.extraColumns(line, format.number(problem.columns));
  }
}
