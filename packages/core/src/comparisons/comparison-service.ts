import { randomUUID } from 'node:crypto';
import type { FieldSpec } from '../fields/field-types';
import { defaultReviewField, truthFieldProblem } from '../fields/field-accuracy.ts';
import { link } from 'node:fs/promises';
import { lookupLabel } from '../accuracy/index.ts';
import type { BatchService, Inference } from '../batch/batch-service';
import type { UploadedImage } from '../batch/batch-files';
import { assertModelChoice } from '../batch/check-model';
import { assertBatchShape, type BatchLimits } from '../batch/limits';
import type { BatchRepository, StoredComparison } from '../batch/repository';
import { DomainError, notFound } from '../errors';
import type { GroundTruthChoice, ModelInfo, ReviewDecision, ReviewSubject } from '../schemas';
import { buildComparisonView, type ComparisonSummaryView, type ComparisonView } from './comparison-view';

export interface SubmitComparisonInput {
  models: string[];
  prompt?: string | undefined;
  files: UploadedImage[];
  /** Ground truth by file name (alternatives joined with `|`), e.g. from `parseLabelsCsv`. */
  labels?: ReadonlyMap<string, string> | undefined;
  concurrency?: number | undefined;
  /** Asked of every image by every model, so their answers compare field by field. */
  fields?: FieldSpec[] | undefined;
  /** The field the ground truth is for; `judgedField` picks one when not given. */
  truthField?: string | undefined;
  cleanup: () => Promise<void>;
}

/** A comparison the service has taken: one batch per model, in the order they run. */
export interface SubmittedComparison {
  comparisonId: string;
  batchIds: string[];
}

/** Every refusal is a thrown `DomainError` with its code (an unknown comparison: `comparison-not-found`). */
export interface ComparisonService {
  /** Takes the upload once per model, or refuses it whole (no model, its shape, a model the hosts cannot serve). */
  submit(input: SubmitComparisonInput): Promise<SubmittedComparison>;
  /** Judged against the labels given, or (`confirmed`) against what a person confirmed in the review. */
  get(comparisonId: string, options?: { groundTruth?: GroundTruthChoice }): Promise<ComparisonView>;
  list(options: { limit: number; cursor?: string | null }): Promise<{ comparisons: ComparisonSummaryView[]; nextCursor: string | null }>;
  setLabels(comparisonId: string, labels: ReadonlyArray<{ index: number; label: string | null }>): Promise<ComparisonView>;
  cancel(comparisonId: string): Promise<ComparisonView>;
  /**
   * Cancels what still runs, then deletes every model's batch as `BatchService.delete` does (rows, events, files,
   * their review decisions), the comparison's row and the decisions made on the comparison itself.
   */
  delete(comparisonId: string): Promise<void>;
}

export interface ComparisonServiceDeps {
  batches: BatchService;
  repository: BatchRepository;
  inference: Pick<Inference, 'listModels' | 'baseUrl'>;
  limits: BatchLimits;
  /**
   * The review's `ReviewRepository`: where confirmed labels are read for `groundTruth: 'confirmed'`, and whose
   * decisions on a comparison are forgotten with it.
   */
  reviews?: { current(subject: ReviewSubject): Promise<ReviewDecision[]>; forget(subject: ReviewSubject): Promise<void> };
}

const labelFor = (labels: ReadonlyMap<string, string> | undefined, filename: string): string | null =>
  (labels && lookupLabel(labels, filename)) ?? null;

/**
 * One upload, several models: a batch per model over the same images, linked as a comparison and run one
 * after another (one GPU holds one model at a time; interleaving would make the server swap models).
 */
export function createComparisonService(deps: ComparisonServiceDeps): ComparisonService {
  const { batches, repository } = deps;

  async function submit(input: SubmitComparisonInput): Promise<SubmittedComparison> {
    const models = [...new Set(input.models.map((model) => model.trim()).filter(Boolean))];
    try {
      if (!models.length) throw new DomainError('no-model', 'No model was chosen: send the field "models" with one or more model ids.');
      assertBatchShape(input.files, deps.limits);
      const truthProblem = truthFieldProblem(input.fields, input.truthField);
      if (truthProblem) throw new DomainError('invalid-fields', truthProblem);
      const listed = await deps.inference.listModels().catch(() => undefined);
      for (const model of models) assertModelChoice(model, listed, deps.inference.baseUrl);
      return await submitBatches(deps, input, models, listed ?? null);
    } finally {
      await input.cleanup();
    }
  }

  const build = (comparison: StoredComparison, groundTruth?: GroundTruthChoice) => buildView(deps, comparison, groundTruth);

  async function mustGet(comparisonId: string): Promise<StoredComparison> {
    const comparison = await repository.getComparison(comparisonId);
    if (!comparison) throw notFound('comparison', comparisonId);
    return comparison;
  }

  return {
    submit,
    get: async (comparisonId, options) => build(await mustGet(comparisonId), options?.groundTruth),
    async list(options) {
      const page = await repository.listComparisons(options);
      const comparisons = await Promise.all(page.comparisons.map((comparison) => summaryOf(repository, comparison)));
      return { comparisons, nextCursor: page.nextCursor };
    },
    async setLabels(comparisonId, labels) {
      const comparison = await mustGet(comparisonId);
      const cleaned = labels.map(({ index, label }) => ({ index, label: label?.trim() ? label.trim().toLowerCase() : null }));
      for (const batchId of comparison.batchIds) await repository.setLabels(batchId, cleaned);
      return build(comparison);
    },
    async cancel(comparisonId) {
      const comparison = await mustGet(comparisonId);
      await cancelRuns(batches, comparison);
      return build(comparison);
    },
    async delete(comparisonId) {
      const comparison = await mustGet(comparisonId);
      // Stopped first: deleting the running model's batch alone would end its run and start the next model.
      await cancelRuns(batches, comparison);
      // A batch already gone (a deletion cut short before) is skipped, so deleting again finishes the job.
      for (const batchId of comparison.batchIds) await batches.delete(batchId, { ofComparison: comparisonId }).catch(unlessMissing);
      await repository.deleteComparison(comparisonId);
      await deps.reviews?.forget({ kind: 'comparison', id: comparisonId });
    },
  };
}

/** One batch per model, each after the previous one; the models were checked against `listed`. */
async function submitBatches(
  { batches, repository }: Pick<ComparisonServiceDeps, 'batches' | 'repository'>,
  input: SubmitComparisonInput,
  models: string[],
  listed: ModelInfo[] | null,
): Promise<SubmittedComparison> {
  const comparisonId = randomUUID();
  const labels = input.files.map((file) => labelFor(input.labels, file.filename));
  const batchIds: string[] = [];
  for (const [position, model] of models.entries()) {
    const files = position === models.length - 1 ? input.files : await linkedCopies(input.files, position);
    const { batchId } = await batches.submit({
      model,
      prompt: input.prompt,
      files,
      concurrency: input.concurrency,
      fields: input.fields,
      labels,
      comparisonId,
      runAfter: batchIds.at(-1) ?? null,
      models: listed,
      cleanup: async () => {},
    });
    batchIds.push(batchId);
  }
  await repository.createComparison({
    comparisonId,
    createdAt: new Date().toISOString(),
    prompt: input.prompt ?? null,
    models,
    batchIds,
    ...(input.truthField ? { truthField: input.truthField } : {}),
  });
  return { comparisonId, batchIds };
}

/** The comparison's view, reading each of its batches once. */
async function buildView(
  { repository, reviews }: Pick<ComparisonServiceDeps, 'repository' | 'reviews'>,
  comparison: StoredComparison,
  groundTruth: GroundTruthChoice = 'labels',
): Promise<ComparisonView> {
  const stored = (await Promise.all(comparison.batchIds.map((batchId) => repository.getBatch(batchId)))).filter(
    (entry) => entry !== undefined,
  );
  if (groundTruth === 'labels') return buildComparisonView(comparison, stored);
  // With fields, what a person confirmed for the ground truth's field (its chosen `truthField` first) is the truth.
  const fields = stored[0]?.batch.fields;
  const judged = defaultReviewField(fields, comparison.truthField);
  const confirmed = await confirmedLabels(reviews, comparison.comparisonId, judged);
  const relabelled = stored.map((entry) => ({
    ...entry,
    items: entry.items.map((item) => ({ ...item, label: confirmed.get(item.index) ?? null })),
  }));
  return { ...(await buildComparisonView(comparison, relabelled)), groundTruth };
}

function unlessMissing(error: unknown): void {
  if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
}

/** Last first, so a waiting model's batch is settled before the running one ends and would start it. */
async function cancelRuns(batches: BatchService, comparison: StoredComparison): Promise<void> {
  for (const batchId of [...comparison.batchIds].reverse()) await batches.cancel(batchId).catch(unlessMissing);
}

/** A line of the comparisons' history: its images counted from the first model's batch (every batch has the same). */
async function summaryOf(repository: Pick<BatchRepository, 'getBatch'>, comparison: StoredComparison): Promise<ComparisonSummaryView> {
  const stored = comparison.batchIds[0] ? await repository.getBatch(comparison.batchIds[0]) : undefined;
  const items = stored?.items ?? [];
  return {
    comparisonId: comparison.comparisonId,
    createdAt: comparison.createdAt,
    models: comparison.models,
    batchIds: comparison.batchIds,
    images: items.length,
    labelled: items.filter((item) => item.label).length,
  };
}

/** Every model's batch owns its files; hard links cost no space and survive the upload folder's removal. */
function linkedCopies(files: ReadonlyArray<UploadedImage>, position: number): Promise<UploadedImage[]> {
  return Promise.all(
    files.map(async (file) => {
      const copy = `${file.path}.${position}`;
      await link(file.path, copy);
      return { ...file, path: copy };
    }),
  );
}

/** A rejected image ("no label fits") has no ground truth: it counts as unlabelled. */
/**
 * What a person confirmed of the answer the comparison judges: the entity's label, or with fields the judged
 * field's (the field a review queue opens on), so that field's accuracy is measured against it.
 */
async function confirmedLabels(
  reviews: ComparisonServiceDeps['reviews'],
  comparisonId: string,
  judged: FieldSpec | null,
): Promise<Map<number, string | null>> {
  const decisions = (await reviews?.current({ kind: 'comparison', id: comparisonId })) ?? [];
  const field = judged?.name ?? null;
  return new Map(decisions.filter((decision) => decision.field === field).map((decision) => [decision.index, decision.label]));
}
