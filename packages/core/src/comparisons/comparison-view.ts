import { compareRuns } from '../accuracy/index.ts';
import { toBatchView } from '../batch/batch-view';
import type { BatchView } from '../schemas';
import type { StoredBatch, StoredComparison, StoredItem } from '../batch/repository';
import type { BatchStatus } from '../batch/types';
import type { TComparisonAnswer, TComparisonSummary, TComparisonView } from '../schemas';

export type ComparisonAnswerView = TComparisonAnswer;
export type ComparisonView = TComparisonView;
export type ComparisonSummaryView = TComparisonSummary;

type LoadedBatch = { batch: StoredBatch; items: StoredItem[] };
type Compared = Awaited<ReturnType<typeof compareRuns>>;

/** Lines a comparison's runs up: answers judged against the labels, agreement, and each model's figures. */
export async function buildComparisonView(comparison: StoredComparison, batches: ReadonlyArray<LoadedBatch>): Promise<ComparisonView> {
  const views = batches.map((batch) => toBatchView(batch));
  const labels = new Map<string, string>();
  for (const item of batches[0]?.items ?? []) if (item.label) labels.set(item.filename, item.label);
  const compared = await compareRuns(
    // A cancelled image was never judged: it counts neither as labelled nor as wrong.
    views.map((view) => ({
      runId: view.batchId,
      model: view.model,
      results: view.items.flatMap((item) => (item.result && item.status !== 'cancelled' ? [item.result] : [])),
    })),
    { labels },
  );
  return {
    comparisonId: comparison.comparisonId,
    groundTruth: 'labels',
    createdAt: comparison.createdAt,
    prompt: comparison.prompt,
    status: comparisonStatus(views.map((view) => view.status)),
    models: views.map((view, runIndex) => {
      const { runId: _runId, ...figures } = compared.models[runIndex]!;
      return {
        ...figures,
        batchId: view.batchId,
        model: view.model,
        status: view.status,
        stats: view.stats,
        runRecord: batches[runIndex]!.batch.runRecord,
      };
    }),
    images: imageRows(views, compared, labels),
    agreement: compared.agreement,
  };
}

function imageRows(views: BatchView[], compared: Compared, labels: ReadonlyMap<string, string>): ComparisonView['images'] {
  const byIndex = new Map(compared.images.map((image) => [image.index, image]));
  return (views[0]?.items ?? []).map((item) => {
    const image = byIndex.get(item.index);
    return {
      index: item.index,
      filename: item.filename,
      label: image?.label ?? labels.get(item.filename) ?? null,
      agree: image?.agree ?? null,
      agreedBy: image?.agreedBy ?? [],
      answers: views.map((view, runIndex): ComparisonAnswerView => {
        const result = view.items[item.index]?.result ?? null;
        const answer = image?.answers[runIndex];
        const cancelled = view.items[item.index]?.status === 'cancelled';
        return {
          batchId: view.batchId,
          model: view.model,
          status: cancelled ? 'failed' : result ? (answer?.status ?? 'missing') : 'pending',
          entity: result?.entity ?? null,
          model_answer: answer?.modelAnswer ?? result?.model_answer ?? null,
          error: result?.error ?? null,
          errorCode: result?.errorCode ?? null,
          processing_time: result?.processing_time ?? null,
          tokens_per_second: result?.tokens_per_second ?? null,
          time_to_first_token: result?.time_to_first_token ?? null,
          judgement: answer?.judgement ?? null,
        };
      }),
    };
  });
}

function comparisonStatus(statuses: BatchStatus[]): BatchStatus {
  if (statuses.some((s) => s === 'running')) return 'running';
  if (statuses.some((s) => s === 'queued')) return statuses.some((s) => s !== 'queued') ? 'running' : 'queued';
  return statuses.some((s) => s === 'cancelled') ? 'cancelled' : 'completed';
}
