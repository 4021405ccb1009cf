import { compareRuns } from '../accuracy/index.ts';
import { toBatchView } from '../batch/batch-view';
import type { BatchView } from '../schemas';
import type { StoredBatch, StoredComparison, StoredItem } from '../batch/repository';
import type { BatchStatus } from '../batch/types';
import type { TComparisonAnswer, TComparisonSummary, TComparisonView } from '../schemas';

export type ComparisonAnswerView = TComparisonAnswer;
export type ComparisonView = TComparisonView;
export type ComparisonSummaryView = TComparisonSummary;
import { fieldAccuracy, judgedField } from '../fields/field-accuracy.ts';
import { fieldValueText } from '../fields/field-stats.ts';
import type { FieldAccuracy, FieldSpec } from '../fields/field-types.ts';
import type { ItemResult } from '../schemas';
import { wordNetMatcher } from '../accuracy/match-to-list.ts';
import { truthClasses } from '../accuracy/truth-classes.ts';

type LoadedBatch = { batch: StoredBatch; items: StoredItem[] };
type Compared = Awaited<ReturnType<typeof compareRuns>>;

/** Lines a comparison's runs up: answers judged against the labels, agreement, and each model's figures. */
export async function buildComparisonView(comparison: StoredComparison, batches: ReadonlyArray<LoadedBatch>): Promise<ComparisonView> {
  const views = batches.map((batch) => toBatchView(batch));
  const labels = new Map<string, string>();
  for (const item of batches[0]?.items ?? []) if (item.label) labels.set(item.filename, item.label);
  const fields = batches[0]?.batch.fields ?? null;
  const truthField = fields ? (judgedField(fields, comparison.truthField) ?? null) : null;
  // A text field is judged by meaning as the entity is; a closed field by its classes (`fieldAccuracy`).
  const byMeaning = !fields || truthField?.type === 'text';
  const compared = await compareRuns(
    // A cancelled image was never judged: it counts neither as labelled nor as wrong.
    views.map((view) => ({
      runId: view.batchId,
      model: view.model,
      results: view.items.flatMap((item) =>
        item.result && item.status !== 'cancelled' ? [fields ? fieldsAsEntity(item.result, truthField) : item.result] : [],
      ),
    })),
    { labels: byMeaning ? labels : new Map() },
  );
  const judged = byMeaning ? views.map(() => undefined) : await judgeFields(batches, views, truthField);
  return {
    comparisonId: comparison.comparisonId,
    groundTruth: 'labels',
    ...(fields ? { truthField: truthField?.name ?? null, fieldNames: fields.map((field) => field.name) } : {}),
    createdAt: comparison.createdAt,
    prompt: comparison.prompt,
    status: comparisonStatus(views.map((view) => view.status)),
    models: views.map((view, runIndex) => {
      const { runId: _runId, ...figures } = compared.models[runIndex]!;
      const fieldFigures = judged[runIndex] ? figuresOfField(judged[runIndex]) : {};
      return {
        ...figures,
        ...fieldFigures,
        batchId: view.batchId,
        model: view.model,
        status: view.status,
        stats: view.stats,
        runRecord: batches[runIndex]!.batch.runRecord,
        ...(judged[runIndex] ? { fieldAccuracy: judged[runIndex] } : {}),
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
          ...(result?.fields ? { fields: result.fields } : {}),
        };
      }),
    };
  });
}

/**
 * A fields answer lined up as the entity is: its judged field's value ("dog", or a caption judged by meaning),
 * else every field in one line, so the answers compare and agree by what the models said.
 */
function fieldsAsEntity(result: ItemResult, judged: FieldSpec | null): ItemResult {
  if (!result.success || !result.fields) return result;
  if (!judged && result.entity !== null) return result;
  const value = judged ? result.fields[judged.name] : undefined;
  if (judged?.type === 'text' && (value === undefined || value === null)) {
    // Unread, a text field judged by meaning fails the image: labelled and wrong, never judged by another field.
    const why = result.field_errors?.[judged.name] ?? 'no answer';
    return { ...result, entity: null, model_answer: null, error: `the field "${judged.name}" could not be read: ${why}` };
  }
  const text =
    value !== undefined && value !== null
      ? fieldValueText(value)
      : Object.entries(result.fields)
          .map(([name, field]) => `${name}: ${fieldValueText(field)}`)
          .join('; ');
  return { ...result, entity: text, model_answer: text };
}

/** A model's accuracy figures from its judged field: the comparison's headline when it asks fields, not the entity. */
function figuresOfField(judged: FieldAccuracy) {
  const mistakes = judged.confusion.filter((cell) => cell.truth !== cell.answer).sort((a, b) => b.count - a.count);
  return {
    labelled: judged.labelled,
    correct: judged.correct,
    accuracy: judged.accuracy,
    confusions: mistakes.map((cell) => ({ label: cell.truth, answer: cell.answer, count: cell.count })),
  };
}

/** Per model, its closed judged field against the ground truth; none without such a field or labels. */
async function judgeFields(
  batches: ReadonlyArray<LoadedBatch>,
  views: BatchView[],
  field: FieldSpec | null,
): Promise<Array<FieldAccuracy | undefined>> {
  const labels = new Map((batches[0]?.items ?? []).flatMap((item) => (item.label ? [[item.index, item.label] as const] : [])));
  if (!field || labels.size === 0) return views.map(() => undefined);
  const truths = await truthClasses(field, labels, wordNetMatcher());
  return views.map((view) => {
    // A cancelled image was never judged, as for the entity.
    const answered = view.items.flatMap((item) =>
      item.result && item.status !== 'cancelled' ? [[item.index, item.result.fields?.[field.name] ?? null] as const] : [],
    );
    return fieldAccuracy(field, truths, new Map(answered));
  });
}

function comparisonStatus(statuses: BatchStatus[]): BatchStatus {
  if (statuses.some((s) => s === 'running')) return 'running';
  if (statuses.some((s) => s === 'queued')) return statuses.some((s) => s !== 'queued') ? 'running' : 'queued';
  return statuses.some((s) => s === 'cancelled') ? 'cancelled' : 'completed';
}
