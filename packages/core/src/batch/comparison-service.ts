import { randomUUID } from 'node:crypto';
import { link } from 'node:fs/promises';
import { compareRuns, lookupLabel } from '../accuracy/index.ts';
import type { TComparisonAnswer, TComparisonSummary, TComparisonView } from '../schemas';
import type { LmStudioClient } from '../lmstudio';
import type { BatchService, BatchView, UploadedImage } from './batch-service';
import { checkModelChoice } from './check-model';
import { DomainError, notFound } from '../errors';
import { checkBatchShape, type BatchLimits, type BatchRejection } from './limits';
import type { BatchRepository, StoredComparison } from './repository';
import type { BatchStatus } from './types';

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
  lmstudio: Pick<LmStudioClient, 'listModels' | 'baseUrl'>;
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
      if (!models.length) return { ok: false, code: 'no-model', error: 'No model was chosen: send the field "models" with one or more model ids.' };
      const shape = checkBatchShape(input.files, deps.limits);
      if (shape) return { ok: false, ...shape };
      const listed = await deps.lmstudio.listModels().catch(() => undefined);
      for (const model of models) {
        const check = checkModelChoice(model, listed, deps.lmstudio.baseUrl);
        if (!check.ok) return { ok: false, code: check.code, error: check.error };
      }

      const comparisonId = randomUUID();
      const labels = input.files.map((file) => labelFor(input.labels, file.filename));
      const batchIds: string[] = [];
      for (const [position, model] of models.entries()) {
        // Every model's batch owns its files; hard links cost no space and survive the upload folder's removal.
        const files = position === models.length - 1 ? input.files : await Promise.all(input.files.map(async (file) => {
          const copy = `${file.path}.${position}`;
          await link(file.path, copy);
          return { ...file, path: copy };
        }));
        const outcome = await batches.submit({
          model,
          prompt: input.prompt,
          files,
          concurrency: input.concurrency,
          labels,
          comparisonId,
          runAfter: batchIds.at(-1) ?? null,
          cleanup: async () => {},
        });
        if (!outcome.ok) return outcome;
        batchIds.push(outcome.batchId);
      }
      await repository.createComparison({ comparisonId, createdAt: new Date().toISOString(), prompt: input.prompt ?? null, models, batchIds });
      return { ok: true, comparisonId, batchIds };
    } finally {
      await input.cleanup();
    }
  }

  async function get(comparisonId: string): Promise<ComparisonView | undefined> {
    const comparison = await repository.getComparison(comparisonId);
    if (!comparison) return undefined;
    return build(comparison);
  }

  async function build(comparison: StoredComparison): Promise<ComparisonView> {
    const views = await Promise.all(comparison.batchIds.map(async (batchId) => ({ view: await batches.get(batchId), stored: await repository.getBatch(batchId) })));
    const present = views.filter((entry): entry is { view: BatchView; stored: NonNullable<typeof entry.stored> } => Boolean(entry.view && entry.stored));
    const first = present[0]?.view;
    const labels = new Map<string, string>();
    for (const item of present[0]?.stored.items ?? []) if (item.label) labels.set(item.filename, item.label);
    const comparisonResult = await compareRuns(
      // A cancelled image was never judged: it counts neither as labelled nor as wrong.
      present.map(({ view }) => ({
        runId: view.batchId,
        model: view.model,
        results: view.items.flatMap((item) => (item.result && item.status !== 'cancelled' ? [item.result] : [])),
      })),
      { labels },
    );
    const byIndex = new Map(comparisonResult.images.map((image) => [image.index, image]));
    const images = (first?.items ?? []).map((item) => {
      const compared = byIndex.get(item.index);
      return {
        index: item.index,
        filename: item.filename,
        label: compared?.label ?? labels.get(item.filename) ?? null,
        agree: compared?.agree ?? null,
        answers: present.map(({ view }, runIndex): ComparisonAnswerView => {
          const result = view.items[item.index]?.result ?? null;
          const answer = compared?.answers[runIndex];
          const cancelled = view.items[item.index]?.status === 'cancelled';
          return {
            batchId: view.batchId,
            model: view.model,
            status: cancelled ? 'failed' : result ? (answer?.status ?? 'missing') : 'pending',
            entity: result?.entity ?? null,
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
    const statuses = present.map(({ view }) => view.status);
    const status: BatchStatus = statuses.some((s) => s === 'running') ? 'running'
      : statuses.some((s) => s === 'queued') ? (statuses.some((s) => s !== 'queued') ? 'running' : 'queued')
      : statuses.some((s) => s === 'cancelled') ? 'cancelled' : 'completed';
    return {
      comparisonId: comparison.comparisonId,
      createdAt: comparison.createdAt,
      prompt: comparison.prompt,
      status,
      models: present.map(({ view, stored }, runIndex) => {
        const summary = comparisonResult.models[runIndex]!;
        const { runId: _runId, ...figures } = summary;
        return { ...figures, batchId: view.batchId, model: view.model, status: view.status, stats: view.stats, runRecord: stored.batch.runRecord };
      }),
      images,
      agreement: comparisonResult.agreement,
    };
  }

  return {
    submit,
    get,
    async list(options) {
      const page = await repository.listComparisons(options);
      const comparisons = await Promise.all(page.comparisons.map(async (comparison) => {
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
      }));
      return { comparisons, nextCursor: page.nextCursor };
    },
    async setLabels(comparisonId, labels) {
      const comparison = await repository.getComparison(comparisonId);
      if (!comparison) throw notFound('comparison', comparisonId);
      const cleaned = labels.map(({ index, label }) => ({ index, label: label?.trim() ? label.trim().toLowerCase() : null }));
      for (const batchId of comparison.batchIds) await repository.setLabels(batchId, cleaned);
      return build(comparison);
    },
    async cancel(comparisonId) {
      const comparison = await repository.getComparison(comparisonId);
      if (!comparison) throw notFound('comparison', comparisonId);
      // Last first, so a waiting model's batch is settled before the running one ends and would start it.
      for (const batchId of [...comparison.batchIds].reverse()) await batches.cancel(batchId).catch((error: unknown) => {
        if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
      });
      return build(comparison);
    },
  };
}

