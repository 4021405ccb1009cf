import { z } from 'zod';
import { ZFieldAccuracy, ZFieldValues } from '../fields/field-list';
import { ZBatchStats, ZBatchStatus } from './batch';
import { ZItemErrorCode } from './error-codes';

export const ZJudgementKind = z.enum(['exact', 'normalised', 'synonym', 'hyponym', 'compound', 'gloss', 'holonym', 'everyday', 'wrong']);
export type JudgementKind = z.infer<typeof ZJudgementKind>;

/** A WordNet synset as a judgement cites it: its id, words (usual name first) and definition. */
export const ZSenseRef = z.object({ offset: z.number().int(), words: z.array(z.string()), gloss: z.string() });

/** Why, as data (core's `JudgementReason`), so that a client can say it in its own language. */
export const ZJudgementReason = z.object({
  relation: z.enum([
    'no-label',
    'no-answer',
    'same-text',
    'same-name',
    'synonym',
    'hyponym',
    'compound',
    'gloss',
    'bloom',
    'part-of',
    'includes',
    'everyday',
    'broader',
    'unrelated',
    'unknown-answer',
  ]),
  answer: z.string(),
  answerName: z.string(),
  answerRead: z.enum(['written', 'singular', 'head', 'normalised']).nullable(),
  labels: z.array(z.string()),
  answerSense: ZSenseRef.nullable(),
  answerSenseRare: z.boolean(),
  labelSense: ZSenseRef.nullable(),
  labelSenseRare: z.boolean(),
  /** WordNet's path of synsets, the answer's end first. */
  path: z.array(ZSenseRef),
  compound: z.string().nullable(),
  everyday: z.object({ word: z.string(), hypernym: z.string() }).nullable(),
});

export const ZJudgement = z.object({
  correct: z.boolean(),
  kind: ZJudgementKind,
  /** Why, in words a person accepts: "boxer (a breed of ... dog) is a kind of dog (WordNet: boxer → working dog → dog)". */
  explanation: z.string(),
  reason: ZJudgementReason,
});
export type Judgement = z.infer<typeof ZJudgement>;
export type TJudgement = Judgement;

export const ZRunRecord = z.object({
  model: z.string(),
  modelInfo: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.undefined()])).nullable(),
  prompt: z.string(),
  responseFormat: z.unknown(),
  promptHash: z.string(),
  serverVersion: z.string().nullable(),
  timings: z.object({ startedAt: z.string(), finishedAt: z.string().nullable(), wallTimeSeconds: z.number().nullable() }),
  /** The servers that answered this run's images: each image's own is in its result (`host`, `host_kind`). */
  hosts: z.array(z.object({ baseUrl: z.string(), kind: z.string().nullable(), images: z.array(z.number()) })).optional(),
});
export type TRunRecord = z.infer<typeof ZRunRecord>;

export const ZComparisonAnswer = z.object({
  batchId: z.string(),
  model: z.string(),
  /** `pending` while the model has not reached the image yet. */
  status: z.enum(['answered', 'failed', 'missing', 'pending']),
  entity: z.string().nullable(),
  /** What the model named before normalising: what `judgement` judged (absent from views made before it was kept). */
  model_answer: z.string().nullable().optional(),
  error: z.string().nullable(),
  /** Why the model's run of this image failed, as a stable code; null when it did not. */
  errorCode: ZItemErrorCode.nullable().default(null),
  processing_time: z.number().nullable(),
  tokens_per_second: z.number().nullable(),
  time_to_first_token: z.number().nullable(),
  judgement: ZJudgement.nullable(),
  /** A comparison with fields: this model's answer to each. */
  fields: ZFieldValues.optional(),
});
export type TComparisonAnswer = z.infer<typeof ZComparisonAnswer>;

/** How two answers to one image name the same thing; a client says it in its own language from these parts. */
export const ZAgreementBasis = z.enum([
  /** The same once read ("Cats." and "cat"). */
  'same',
  /** Words of one WordNet synset, in a sense both often mean ("aeroplane" and "airplane"). */
  'synonym',
  /** One is a kind of the other, as the judge accepts it ("tabby" is a kind of "cat"). */
  'kind-of',
  /** Both were judged right against the same label. */
  'same-label',
]);
export type AgreementBasis = z.infer<typeof ZAgreementBasis>;

export const ZAgreementLink = z.object({
  basis: ZAgreementBasis,
  /** One answer (for `kind-of`, the narrower one). */
  answer: z.string(),
  /** The answer it agrees with (for `kind-of`, the broader one). */
  other: z.string(),
  /** For `same-label`: the label both were judged right against. */
  label: z.string().nullable(),
  /** The judge's reason for `kind-of` (`answer` judged against `other`); null otherwise. */
  reason: ZJudgementReason.nullable(),
});
export type TAgreementLink = z.infer<typeof ZAgreementLink>;

export const ZComparisonImage = z.object({
  index: z.number().int(),
  filename: z.string(),
  /** Ground truth; alternatives joined with `|`. */
  label: z.string().nullable(),
  /** Whether the models' answers name the same thing (see `agreedBy`); `null` with fewer than two answers. */
  agree: z.boolean().nullable(),
  /** When they agree, how: one link per answer after the first, each to an answer already linked. */
  agreedBy: z.array(ZAgreementLink).default([]),
  answers: z.array(ZComparisonAnswer),
});
export type TComparisonImage = z.infer<typeof ZComparisonImage>;

export const ZConfusion = z.object({ label: z.string(), answer: z.string(), count: z.number().int() });
/** A frequent mistake: the label (its first alternative), what the model said instead, how often. */
export type Confusion = z.infer<typeof ZConfusion>;

/** One model's figures over a run (or, in the CLI, over several comparisons read as one). */
export const ZModelFigures = z.object({
  /** Items in the run. */
  images: z.number().int(),
  answered: z.number().int(),
  failures: z.number().int(),
  /** The run's items that have a label; a failed item counts here, and not as correct. */
  labelled: z.number().int(),
  correct: z.number().int(),
  /** `correct / labelled`, `null` when nothing is labelled. */
  accuracy: z.number().nullable(),
  /** Means over answered items, in seconds and tokens per second; `null` when none has the figure. */
  meanProcessingTime: z.number().nullable(),
  meanTokensPerSecond: z.number().nullable(),
  meanTimeToFirstToken: z.number().nullable(),
  /** The most frequent wrong answers by label (first alternative), most frequent first. */
  confusions: z.array(ZConfusion),
});
export type ModelFigures = z.infer<typeof ZModelFigures>;

export const ZModelSummary = z.object({
  batchId: z.string(),
  model: z.string(),
  status: ZBatchStatus,
  ...ZModelFigures.shape,
  stats: ZBatchStats.nullable(),
  runRecord: ZRunRecord.nullable(),
  /** A comparison with a label (or yes/no) field and ground truth: that field judged, class by class. */
  fieldAccuracy: ZFieldAccuracy.optional(),
});
export type TModelSummary = z.infer<typeof ZModelSummary>;

/** What a comparison's answers are judged against: the labels given (a CSV or typed), or what a person confirmed. */
export const ZGroundTruth = z.enum(['labels', 'confirmed']);
export type GroundTruthChoice = z.infer<typeof ZGroundTruth>;

export const ZComparisonView = z.object({
  comparisonId: z.string(),
  /** What the answers were judged against; absent in views made before reviews, meaning `labels`. */
  groundTruth: ZGroundTruth.optional(),
  /** A comparison with fields: the field the ground truth judges (null when none can be); absent without fields. */
  truthField: z.string().nullable().optional(),
  /** A comparison with fields: their names, as asked (for choices per field: review, exports); absent without. */
  fieldNames: z.array(z.string()).optional(),
  createdAt: z.string(),
  prompt: z.string().nullable(),
  /** `running` until every model's batch has ended. */
  status: ZBatchStatus,
  models: z.array(ZModelSummary),
  images: z.array(ZComparisonImage),
  agreement: z.object({ compared: z.number().int(), agreed: z.number().int() }),
});
export type TComparisonView = z.infer<typeof ZComparisonView>;

export const ZComparisonSummary = z.object({
  comparisonId: z.string(),
  createdAt: z.string(),
  models: z.array(z.string()),
  batchIds: z.array(z.string()),
  images: z.number().int(),
  labelled: z.number().int(),
});
export type TComparisonSummary = z.infer<typeof ZComparisonSummary>;

export const ZGetComparisonInput = z.object({ comparisonId: z.string().min(1) });

export const ZComparisonViewInput = ZGetComparisonInput.extend({ groundTruth: ZGroundTruth.default('labels') });

export const ZListComparisonsInput = z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: z.string().nullish() });

export const ZComparisonPage = z.object({ comparisons: z.array(ZComparisonSummary), nextCursor: z.string().nullable() });
export type TComparisonPage = z.infer<typeof ZComparisonPage>;

export const ZSetLabelsInput = z.object({
  comparisonId: z.string().min(1),
  /** `label: null` removes the image's label. */
  labels: z.array(z.object({ index: z.number().int().nonnegative(), label: z.string().max(200).nullable() })).max(1000),
});
export type TSetLabelsInput = z.infer<typeof ZSetLabelsInput>;

/**
 * A row of a labels CSV (`POST /api/comparisons`' `labels`) that was skipped or partly read, by kind, so that a
 * client can say it in its user's language; `labelProblems` carries the same in English.
 */
export const ZLabelCsvProblem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-file'), line: z.number().int() }),
  z.object({ kind: z.literal('no-label'), line: z.number().int(), file: z.string() }),
  z.object({ kind: z.literal('extra-columns'), line: z.number().int(), columns: z.number().int() }),
  z.object({ kind: z.literal('repeated'), line: z.number().int(), file: z.string(), firstLine: z.number().int() }),
]);
export type LabelCsvProblem = z.infer<typeof ZLabelCsvProblem>;
