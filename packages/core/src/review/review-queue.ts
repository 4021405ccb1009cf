import type { JudgeOptions } from '../accuracy/match-label.ts';
import type { BatchView } from '../schemas/batch';
import type { TComparisonView as ComparisonView } from '../schemas/comparison';
import type { FieldSpec, FieldValues } from '../fields/field-types.ts';
import type { ReviewDecision, ReviewFilter, ReviewItem, ReviewProgress, ReviewStanding, ReviewSubject } from '../schemas/review';
import { consensusOf } from './consensus';
import { comparedByMeaning, exactConsensus, fieldAnswerText, type ReviewedField } from './review-fields';

/** One model's answer to an image: its entity and, when the batch asks fields, every field's value. */
export type ModelAnswer = ReviewItem['answers'][number] & { fields?: FieldValues | undefined };

/** An image as the queue sees it: every model's answer (one for a batch) and the comparison's verdict. */
export interface ImageToReview {
  index: number;
  filename: string;
  answers: ModelAnswer[];
  agree: boolean | null;
}

export interface ReviewMaterial {
  subject: ReviewSubject;
  models: string[];
  thumbnailBatchId: string;
  /** The fields the batch (a comparison's every batch) asks; undefined without fields. */
  fields: FieldSpec[] | undefined;
  /** The field a comparison's ground truth judges, when the upload chose one: the queue opens on it. */
  truthField?: string | null | undefined;
  images: ImageToReview[];
}

const answeredEntity = (result: BatchView['items'][number]['result']): string | null =>
  result?.success && result.entity?.trim() ? result.entity : null;

export function batchMaterial(view: BatchView): ReviewMaterial {
  return {
    subject: { kind: 'batch', id: view.batchId },
    models: [view.model],
    thumbnailBatchId: view.batchId,
    fields: view.fields,
    images: view.items.map((item) => ({
      index: item.index,
      filename: item.filename,
      answers: [
        {
          model: view.model,
          batchId: view.batchId,
          entity: answeredEntity(item.result),
          fields: item.result?.success ? item.result.fields : undefined,
        },
      ],
      agree: null,
    })),
  };
}

/** A comparison's images; `fields` are those its batches ask (the view does not carry the list). */
export function comparisonMaterial(view: ComparisonView, fields?: FieldSpec[]): ReviewMaterial {
  return {
    subject: { kind: 'comparison', id: view.comparisonId },
    models: view.models.map((model) => model.model),
    thumbnailBatchId: view.models[0]?.batchId ?? '',
    fields,
    truthField: view.truthField,
    images: view.images.map((image) => ({
      index: image.index,
      filename: image.filename,
      answers: image.answers.map((answer) => ({
        model: answer.model,
        batchId: answer.batchId,
        entity: answer.status === 'answered' && answer.entity?.trim() ? answer.entity : null,
        fields: answer.status === 'answered' ? answer.fields : undefined,
      })),
      agree: image.agree,
    })),
  };
}

/**
 * Each image with its suggestion, the consensus and the decision on the reviewed field (the entity when `field` is
 * null), in index order. A text field or the entity agrees by meaning; a closed field's values agree when equal.
 */
export async function reviewItems(
  material: ReviewMaterial,
  decisions: readonly ReviewDecision[],
  field: ReviewedField,
  judge?: JudgeOptions,
): Promise<ReviewItem[]> {
  const fieldName = field?.name ?? null;
  const decided = new Map(decisions.filter((decision) => decision.field === fieldName).map((decision) => [decision.index, decision]));
  return Promise.all(
    material.images.map(async (image): Promise<ReviewItem> => {
      const answers = image.answers.map(({ model, batchId, entity, fields }) => ({
        model,
        batchId,
        entity: field === null ? entity : fieldAnswerText(fields?.[field.name]),
      }));
      const entities = answers.map((answer) => answer.entity);
      const consensus = material.models.length > 1 ? await consensusFor(field, entities, image.agree, judge) : null;
      const suggestion = consensus?.entity ?? entities.find((entity) => entity !== null) ?? null;
      return {
        index: image.index,
        filename: image.filename,
        standing: standingOf(entities, consensus),
        suggestion,
        source: suggestion === null ? null : consensus && consensus.models > 1 ? 'consensus' : 'model',
        answers,
        consensus,
        decision: decided.get(image.index) ?? null,
      };
    }),
  );
}

function consensusFor(field: ReviewedField, entities: ReadonlyArray<string | null>, agree: boolean | null, judge?: JudgeOptions) {
  // The comparison's own agreement is about its entity (or judged field), so a field's text is grouped afresh.
  if (field === null) return consensusOf(entities, agree, judge);
  return comparedByMeaning(field.type) ? consensusOf(entities, null, judge) : Promise.resolve(exactConsensus(entities));
}

function standingOf(entities: ReadonlyArray<string | null>, consensus: ReviewItem['consensus']): ReviewStanding {
  const answered = entities.filter((entity) => entity !== null).length;
  if (answered === 0) return 'no-answer';
  if (answered === 1) return 'single';
  return consensus?.agreed ? 'agreed' : 'disagreement';
}

const STANDING_ORDER: Record<ReviewStanding, number> = { disagreement: 0, single: 1, agreed: 2, 'no-answer': 3 };

/** The doubtful first: disagreements, then answers only one model gave, then agreed ones; by index within each. */
export function queueOrder(items: readonly ReviewItem[]): ReviewItem[] {
  return [...items].sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || a.index - b.index);
}

export function filterItems(items: readonly ReviewItem[], filter: ReviewFilter): ReviewItem[] {
  switch (filter) {
    case 'all':
      return [...items];
    case 'unreviewed':
      return items.filter((item) => item.decision === null);
    case 'disagreements':
      return items.filter((item) => item.standing === 'disagreement');
    case 'rejected':
      return items.filter((item) => item.decision?.action === 'reject');
  }
}

export function progressOf(items: readonly ReviewItem[]): ReviewProgress {
  const open = items.filter((item) => item.decision === null);
  return {
    total: items.length,
    reviewed: items.length - open.length,
    disagreementsLeft: open.filter((item) => item.standing === 'disagreement').length,
    agreedLeft: open.filter((item) => item.standing === 'agreed').length,
  };
}
