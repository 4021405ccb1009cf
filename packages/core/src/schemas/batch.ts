import { z } from 'zod';
import { ZFieldErrors, ZFieldFigures, ZFieldSpec, ZFieldValues } from '../fields/field-list';
import { ZItemErrorCode } from './error-codes';

/** One image's outcome, in the seed API's field names (snake_case is part of the public contract). */
export const ZItemResult = z.object({
  filename: z.string(),
  index: z.number().int().nonnegative(),
  /** The normalised label ("white shark", "dog"): what statistics and exports group by. */
  entity: z.string().nullable(),
  /**
   * What the model named, in its own words, before normalising ("two small brown dogs" -> "small brown dogs");
   * comparisons judge this. Absent on failures and in results recorded before it was kept.
   */
  model_answer: z.string().nullable().optional(),
  raw_answer: z.string().nullable(),
  /** Seconds this image took: its preparation plus its request to LM Studio (queue wait excluded). */
  processing_time: z.number(),
  success: z.boolean(),
  error: z.string().nullable(),
  /** Why it failed, as a stable code next to the English `error`; null on success (and in results stored before codes). */
  errorCode: ZItemErrorCode.nullable().default(null),
  tokens_per_second: z.number().nullable(),
  /** Seconds from the request leaving to the first streamed token. */
  time_to_first_token: z.number().nullable(),
  prompt_tokens: z.number().nullable(),
  completion_tokens: z.number().nullable(),
  /**
   * Seconds the image waited for a free request slot (its batch's own, then the one shared by all batches),
   * counted from the start of the run that sent it, less the time spent waiting for its own preparation.
   */
  queue_time: z.number().nullable(),
  /** Seconds spent decoding, rotating, resizing and encoding the image. */
  preparation_time: z.number().nullable(),
  /** Seconds from the first token to the last. */
  generation_time: z.number().nullable(),
  /** The server that answered and its kind (absent in results recorded before pools). */
  host: z.string().nullable().optional(),
  host_kind: z.string().nullable().optional(),
  /** A batch with fields: name → value (null when unread), and name → why for each field that could not be read. */
  fields: ZFieldValues.optional(),
  field_errors: ZFieldErrors.optional(),
});
export type ItemResult = z.infer<typeof ZItemResult>;

export const ZBatchStats = z.object({
  total_images: z.number().int(),
  successful: z.number().int(),
  /** Images that were tried and failed (a cancelled image is counted under `cancelled`, not here). */
  failed: z.number().int(),
  cancelled: z.number().int(),
  /** Sum of the items' processing times, in seconds. */
  total_processing_time: z.number(),
  average_processing_time: z.number(),
  /** Seconds the batch ran, from its start to its last item finishing (summed over resumed runs). */
  wall_time: z.number(),
  /** Images finished per minute of wall time. */
  images_per_minute: z.number(),
  /** A batch with fields: per label/labels/yesno field how many images got each value, per number field sum and mean. */
  fields: ZFieldFigures.optional(),
});
export type BatchStats = z.infer<typeof ZBatchStats>;

export const ZItemStatus = z.enum(['queued', 'running', 'success', 'error', 'cancelled']);
export type ItemStatus = z.infer<typeof ZItemStatus>;
export const ZBatchStatus = z.enum(['queued', 'running', 'completed', 'cancelled']);
export type BatchStatus = z.infer<typeof ZBatchStatus>;

export const ZBatchItemView = z.object({
  index: z.number().int(),
  filename: z.string(),
  size: z.number().int(),
  status: ZItemStatus,
  result: ZItemResult.nullable(),
  /** Ground truth, when the user gave one. */
  label: z.string().nullable(),
  /**
   * Whether a retry can run this item again: it failed or was cancelled and the server still has its image (a
   * file refused for what it is was not kept). `@vision/core/can-run-again` says the same from a result alone.
   */
  retryable: z.boolean().default(false),
});
export type BatchItemView = z.infer<typeof ZBatchItemView>;

/** What a batch's view and its line in the history both say of it. */
const batchHeader = {
  batchId: z.string(),
  model: z.string(),
  prompt: z.string().nullable(),
  status: ZBatchStatus,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The questions the batch asks (absent: today's main entity question). */
  fields: z.array(ZFieldSpec).optional(),
};

export const ZBatchView = z.object({
  ...batchHeader,
  items: z.array(ZBatchItemView),
  stats: ZBatchStats.nullable(),
  /** The comparison this batch is one model's run of. */
  comparisonId: z.string().nullable(),
});
export type BatchView = z.infer<typeof ZBatchView>;

export const ZBatchProgressEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('batch-started'),
    batchId: z.string(),
    total: z.number().int(),
    model: z.string(),
    concurrency: z.number().int(),
    resumed: z.boolean(),
    retry: z.boolean(),
    /** When this run started (ISO), in a cluster: the worker that finishes the batch counts its wall time from it. */
    startedAt: z.string().optional(),
  }),
  /** The image's request is leaving for LM Studio (or its preparation failed and it is about to finish). */
  z.object({ type: z.literal('item-started'), batchId: z.string(), index: z.number().int(), filename: z.string() }),
  z.object({ type: z.literal('item-finished'), batchId: z.string(), result: ZItemResult }),
  z.object({ type: z.literal('batch-finished'), batchId: z.string(), status: ZBatchStatus, stats: ZBatchStats }),
]);
export type BatchProgressEvent = z.infer<typeof ZBatchProgressEvent>;

export const ZGetBatchInput = z.object({ batchId: z.string().min(1) });
export type TGetBatchInput = z.infer<typeof ZGetBatchInput>;

export const ZBatchProgressInput = z.object({
  batchId: z.string().min(1),
  /** Sent back by a reconnecting EventSource as `Last-Event-ID`; tRPC hands it over here. */
  lastEventId: z.string().nullish(),
});
export type TBatchProgressInput = z.infer<typeof ZBatchProgressInput>;

export const ZBatchSummary = z.object({
  ...batchHeader,
  total: z.number().int(),
  stats: ZBatchStats.nullable(),
  /** The comparison this batch is one model's run of: it is deleted with the comparison, not alone. */
  comparisonId: z.string().nullable(),
});
export type TBatchSummary = z.infer<typeof ZBatchSummary>;

export const ZListBatchesInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** `nextCursor` of the previous page. */
  cursor: z.string().nullish(),
});
export type TListBatchesInput = z.infer<typeof ZListBatchesInput>;

export const ZBatchPage = z.object({ batches: z.array(ZBatchSummary), nextCursor: z.string().nullable() });
export type TBatchPage = z.infer<typeof ZBatchPage>;

export const ZRetryBatchInput = z.object({
  batchId: z.string().min(1),
  /** Items to run again; by default every failed or cancelled one. */
  indexes: z.array(z.number().int().nonnegative()).max(1000).optional(),
});
export type TRetryBatchInput = z.infer<typeof ZRetryBatchInput>;

export const ZRetryBatchOutput = z.object({ batchId: z.string(), indexes: z.array(z.number().int()) });

// The api-contract's historical names for the same types.
export type TItemResult = ItemResult;
export type TBatchStats = BatchStats;
export type TBatchView = BatchView;
export type TBatchProgressEvent = BatchProgressEvent;
