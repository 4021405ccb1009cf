import { leadersBy } from '@vision/core/accuracy-summary';
import type { ComparisonAnswer, ComparisonView } from './comparison-types';

export type ComparisonStatus = ComparisonView['status'];

export const isRunning = (status: ComparisonStatus): boolean => status === 'queued' || status === 'running';

export interface ModelProgress {
  batchId: string;
  model: string;
  status: ComparisonStatus;
  done: number;
  failed: number;
  total: number;
}

/** How far each model's run has come: its answers that are no longer pending. */
export function modelProgress(view: ComparisonView): ModelProgress[] {
  return view.models.map((model, position) => {
    const answers = view.images.map((image) => image.answers[position]);
    return {
      batchId: model.batchId,
      model: model.model,
      status: model.status,
      done: answers.filter((answer) => answer && answer.status !== 'pending').length,
      failed: answers.filter((answer) => answer?.status === 'failed').length,
      total: view.images.length,
    };
  });
}

/** The batch to follow live: the model running now, else the next one waiting its turn; null once all ended. */
export function liveBatchId(view: ComparisonView): string | null {
  const running = view.models.find((model) => model.status === 'running') ?? view.models.find((model) => model.status === 'queued');
  return running?.batchId ?? null;
}

/** Per image, the answer given fastest: one answer ahead of at least one other (core's `leadersBy` rule). */
export function fastestAnswer(answers: readonly ComparisonAnswer[]): number | null {
  const timed = answers.flatMap((answer, position) =>
    answer.status === 'answered' && answer.processing_time !== null ? [{ position, time: answer.processing_time }] : [],
  );
  const leaders = leadersBy(timed, (entry) => entry.time, 'lowest');
  return leaders.length === 1 ? leaders[0]!.position : null;
}
