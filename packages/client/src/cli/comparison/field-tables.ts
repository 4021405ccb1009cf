import { NO_ANSWER, type FieldAccuracy } from '@vision/core/fields';
import { renderTable, type Column } from '../table';
import type { Style } from '../terminal';
import type { ComparisonReport, ReportModel } from './comparison-report';

type ClassRow = { model: string; row: FieldAccuracy['perClass'][number] };

const share = (ratio: number | null): string => (ratio === null ? '-' : `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`);

/**
 * The judged field as the server's comparison view has it: which field the ground truth is for, then per model
 * each class's precision and recall and the confusion table (ground truth down, answer across).
 */
export function fieldAccuracyLines(report: ComparisonReport, style: Style): string[] {
  if (!report.truthField) return [];
  const judged = report.models.filter((model): model is ReportModel & { fieldAccuracy: FieldAccuracy } => Boolean(model.fieldAccuracy));
  if (!judged.length) return [`Ground truth judges the field "${report.truthField}" by meaning.`];
  return [
    style.bold(`Ground truth judges the field "${report.truthField}", class by class:`),
    ...perClassTable(judged, style),
    ...judged.flatMap((model) => [
      '',
      style.bold(`Confusion of "${report.truthField}", ${model.model} (ground truth ↓, answer →):`),
      ...confusionTable(model.fieldAccuracy, style),
    ]),
  ];
}

function perClassTable(models: ReadonlyArray<{ model: string; fieldAccuracy: FieldAccuracy }>, style: Style): string[] {
  const rows: ClassRow[] = models.flatMap(({ model, fieldAccuracy }) => fieldAccuracy.perClass.map((row) => ({ model, row })));
  const columns: Column<ClassRow>[] = [
    { header: 'MODEL', value: ({ model }) => model },
    { header: 'CLASS', value: ({ row }) => row.class },
    { header: 'PRECISION', value: ({ row }) => share(row.precision), align: 'right' },
    { header: 'RECALL', value: ({ row }) => share(row.recall), align: 'right' },
    { header: 'IMAGES', value: ({ row }) => String(row.support), align: 'right' },
  ];
  return renderTable(rows, columns, style.bold);
}

function confusionTable(judged: FieldAccuracy, style: Style): string[] {
  const count = (truth: string, answer: string) =>
    judged.confusion.find((cell) => cell.truth === truth && cell.answer === answer)?.count ?? 0;
  const unread = judged.confusion.some((cell) => cell.answer === NO_ANSWER);
  const answers = [...judged.classes, ...(unread ? [NO_ANSWER] : [])];
  const truths = judged.classes.filter((name) => judged.confusion.some((cell) => cell.truth === name));
  const columns: Column<string>[] = [
    { header: 'TRUTH', value: (truth) => truth },
    ...answers.map((answer): Column<string> => ({
      header: answer,
      value: (truth) => String(count(truth, answer)),
      align: 'right',
      style: (text, truth) => (text.trim() === '0' ? text : truth === answer ? style.green(text) : style.red(text)),
    })),
  ];
  return renderTable(truths, columns, style.bold);
}
