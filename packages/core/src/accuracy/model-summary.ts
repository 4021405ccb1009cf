import type { Confusion, ItemResult, ModelFigures } from '../schemas/index.ts';
import type { Judgement } from './judgement.ts';
import { accuracyOf, countConfusions, meanOf } from './summary-figures.ts';

export type { Confusion };

/** What a summary reads of a run, of its answers and of the images: `compareRuns` hands it more. */
interface SummarisedRun {
  runId: string;
  model: string;
  results: readonly ItemResult[];
}
interface SummarisedAnswer {
  status: 'answered' | 'failed' | 'missing';
  entity: string | null;
  judgement: Pick<Judgement, 'correct'> | null;
}

/** One run's figures, by its id. */
export type ModelSummary = ModelFigures & { runId: string; model: string };

export function summariseModel(
  run: SummarisedRun,
  answers: readonly SummarisedAnswer[],
  images: readonly { label: string | null }[],
  topConfusions: number,
): ModelSummary {
  const answeredItems = run.results.filter((item) => item.success && item.entity !== null && item.entity.trim() !== '');
  const labelledAnswers = answers.filter((answer, at) => answer.status !== 'missing' && images[at]?.label !== null);
  const correct = labelledAnswers.filter((answer) => answer.judgement?.correct === true).length;
  return {
    runId: run.runId,
    model: run.model,
    images: run.results.length,
    answered: answeredItems.length,
    failures: run.results.length - answeredItems.length,
    labelled: labelledAnswers.length,
    correct,
    accuracy: accuracyOf(correct, labelledAnswers.length),
    meanProcessingTime: meanOf(answeredItems.map((item) => item.processing_time)),
    meanTokensPerSecond: meanOf(answeredItems.map((item) => item.tokens_per_second)),
    meanTimeToFirstToken: meanOf(answeredItems.map((item) => item.time_to_first_token)),
    confusions: countConfusions(
      answers.map((answer, at) => ({ label: images[at]?.label ?? null, entity: answer.entity, correct: answer.judgement?.correct })),
      topConfusions,
    ),
  };
}
