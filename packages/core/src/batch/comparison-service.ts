import { randomUUID } from 'node:crypto';
import { link } from 'node:fs/promises';
import { lookupLabel } from '../accuracy/index.ts';
import type { TComparisonAnswer, TComparisonSummary, TComparisonView } from '../schemas';
import type { ModelInfo } from '../lmstudio';
import type { BatchService, Inference, UploadedImage } from './batch-service';
import { checkModelChoice } from './check-model';
import { DomainError, notFound } from '../errors';
import { checkBatchShape, type BatchLimits, type BatchRejection } from './limits';
import { buildComparisonView } from './comparison-view';
import type { BatchRepository, StoredComparison } from './repository';

export interface SubmitComparisonInput {
  models: string[];
  prompt?: string | undefined;
  files: UploadedImage[];
  /** Ground truth by file name (alternatives joined with `|`), e.g. from `parseLabelsCsv`. */
  labels?: ReadonlyMap<string, string> | undefined;
  concurrency?: number | undefined;
  cleanup: () => Promise<void>;
}

export type SubmitComparisonOutcome = { ok: true; comparisonId: string; batchIds: string[] } | ({ ok: false } & BatchRejection);

export type ComparisonAnswerView = TComparisonAnswer;
export type ComparisonView = TComparisonView;
export type ComparisonSummaryView = TComparisonSummary;

export interface ComparisonService {
  submit(input: SubmitComparisonInput): Promise<SubmitComparisonOutcome>;
  get(comparisonId: string): Promise<ComparisonView | undefined>;
  list(options: { limit: number; cursor?: string | null }): Promise<{ comparisons: ComparisonSummaryView[]; nextCursor: string | null }>;
  setLabels(comparisonId: string, labels: ReadonlyArray<{ index: number; label: string | null }>): Promise<ComparisonView>;
  cancel(comparisonId: string): Promise<ComparisonView>;
}

export interface ComparisonServiceDeps {
  batches: BatchService;
  repository: BatchRepository;
  inference: Pick<Inference, 'listModels' | 'baseUrl'>;
  limits: BatchLimits;
}

const labelFor = (labels: ReadonlyMap<string, string> | undefined, filename: string): string | null =>
  (labels && lookupLabel(labels, filename)) ?? null;

/**
 * One upload, several models: a batch per model over the same images, linked as a comparison and run one
 * after another (one GPU holds one model at a time; interleaving would make LM Studio swap models).
 */
export function createComparisonService(deps: ComparisonServiceDeps): ComparisonService {
  const { batches, repository } = deps;

  async function submit(input: SubmitComparisonInput): Promise<SubmitComparisonOutcome> {
    const models = [...new Set(input.models.map((model) => model.trim()).filter(Boolean))];
    try {
      if (!models.length)
        return { ok: false, code: 'no-model', error: 'No model was chosen: send the field "models" with one or more model ids.' };
      const shape = checkBatchShape(input.files, deps.limits);
      if (shape) return { ok: false, ...shape };
      const listed = await deps.inference.listModels().catch(() => undefined);
      for (const model of models) {
        const check = checkModelChoice(model, listed, deps.inference.baseUrl);
        if (!check.ok) return { ok: false, code: check.code, error: check.error };
      }
      return await submitBatches(input, models, listed ?? null);
    } finally {
      await input.cleanup();
    }
  }

  /** One batch per model, each after the previous one; the models were checked against `listed`. */
  async function submitBatches(
    input: SubmitComparisonInput,
    models: string[],
    listed: ModelInfo[] | null,
  ): Promise<SubmitComparisonOutcome> {
    const comparisonId = randomUUID();
    const labels = input.files.map((file) => labelFor(input.labels, file.filename));
    const batchIds: string[] = [];
    for (const [position, model] of models.entries()) {
      const files = position === models.length - 1 ? input.files : await linkedCopies(input.files, position);
      const outcome = await batches.submit({
        model,
        prompt: input.prompt,
        files,
        concurrency: input.concurrency,
        labels,
        comparisonId,
        runAfter: batchIds.at(-1) ?? null,
        models: listed,
        cleanup: async () => {},
      });
      if (!outcome.ok) return outcome;
      batchIds.push(outcome.batchId);
    }
    await repository.createComparison({
      comparisonId,
      createdAt: new Date().toISOString(),
      prompt: input.prompt ?? null,
      models,
      batchIds,
    });
    return { ok: true, comparisonId, batchIds };
  }

  /** The comparison's view, reading each of its batches once. */
  async function build(comparison: StoredComparison): Promise<ComparisonView> {
    const stored = await Promise.all(comparison.batchIds.map((batchId) => repository.getBatch(batchId)));
    return buildComparisonView(
      comparison,
      stored.filter((entry) => entry !== undefined),
    );
  }

  async function mustGet(comparisonId: string): Promise<StoredComparison> {
    const comparison = await repository.getComparison(comparisonId);
    if (!comparison) throw notFound('comparison', comparisonId);
    return comparison;
  }

  return {
    submit,
    async get(comparisonId) {
      const comparison = await repository.getComparison(comparisonId);
      return comparison && build(comparison);
    },
    async list(options) {
      const page = await repository.listComparisons(options);
      const comparisons = await Promise.all(
        page.comparisons.map(async (comparison) => {
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
        }),
      );
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
      // Last first, so a waiting model's batch is settled before the running one ends and would start it.
      for (const batchId of [...comparison.batchIds].reverse())
        await batches.cancel(batchId).catch((error: unknown) => {
          if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
        });
      return build(comparison);
    },
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
