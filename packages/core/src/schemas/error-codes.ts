import { z } from 'zod';

/**
 * Why a request was refused, as a stable machine code next to its English message: clients decide on the
 * code (and translate it), never on the text. Each code has one kind, which the hosts map to HTTP and tRPC.
 */
export const ZErrorCode = z.enum([
  // The upload itself
  'no-images',
  'too-many-images',
  'upload-too-large',
  'unexpected-file-field',
  'invalid-file-name',
  'prompt-too-long',
  'field-too-long',
  'too-many-parts',
  'malformed-upload',
  'upload-interrupted',
  'invalid-concurrency',
  /** The `fields` list is not valid (its message names the field). */
  'invalid-fields',
  /** DATA_DIR's disk has too little space for the upload (or ran out while writing it). */
  'storage-full',
  // The model chosen
  'no-model',
  'model-not-available',
  'model-cannot-see-images',
  // Things asked for by id
  'batch-not-found',
  'comparison-not-found',
  'thumbnail-not-found',
  'endpoint-not-found',
  'unknown-export-format',
  // Retries
  'batch-still-running',
  /** One model's batch of a comparison, deleted alone: the comparison is what is deleted, with every model's batch. */
  'batch-in-comparison',
  'retry-unknown-index',
  'nothing-to-retry',
  // Reviews
  /** A decision about an image the batch or comparison does not have. */
  'review-unknown-index',
  /** A fix without a label, or an accept where no model answered. */
  'review-label-missing',
  /** A decision or queue for a field the batch or comparison does not ask. */
  'review-unknown-field',
  // The inference server
  'inference-unreachable',
  'inference-auth-refused',
  /** It answered, but not with a model list: "Loading model", a full queue, something else's answer. */
  'inference-unavailable',
  // The server itself
  /** The server is stopping gracefully: nothing new starts; send it again once it has restarted. */
  'server-stopping',
  // Access
  'access-token-required',
  'access-token-wrong',
  /** A request the server could not read at all (not one of the reasons above). */
  'invalid-request',
  'internal-error',
]);
export type ErrorCode = z.infer<typeof ZErrorCode>;

/** What kind of failure a code is; each host maps a kind to its own status in one place. */
export const ZErrorKind = z.enum([
  'invalid-input',
  'not-found',
  'too-large',
  /** The server's own storage cannot hold what was sent (not the request's fault, not a bug). */
  'storage-full',
  'conflict',
  'inference-unavailable',
  /** The server cannot take the request now (it is stopping); the same request works later. */
  'unavailable',
  'unauthorized',
  'internal',
]);
export type ErrorKind = z.infer<typeof ZErrorKind>;

export const ERROR_KINDS: Readonly<Record<ErrorCode, ErrorKind>> = {
  'no-images': 'invalid-input',
  'too-many-images': 'invalid-input',
  'upload-too-large': 'too-large',
  'unexpected-file-field': 'invalid-input',
  'invalid-file-name': 'invalid-input',
  'prompt-too-long': 'invalid-input',
  'field-too-long': 'invalid-input',
  'too-many-parts': 'invalid-input',
  'malformed-upload': 'invalid-input',
  'upload-interrupted': 'invalid-input',
  'invalid-concurrency': 'invalid-input',
  'invalid-fields': 'invalid-input',
  'storage-full': 'storage-full',
  'no-model': 'invalid-input',
  'model-not-available': 'invalid-input',
  'model-cannot-see-images': 'invalid-input',
  'batch-not-found': 'not-found',
  'comparison-not-found': 'not-found',
  'thumbnail-not-found': 'not-found',
  'endpoint-not-found': 'not-found',
  'unknown-export-format': 'invalid-input',
  'batch-still-running': 'conflict',
  'batch-in-comparison': 'conflict',
  'retry-unknown-index': 'invalid-input',
  'nothing-to-retry': 'invalid-input',
  'review-unknown-index': 'invalid-input',
  'review-label-missing': 'invalid-input',
  'review-unknown-field': 'invalid-input',
  'inference-unreachable': 'inference-unavailable',
  'inference-auth-refused': 'inference-unavailable',
  'inference-unavailable': 'inference-unavailable',
  'server-stopping': 'unavailable',
  'access-token-required': 'unauthorized',
  'access-token-wrong': 'unauthorized',
  'invalid-request': 'invalid-input',
  'internal-error': 'internal',
};

/** Why one image failed, next to the result's English `error`; the rest of its batch is unaffected. */
export const ZItemErrorCode = z.enum([
  'cancelled',
  'empty-file',
  'not-an-image',
  'unsupported-format',
  'corrupt-image',
  'image-too-large',
  /** Refused in an earlier run and not kept, so a retry has nothing to send. */
  'file-not-kept',
  'preparation-failed',
  'inference-timeout',
  'inference-unreachable',
  'inference-error',
  'inference-bad-response',
  /** The server kept answering "not now" (llama.cpp loading its model, Ollama busy) past the wait. */
  'inference-unavailable',
  /** The server itself failed (HTTP 5xx). */
  'inference-server-error',
  /** The server lists the model as text-only: refused before anything was sent. */
  'model-cannot-see-images',
  /** A pool: no inference host lists the batch's model. */
  'model-not-on-any-host',
  /** A pool: every host that serves the model is out of the rotation (failed, being re-checked). */
  'no-host-available',
  /** A pool: the image was sent again after each host failure until the tries ran out. */
  'failover-exhausted',
  /** The model answered, but no entity could be read from the answer. */
  'no-entity',
  /** A batch with fields: the model answered, but not one of the fields could be read. */
  'no-fields',
  /** A cluster: the worker's runs could not see the batch's folder (DATA_DIR is not one shared volume). */
  'data-dir-not-shared',
  /** The client never sent the image (too large for any upload). */
  'not-sent',
  /** Exported before the image's turn came. */
  'not-finished',
]);
export type ItemErrorCode = z.infer<typeof ZItemErrorCode>;

/** Why an item failed: a stable code and the English message shown next to it. */
export interface ItemFailure {
  code: ItemErrorCode;
  message: string;
}

export const CANCELLED: ItemFailure = { code: 'cancelled', message: 'cancelled' };

/** A refused request's JSON body (the seed's shape, plus the code). */
export const ZErrorAnswer = z.object({ success: z.literal(false), error: z.string(), code: ZErrorCode });
export type TErrorAnswer = z.infer<typeof ZErrorAnswer>;
