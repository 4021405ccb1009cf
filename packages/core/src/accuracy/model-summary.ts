import type { ComparedRun, ImageComparison, ModelAnswer } from './compare-runs.ts';

/** A frequent mistake: the label, what the model said instead, how often. */
export interface Confusion {
  label: string;
  answer: string;
  count: number;
}

export interface ModelSummary {
  runId: string;
  model: string;
  /** Items in the run. */
  images: number;
  answered: number;
  failures: number;
  /** The run's items that have a label; a failed item counts here, and not as correct. */
  labelled: number;
  correct: number;
  /** `correct / labelled`, `null` when nothing is labelled. */
  accuracy: number | null;
  /** Means over answered items, in seconds and tokens per second; `null` when none has the figure. */
  meanProcessingTime: number | null;
  meanTokensPerSecond: number | null;
  meanTimeToFirstToken: number | null;
  /** The most frequent wrong answers by label (first alternative), most frequent first. */
  confusions: Confusion[];
}

export function summariseModel(
  run: ComparedRun,
  answers: readonly ModelAnswer[],
  images: readonly ImageComparison[],
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
    accuracy: labelledAnswers.length === 0 ? null : round(correct / labelledAnswers.length, 4),
    meanProcessingTime: mean(answeredItems.map((item) => item.processing_time)),
    meanTokensPerSecond: mean(answeredItems.map((item) => item.tokens_per_second)),
    meanTimeToFirstToken: mean(answeredItems.map((item) => item.time_to_first_token)),
    confusions: confusionsOf(answers, images, topConfusions),
  };
}

function confusionsOf(answers: readonly ModelAnswer[], images: readonly ImageComparison[], top: number): Confusion[] {
  const counts = new Map<string, Confusion>();
  answers.forEach((answer, at) => {
    const label = images[at]?.label;
    if (!label || !answer.entity || answer.judgement?.correct !== false) return;
    const primary = label.split('|')[0] ?? label;
    const key = `${primary}\u0000${answer.entity}`;
    const entry = counts.get(key) ?? { label: primary, answer: answer.entity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  });
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.answer.localeCompare(b.answer))
    .slice(0, top);
}

function mean(values: ReadonlyArray<number | null>): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return numbers.length === 0 ? null : round(numbers.reduce((sum, value) => sum + value, 0) / numbers.length, 3);
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
