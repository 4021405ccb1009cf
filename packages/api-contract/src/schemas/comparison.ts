import { z } from 'zod';
import { ZBatchStats, ZBatchStatus } from './batch';

export const ZJudgement = z.object({
  correct: z.boolean(),
  kind: z.enum(['exact', 'normalised', 'synonym', 'hyponym', 'gloss', 'holonym', 'wrong']),
  /** Why, in words a person accepts: "kitten is a kind of cat (WordNet: kitten — young domestic cat)". */
  explanation: z.string(),
});
export type TJudgement = z.infer<typeof ZJudgement>;

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
  error: z.string().nullable(),
  processing_time: z.number().nullable(),
  tokens_per_second: z.number().nullable(),
  time_to_first_token: z.number().nullable(),
  judgement: ZJudgement.nullable(),
});
export type TComparisonAnswer = z.infer<typeof ZComparisonAnswer>;

export const ZComparisonImage = z.object({
  index: z.number().int(),
  filename: z.string(),
  /** Ground truth; alternatives joined with `|`. */
  label: z.string().nullable(),
  /** Whether every model named the same entity; `null` with fewer than two answers. */
  agree: z.boolean().nullable(),
  answers: z.array(ZComparisonAnswer),
});
export type TComparisonImage = z.infer<typeof ZComparisonImage>;

export const ZModelSummary = z.object({
  batchId: z.string(),
  model: z.string(),
  status: ZBatchStatus,
  images: z.number().int(),
  answered: z.number().int(),
  failures: z.number().int(),
  labelled: z.number().int(),
  correct: z.number().int(),
  accuracy: z.number().nullable(),
  meanProcessingTime: z.number().nullable(),
  meanTokensPerSecond: z.number().nullable(),
  meanTimeToFirstToken: z.number().nullable(),
  confusions: z.array(z.object({ label: z.string(), answer: z.string(), count: z.number().int() })),
  stats: ZBatchStats.nullable(),
  runRecord: ZRunRecord.nullable(),
});
export type TModelSummary = z.infer<typeof ZModelSummary>;

export const ZComparisonView = z.object({
  comparisonId: z.string(),
  createdAt: z.string(),
  prompt: z.string().nullable(),
  /** `running` until every model's batch has ended. */
  status: z.enum(['queued', 'running', 'completed', 'cancelled']),
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

export const ZListComparisonsInput = z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: z.string().nullish() });

export const ZComparisonPage = z.object({ comparisons: z.array(ZComparisonSummary), nextCursor: z.string().nullable() });

export const ZSetLabelsInput = z.object({
  comparisonId: z.string().min(1),
  /** `label: null` removes the image's label. */
  labels: z.array(z.object({ index: z.number().int().nonnegative(), label: z.string().max(200).nullable() })).max(1000),
});
export type TSetLabelsInput = z.infer<typeof ZSetLabelsInput>;
