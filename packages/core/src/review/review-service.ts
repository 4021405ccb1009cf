import type { JudgeOptions } from '../accuracy/match-label.ts';
import type { BatchService } from '../batch/batch-service';
import type { ComparisonService } from '../comparisons/comparison-service';
import { DomainError } from '../errors';
import type { ReviewDecision, ReviewFilter, ReviewItem, ReviewQueue, ReviewSubject, TDecideInput } from '../schemas/review';
import { batchMaterial, comparisonMaterial, filterItems, progressOf, queueOrder, reviewItems, type ReviewMaterial } from './review-queue';
import { confirmedText, resolveReviewField, type ReviewedField } from './review-fields';
import { exportLabels, type ExportLabel } from './export-labels';
import type { ReviewRepository } from './review-repository';

/** A field's name, or null/undefined for the subject's default (the entity, or its first label field). */
type FieldChoice = string | null | undefined;

export interface ReviewServiceDeps {
  batches: Pick<BatchService, 'get'>;
  comparisons: Pick<ComparisonService, 'get'>;
  reviews: ReviewRepository;
  now?: () => Date;
  judge?: JudgeOptions;
}

export interface ReviewExportLabels {
  labels: Map<number, ExportLabel>;
  fieldLabels: Map<string, Map<number, ExportLabel>>;
}

export interface ReviewService {
  /** The images in review order (see `queueOrder`) for one field, filtered; the progress counts every image. */
  queue(subject: ReviewSubject, filter?: ReviewFilter, field?: FieldChoice): Promise<ReviewQueue>;
  /** Stores one decision and answers that field's whole queue as it now stands. */
  decide(input: TDecideInput): Promise<ReviewQueue>;
  /** Takes back the last decision (or bulk accept), whichever field it was on; answers the field's queue. */
  undo(subject: ReviewSubject, field?: FieldChoice): Promise<ReviewQueue>;
  /** Accepts, as one step, every image all the models agree on for the field and nobody has decided yet. */
  acceptAgreed(subject: ReviewSubject, field?: FieldChoice): Promise<ReviewQueue>;
  /** Every image with its suggestion and decision on the field, by index: what exports and ground truth read. */
  items(subject: ReviewSubject, field?: FieldChoice): Promise<ReviewItem[]>;
  /**
   * What an export writes: each image's `label` (the default field's confirmed label, else the `given` ground
   * truth, else the suggestion) and, per field a person has decided on, that field's. `onlyField`, when named
   * (an export of the rows decided on it), must be a field the subject asks.
   */
  exportLabels(subject: ReviewSubject, given: ReadonlyMap<number, string | null>, onlyField?: string): Promise<ReviewExportLabels>;
}

/** The review of a batch's or a comparison's answers: suggestions, consensus and a person's decisions. */
export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const now = deps.now ?? (() => new Date());

  async function material(subject: ReviewSubject): Promise<ReviewMaterial> {
    // An unknown batch or comparison is the services' own `not-found` DomainError.
    if (subject.kind === 'batch') return batchMaterial(await deps.batches.get(subject.id));
    const view = await deps.comparisons.get(subject.id);
    const first = view.models[0];
    return comparisonMaterial(view, first ? (await deps.batches.get(first.batchId)).fields : undefined);
  }
  const itemsOf = async (source: ReviewMaterial, field: ReviewedField) =>
    reviewItems(source, await deps.reviews.current(source.subject), field, deps.judge);

  /** The view is read once per call: a decision's answer reuses it with the decisions read again. */
  async function queueOf(source: ReviewMaterial, field: ReviewedField, filter: ReviewFilter = 'all'): Promise<ReviewQueue> {
    const items = await itemsOf(source, field);
    return {
      subject: source.subject,
      models: source.models,
      thumbnailBatchId: source.thumbnailBatchId,
      field: field?.name ?? null,
      fields: (source.fields ?? []).map(({ name, type }) => ({ name, type })),
      items: filterItems(queueOrder(items), filter),
      progress: progressOf(items),
    };
  }

  async function decide(input: TDecideInput): Promise<ReviewQueue> {
    const source = await material(input.subject);
    const field = resolveReviewField(source.fields, input.field, source.truthField);
    const item = (await itemsOf(source, field)).find((candidate) => candidate.index === input.index);
    if (!item) throw new DomainError('review-unknown-index', `There is no image at index ${input.index} to review.`);
    await deps.reviews.record(input.subject, [decisionOn(item, field, input, now())]);
    return queueOf(source, field);
  }

  async function acceptAgreed(subject: ReviewSubject, choice: FieldChoice): Promise<ReviewQueue> {
    const source = await material(subject);
    const field = resolveReviewField(source.fields, choice, source.truthField);
    const decidedAt = now();
    const agreed = (await itemsOf(source, field)).filter((item) => item.standing === 'agreed' && item.decision === null);
    await deps.reviews.record(
      subject,
      agreed.map((item) => decisionOn(item, field, { index: item.index, action: 'accept', label: null }, decidedAt)),
    );
    return queueOf(source, field);
  }

  async function labelsOf(source: ReviewMaterial, main: ReviewedField, given: ReadonlyMap<number, string | null>) {
    const decided = new Set((await deps.reviews.current(source.subject)).map((decision) => decision.field));
    const reviewed = (source.fields ?? []).filter((field) => decided.has(field.name));
    const fieldLabels = new Map<string, Map<number, ExportLabel>>();
    for (const field of reviewed)
      fieldLabels.set(field.name, exportLabels(await itemsOf(source, field), field === main ? given : undefined));
    return { labels: exportLabels(await itemsOf(source, main), given), fieldLabels };
  }

  async function withField<T>(
    subject: ReviewSubject,
    choice: FieldChoice,
    use: (source: ReviewMaterial, field: ReviewedField) => Promise<T>,
  ) {
    const source = await material(subject);
    return use(source, resolveReviewField(source.fields, choice, source.truthField));
  }

  return {
    queue: (subject, filter, choice) => withField(subject, choice, (source, field) => queueOf(source, field, filter)),
    decide,
    acceptAgreed,
    undo: (subject, choice) =>
      withField(subject, choice, async (source, field) => {
        await deps.reviews.undoLast(subject);
        return queueOf(source, field);
      }),
    items: (subject, choice) => withField(subject, choice, itemsOf),
    exportLabels: (subject, given, onlyField) =>
      withField(subject, undefined, (source, field) => {
        if (onlyField !== undefined) resolveReviewField(source.fields, onlyField, source.truthField);
        return labelsOf(source, field, given);
      }),
  };
}

function decisionOn(
  item: ReviewItem,
  field: ReviewedField,
  input: Pick<TDecideInput, 'index' | 'action' | 'label'>,
  at: Date,
): ReviewDecision {
  const typed = input.label?.trim() ? confirmedText(field, input.label) : null;
  const label = input.action === 'reject' ? null : input.action === 'fix' ? typed : item.suggestion;
  if (input.action !== 'reject' && label === null)
    throw new DomainError(
      'review-label-missing',
      input.action === 'fix'
        ? "A fix needs a label: type one or pick a model's answer."
        : `Image ${item.index} has no answer to accept: type a label.`,
    );
  return {
    index: input.index,
    field: field?.name ?? null,
    action: input.action,
    label,
    suggestion: item.suggestion,
    source: item.source,
    decidedAt: at.toISOString(),
  };
}
