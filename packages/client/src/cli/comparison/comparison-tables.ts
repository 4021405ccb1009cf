import { answerSummary, seconds } from '../format';
import { renderTable, type Column } from '../table';
import type { Style } from '../terminal';
import { fieldAccuracyLines } from './field-tables';
import { agreementText, verdict, type ComparisonReport, type ReportAnswer, type ReportImage, type ReportModel } from './comparison-report';

export interface TableOptions {
  style: Style;
  /** ✓ and ✗ on a colour terminal; the words `right` and `wrong` anywhere else, so a pipe can grep them. */
  marks: boolean;
}

const MISTAKES_PER_MODEL = 3;

export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`;

/** Everything `analyze --models` and `compare` print on stdout: images side by side, models, mistakes, verdict. */
export function comparisonLines(report: ComparisonReport, options: TableOptions): string[] {
  const { style } = options;
  const lines = [...imagesTable(report, options)];
  const { compared, agreed } = report.agreement;
  if (compared > 0) lines.push('', `Agreement: ${agreed} of ${compared} image${compared === 1 ? '' : 's'} (${percent(agreed / compared)})`);
  lines.push('', ...modelsTable(report.models, style));
  if (report.models.some((model) => model.labelled > 0)) lines.push('', ...mistakeLines(report.models, style));
  const judged = fieldAccuracyLines(report, style);
  if (judged.length) lines.push('', ...judged);
  const summary = verdictLine(report);
  if (summary) lines.push('', style.bold(summary));
  return lines;
}

function imagesTable(report: ComparisonReport, { style, marks }: TableOptions): string[] {
  const columns: Column<ReportImage>[] = [
    { header: 'FILE', value: (image) => image.name },
    { header: 'LABEL', value: (image) => image.label ?? '-' },
    ...report.models.map((model, position): Column<ReportImage> => ({
      header: model.model,
      value: (image) => answerCell(image.answers[position]!, marks),
      maxWidth: 48,
      style: (text, image) => styleAnswer(text, image.answers[position]!, style),
    })),
  ];
  if (report.models.length > 1) {
    columns.push({
      header: 'AGREE',
      value: (image) => agreementText(image) || '-',
      maxWidth: 48,
      style: (text, image) => (image.agree === false ? style.yellow(text) : text),
    });
  }
  return renderTable(report.images, columns, style.bold);
}

function answerCell(answer: ReportAnswer, marks: boolean): string {
  if (answer.status === 'pending') return 'pending';
  if (answer.status === 'missing') return '-';
  if (answer.status === 'failed') return `failed: ${answer.error ?? 'no answer'}`;
  const entity = answerSummary(answer);
  if (!answer.judgement) return entity;
  if (marks) return `${entity} ${answer.judgement.correct ? '✓' : '✗'}`;
  return `${entity} ${answer.judgement.correct ? 'right' : 'wrong'}`;
}

function styleAnswer(text: string, answer: ReportAnswer, style: Style): string {
  if (answer.status === 'failed' || answer.judgement?.correct === false) return style.red(text);
  if (answer.judgement?.correct) return style.green(text);
  return text;
}

function modelsTable(models: readonly ReportModel[], style: Style): string[] {
  return renderTable<ReportModel>(
    models,
    [
      { header: 'MODEL', value: (model) => model.model, style: (text) => style.bold(text) },
      {
        header: 'ACCURACY',
        value: (model) => (model.accuracy === null ? '-' : `${percent(model.accuracy)} (${model.correct}/${model.labelled})`),
        align: 'right',
      },
      { header: 'MEAN TIME', value: (model) => seconds(model.meanProcessingTime), align: 'right' },
      {
        header: 'TOK/S',
        value: (model) => (model.meanTokensPerSecond === null ? '-' : model.meanTokensPerSecond.toFixed(1)),
        align: 'right',
      },
      { header: 'TTFT', value: (model) => seconds(model.meanTimeToFirstToken), align: 'right' },
      {
        header: 'FAILED',
        value: (model) => String(model.failures),
        align: 'right',
        style: (text, model) => (model.failures > 0 ? style.red(text) : text),
      },
    ],
    style.bold,
  );
}

function mistakeLines(models: readonly ReportModel[], style: Style): string[] {
  const width = Math.max(...models.map((model) => model.model.length));
  return [
    style.bold('Most frequent mistakes (label → answer):'),
    ...models.map((model) => {
      const top = model.confusions.slice(0, MISTAKES_PER_MODEL).map(({ label, answer, count }) => `${label} → ${answer} (${count})`);
      const more = model.confusions.length > MISTAKES_PER_MODEL ? `, and ${model.confusions.length - MISTAKES_PER_MODEL} more` : '';
      return `  ${`${model.model}:`.padEnd(width + 1)}  ${top.length ? top.join(', ') + more : 'none'}`;
    }),
  ];
}

/** "Most accurate: X (100%) · Fastest: Y (0.41 s per image)", for two models or more. */
export function verdictLine(report: ComparisonReport): string | undefined {
  if (report.models.length < 2) return undefined;
  const { mostAccurate, fastest } = verdict(report);
  const names = (models: ReportModel[]) => models.map((model) => model.model).join(' and ');
  const parts: string[] = [];
  if (mostAccurate.length) parts.push(`Most accurate: ${names(mostAccurate)} (${percent(mostAccurate[0]!.accuracy!)})`);
  if (fastest.length) parts.push(`Fastest: ${names(fastest)} (${seconds(fastest[0]!.meanProcessingTime)} per image)`);
  return parts.length ? parts.join(' · ') : undefined;
}
