import type { JudgeOptions } from '../accuracy/match-label.ts';
import type { BatchService } from '../batch/batch-service';
import type { ComparisonService } from '../comparisons/comparison-service';
import { DomainError } from '../errors';
import type { ReviewDecision, ReviewFilter, ReviewItem, ReviewQueue, ReviewSubject, TDecideInput } from '../schemas/review';
import { batchMaterial, comparisonMaterial, filterItems, progressOf, queueOrder, reviewItems, type ReviewMaterial } from './review-queue';
import type { ReviewRepository } from './review-repository';

export interface ReviewServiceDeps {
  batches: Pick<BatchService, 'get'>;
  comparisons: Pick<ComparisonService, 'get'>;
  reviews: ReviewRepository;
  now?: () => Date;
  judge?: JudgeOptions;
}

export interface ReviewService {
  /** The images in review order (see `queueOrder`), filtered; the progress counts every image. */
  queue(subject: ReviewSubject, filter?: ReviewFilter): Promise<ReviewQueue>;
  /** Stores one decision and answers the whole queue as it now stands. */
  decide(input: TDecideInput): Promise<ReviewQueue>;
  /** Takes back the last decision (or bulk accept). */
  undo(subject: ReviewSubject): Promise<ReviewQueue>;
  /** Accepts, as one step, every image all the models agree on and nobody has decided yet. */
  acceptAgreed(subject: ReviewSubject): Promise<ReviewQueue>;
  /** Every image with its suggestion and decision, by index: what exports and ground truth read. */
  items(subject: ReviewSubject): Promise<ReviewItem[]>;
}

/** The review of a batch's or a comparison's answers: suggestions, consensus and a person's decisions. */
export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const now = deps.now ?? (() => new Date());

  async function material(subject: ReviewSubject): Promise<ReviewMaterial> {
    // An unknown batch or comparison is the services' own `not-found` DomainError.
    if (subject.kind === 'batch') return batchMaterial(await deps.batches.get(subject.id));
    return comparisonMaterial(await deps.comparisons.get(subject.id));
  }

  const itemsOf = async (source: ReviewMaterial) => reviewItems(source, await deps.reviews.current(source.subject), deps.judge);

  /** The view is read once per call: a decision's answer reuses it with the decisions read again. */
  async function queueOf(source: ReviewMaterial, filter: ReviewFilter = 'all'): Promise<ReviewQueue> {
    const items = await itemsOf(source);
    return {
      subject: source.subject,
      models: source.models,
      thumbnailBatchId: source.thumbnailBatchId,
      items: filterItems(queueOrder(items), filter),
      progress: progressOf(items),
    };
  }

  async function decide(input: TDecideInput): Promise<ReviewQueue> {
    const source = await material(input.subject);
    const item = (await itemsOf(source)).find((candidate) => candidate.index === input.index);
    if (!item) throw new DomainError('review-unknown-index', `There is no image at index ${input.index} to review.`);
    await deps.reviews.record(input.subject, [decisionOn(item, input, now())]);
    return queueOf(source);
  }

  async function acceptAgreed(subject: ReviewSubject): Promise<ReviewQueue> {
    const source = await material(subject);
    const decidedAt = now();
    const agreed = (await itemsOf(source)).filter((item) => item.standing === 'agreed' && item.decision === null);
    await deps.reviews.record(
      subject,
      agreed.map((item) => decisionOn(item, { index: item.index, field: null, action: 'accept', label: null }, decidedAt)),
    );
    return queueOf(source);
  }

  return {
    queue: async (subject, filter) => queueOf(await material(subject), filter),
    decide,
    acceptAgreed,
    async undo(subject) {
      const source = await material(subject);
      await deps.reviews.undoLast(subject);
      return queueOf(source);
    },
    items: async (subject) => itemsOf(await material(subject)),
  };
}

function decisionOn(item: ReviewItem, input: Pick<TDecideInput, 'index' | 'field' | 'action' | 'label'>, at: Date): ReviewDecision {
  const typed = input.label?.trim().toLowerCase() || null;
  // The queue suggests the entity only: a field's decision (batches with fields) names its label itself.
  const suggestion = input.field === null ? item.suggestion : null;
  const label = input.action === 'reject' ? null : input.action === 'fix' || input.field !== null ? typed : suggestion;
  if (input.action !== 'reject' && label === null)
    throw new DomainError(
      'review-label-missing',
      input.action === 'fix'
        ? "A fix needs a label: type one or pick a model's answer."
        : `Image ${item.index} has no answer to accept: type a label.`,
    );
  return {
    index: input.index,
    field: input.field,
    action: input.action,
    label,
    suggestion,
    source: input.field === null ? item.source : null,
    decidedAt: at.toISOString(),
  };
}
