import { z } from 'zod';
import { ZBatchStats, ZItemResult } from './batch';
import { ZLabelCsvProblem } from './comparison';

export { DEFAULT_MAX_IMAGES_PER_BATCH, DEFAULT_MAX_UPLOAD_BYTES, MAX_CONCURRENCY, MAX_PROMPT_BYTES } from './limits';

/**
 * The text fields of a multipart upload (`POST /api/analyze-batch`, `/api/batches`, `/api/comparisons`), as
 * sent: every value is text. `concurrency` is a whole number from 1 to MAX_CONCURRENCY or empty.
 */
export const ZUploadFields = z.object({
  model: z.string().trim().default(''),
  prompt: z
    .string()
    .trim()
    .optional()
    .transform((prompt) => prompt || undefined),
  /** Checked by the host, which names the value in its refusal; empty means "the server's default". */
  concurrency: z.string().trim().default(''),
  /** For a comparison: every model id (the field repeated, or one comma-separated). */
  models: z
    .array(z.string())
    .default([])
    .transform((values) =>
      values
        .flatMap((value) => value.split(','))
        .map((model) => model.trim())
        .filter(Boolean),
    ),
  /** The questions asked of every image, as a JSON array (`readFieldList`); empty: today's entity question. */
  fields: z
    .string()
    .trim()
    .optional()
    .transform((fields) => fields || undefined),
  /** For a comparison with fields: the field the ground truth is for (`judgedField` picks when empty). */
  truthField: z
    .string()
    .trim()
    .optional()
    .transform((name) => name || undefined),
  /** Ground truth as CSV text (`filename,label`). */
  labels: z
    .string()
    .trim()
    .optional()
    .transform((labels) => labels || undefined),
});
export type TUploadFields = z.infer<typeof ZUploadFields>;

/** `POST /api/batches` answers 202 with the new batch's id. */
export const ZSubmitBatchAnswer = z.object({ batchId: z.string() });
export type TSubmitBatchAnswer = z.infer<typeof ZSubmitBatchAnswer>;

/** The seed's `POST /api/analyze-batch` answer; its items carry no `errorCode` (the seed's shape, kept exactly). */
export const ZAnalyzeBatchAnswer = z.object({
  success: z.literal(true),
  batch_id: z.string(),
  results: z.array(ZItemResult.omit({ errorCode: true })),
  stats: ZBatchStats,
});
export type TAnalyzeBatchAnswer = z.infer<typeof ZAnalyzeBatchAnswer>;

/** `POST /api/comparisons` answers 202 with the comparison, one batch per model, and what was wrong in the labels. */
export const ZSubmitComparisonAnswer = z.object({
  comparisonId: z.string(),
  batchIds: z.array(z.string()),
  /** Problems found in the labels CSV, one sentence each ("line 3: no label for x.jpg"). */
  labelProblems: z.array(z.string()).default([]),
  /** The same problems by kind, for a client that says them in its user's language. */
  labelIssues: z.array(ZLabelCsvProblem).default([]),
});
export type TSubmitComparisonAnswer = z.infer<typeof ZSubmitComparisonAnswer>;
