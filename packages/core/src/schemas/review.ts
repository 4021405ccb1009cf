import { z } from 'zod';

/** What a person reviews: one batch's answers, or one comparison's images (every model's answer to each). */
export const ZReviewSubject = z.object({ kind: z.enum(['batch', 'comparison']), id: z.string().min(1) });
export type ReviewSubject = z.infer<typeof ZReviewSubject>;

/** accept the suggestion, fix it (a typed label or another model's answer), or reject it ("no label fits"). */
export const ZReviewAction = z.enum(['accept', 'fix', 'reject']);
export type ReviewAction = z.infer<typeof ZReviewAction>;

/** Where a suggestion came from: one model's answer, or what most models of a comparison said. */
export const ZSuggestionSource = z.enum(['model', 'consensus']);
export type SuggestionSource = z.infer<typeof ZSuggestionSource>;

/**
 * A person's decision on one answer: the image's entity (`field: null`), or one field of it when the batch asks
 * for fields. `label` is what they confirmed (null when rejected); the suggestion is kept beside it.
 */
export const ZReviewDecision = z.object({
  index: z.number().int().nonnegative(),
  field: z.string().nullable(),
  action: ZReviewAction,
  label: z.string().nullable(),
  suggestion: z.string().nullable(),
  source: ZSuggestionSource.nullable(),
  decidedAt: z.string(),
});
export type ReviewDecision = z.infer<typeof ZReviewDecision>;

/** What most models answered by meaning, and how many of them: "2 of 3 models"; `agreed` when all did. */
export const ZConsensus = z.object({
  entity: z.string(),
  models: z.number().int(),
  of: z.number().int(),
  agreed: z.boolean(),
});
export type Consensus = z.infer<typeof ZConsensus>;

/** Why an image is where it is in the queue: the doubtful first. */
export const ZReviewStanding = z.enum(['disagreement', 'single', 'agreed', 'no-answer']);
export type ReviewStanding = z.infer<typeof ZReviewStanding>;

export const ZReviewFilter = z.enum(['all', 'unreviewed', 'disagreements', 'rejected']);
export type ReviewFilter = z.infer<typeof ZReviewFilter>;

export const ZReviewItem = z.object({
  index: z.number().int(),
  filename: z.string(),
  standing: ZReviewStanding,
  suggestion: z.string().nullable(),
  source: ZSuggestionSource.nullable(),
  /**
   * Every model's answer, in the models' order (one for a batch): the entity, or the reviewed field's value as
   * text (lists joined by "; ", yes/no as yes or no); null when it has none.
   */
  answers: z.array(z.object({ model: z.string(), batchId: z.string(), entity: z.string().nullable() })),
  consensus: ZConsensus.nullable(),
  decision: ZReviewDecision.nullable(),
});
export type ReviewItem = z.infer<typeof ZReviewItem>;

export const ZReviewProgress = z.object({
  total: z.number().int(),
  reviewed: z.number().int(),
  disagreementsLeft: z.number().int(),
  agreedLeft: z.number().int(),
});
export type ReviewProgress = z.infer<typeof ZReviewProgress>;

export const ZReviewQueue = z.object({
  subject: ZReviewSubject,
  /** A batch's model, or a comparison's models in order. */
  models: z.array(z.string()),
  /** The batch whose thumbnails show the images (a comparison's first). */
  thumbnailBatchId: z.string(),
  /** The field under review (its suggestions, answers and decisions); null for the entity of a batch without fields. */
  field: z.string().nullable().default(null),
  /** The fields a person can choose between, in the batch's order; empty without fields. */
  fields: z.array(z.object({ name: z.string(), type: z.string() })).default([]),
  items: z.array(ZReviewItem),
  progress: ZReviewProgress,
});
export type ReviewQueue = z.infer<typeof ZReviewQueue>;

/** A field's name, or null (or left out) for the subject's default: the entity, or its first label field. */
const ZReviewFieldChoice = z.string().min(1).max(100).nullable().optional();

export const ZReviewQueueInput = z.object({ subject: ZReviewSubject, filter: ZReviewFilter.default('all'), field: ZReviewFieldChoice });

export const ZDecideInput = z.object({
  subject: ZReviewSubject,
  index: z.number().int().nonnegative(),
  /** The field decided on; null for the subject's default (the entity, or the batch's first label field). */
  field: z.string().min(1).max(100).nullable().default(null),
  action: ZReviewAction,
  /** The typed or picked label of a `fix`; ignored otherwise. */
  label: z.string().max(200).nullable().default(null),
});
export type TDecideInput = z.infer<typeof ZDecideInput>;

/** A subject, and the field whose queue the answer shows (and, for a bulk accept, the field accepted). */
export const ZReviewSubjectInput = z.object({ subject: ZReviewSubject, field: ZReviewFieldChoice });

/** The label an export carries, and where it came from; `labels` is a comparison's labels CSV (or typed labels). */
export const ZLabelSource = z.enum(['person', 'consensus', 'model', 'labels']);
export type LabelSource = z.infer<typeof ZLabelSource>;
