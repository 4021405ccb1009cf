import type { TComparisonAnswer } from '@vision/api-contract';
import { explainAgreements } from '@vision/core/explain';
import { accuracyOf, countConfusions, findLeaders, meanOf } from '@vision/core/accuracy-summary';
import { mergeFieldAccuracy, type FieldAccuracy } from '@vision/core/fields';
import type { Confusion, ModelFigures, TAgreementLink } from '@vision/core/schemas';
import type { ComparisonView } from '../../vision-client';

/** One model's answer for one image; `batchId` is null for an image that was never sent. */
export type ReportAnswer = Omit<TComparisonAnswer, 'batchId'> & { batchId: string | null };

export interface ReportImage {
  /** The name the user knows the file by (relative to the folder given). */
  name: string;
  /** Where the image ran: null for one never sent (too large for any upload). */
  comparisonId: string | null;
  index: number | null;
  label: string | null;
  agree: boolean | null;
  /** How the answers agree ("tabby is a kind of cat"); empty when they do not. */
  agreedBy: TAgreementLink[];
  /** One per model, in the report's model order. */
  answers: ReportAnswer[];
}

export type { Confusion };

/** One model's figures over every comparison of the report; a closed judged field's, summed over them all. */
export type ReportModel = ModelFigures & { model: string; batchIds: string[]; fieldAccuracy?: FieldAccuracy };

/** One or more comparisons over the same models, read as one: the tables the CLI prints and writes. */
export interface ComparisonReport {
  comparisonIds: string[];
  models: ReportModel[];
  /** A comparison with fields: the field the ground truth judges (null when none can be). */
  truthField: string | null;
  images: ReportImage[];
  agreement: { compared: number; agreed: number };
  /** Every comparison ran to its end (none cancelled or still running). */
  complete: boolean;
}

export interface ComparedPart {
  view: ComparisonView;
  /** The local name of each uploaded image, by index; the server's file name otherwise. */
  names?: readonly string[];
}

export interface ReportOptions {
  /** The order to show the models in; the first comparison's otherwise. */
  models?: readonly string[];
  /** Images no upload could carry, failed for every model. */
  notSent?: ReadonlyArray<{ name: string; error: string }>;
}

/**
 * Merges the comparisons of one run (a dataset split into several uploads) into one report: the images
 * side by side in upload order, and per model the server's counts summed and its means and mistakes taken
 * again over all images.
 */
export function buildReport(parts: readonly ComparedPart[], options: ReportOptions = {}): ComparisonReport {
  const models = [...(options.models ?? parts[0]?.view.models.map((model) => model.model) ?? [])];
  const images: ReportImage[] = parts.flatMap(({ view, names }) =>
    view.images.map((image) => ({
      name: names?.[image.index] ?? image.filename,
      comparisonId: view.comparisonId,
      index: image.index,
      label: image.label,
      agree: image.agree,
      agreedBy: image.agreedBy,
      answers: models.map((model) => image.answers.find((answer) => answer.model === model) ?? unanswered(model, 'missing', null)),
    })),
  );
  for (const { name, error } of options.notSent ?? []) {
    images.push({
      name,
      comparisonId: null,
      index: null,
      label: null,
      agree: null,
      agreedBy: [],
      answers: models.map((model) => unanswered(model, 'failed', error)),
    });
  }

  const summaries = models.map((model, position): ReportModel => {
    const runs = parts.flatMap(({ view }) => view.models.filter((summary) => summary.model === model));
    const sum = (pick: (run: (typeof runs)[number]) => number) => runs.reduce((total, run) => total + pick(run), 0);
    const notSent = options.notSent?.length ?? 0;
    const labelled = sum((run) => run.labelled);
    const correct = sum((run) => run.correct);
    const answered = images.map((image) => image.answers[position]!).filter((answer) => answer.status === 'answered');
    const judged = mergeFieldAccuracy(runs.flatMap((run) => (run.fieldAccuracy ? [run.fieldAccuracy] : [])));
    return {
      model,
      batchIds: runs.map((run) => run.batchId),
      images: sum((run) => run.images) + notSent,
      answered: sum((run) => run.answered),
      failures: sum((run) => run.failures) + notSent,
      labelled,
      correct,
      accuracy: accuracyOf(correct, labelled),
      meanProcessingTime: meanOf(answered.map((answer) => answer.processing_time)),
      meanTokensPerSecond: meanOf(answered.map((answer) => answer.tokens_per_second)),
      meanTimeToFirstToken: meanOf(answered.map((answer) => answer.time_to_first_token)),
      confusions: judged
        ? fieldMistakes(judged)
        : countConfusions(
            images.map((image) => ({
              label: image.label,
              entity: image.answers[position]!.entity,
              correct: image.answers[position]!.judgement?.correct,
            })),
          ),
      ...(judged ? { fieldAccuracy: judged } : {}),
    };
  });

  const compared = images.filter((image) => image.agree !== null);
  return {
    comparisonIds: parts.map(({ view }) => view.comparisonId),
    models: summaries,
    truthField: parts[0]?.view.truthField ?? null,
    images,
    agreement: { compared: compared.length, agreed: compared.filter((image) => image.agree).length },
    complete: parts.every(({ view }) => view.status === 'completed'),
  };
}

/** A judged field's wrong cells as the report's mistakes (label → answer), most frequent first. */
function fieldMistakes(judged: FieldAccuracy): Confusion[] {
  return judged.confusion
    .filter((cell) => cell.truth !== cell.answer)
    .sort((a, b) => b.count - a.count)
    .map((cell) => ({ label: cell.truth, answer: cell.answer, count: cell.count }));
}

/** Whether every model answered every image. */
export function allAnswered(report: ComparisonReport): boolean {
  return report.complete && report.images.every((image) => image.answers.every((answer) => answer.status === 'answered'));
}

/**
 * The most accurate and the fastest models, by the rule the web app's badges follow (`findLeaders`): only
 * against another model, shared by every leader when some trail, and nobody's when all of them tie.
 */
export function verdict(report: ComparisonReport): { mostAccurate: ReportModel[]; fastest: ReportModel[] } {
  // A model without labelled images has no accuracy (`accuracyOf` gives null), so it never leads on it.
  return findLeaders(report.models);
}

function unanswered(model: string, status: 'missing' | 'failed', error: string | null): ReportAnswer {
  return {
    batchId: null,
    model,
    status,
    entity: null,
    error,
    errorCode: status === 'failed' ? 'not-sent' : null,
    processing_time: null,
    tokens_per_second: null,
    time_to_first_token: null,
    judgement: null,
  };
}

/** "yes: tabby is a kind of cat", a bare "yes" when the answers only read the same, "no", or empty under two answers. */
export function agreementText(image: Pick<ReportImage, 'agree' | 'agreedBy'>): string {
  if (image.agree === null) return '';
  if (!image.agree) return 'no';
  const meaningful = image.agreedBy.filter((link) => link.basis !== 'same');
  return meaningful.length ? `yes: ${explainAgreements(meaningful)}` : 'yes';
}
