import type { Refusal } from '../errors';
import { DEFAULT_MAX_IMAGES_PER_BATCH, DEFAULT_MAX_UPLOAD_BYTES } from '../schemas/limits';

export interface BatchLimits {
  maxImagesPerBatch: number;
  maxUploadBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxImagesPerBatch: DEFAULT_MAX_IMAGES_PER_BATCH,
  maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
};

/** Why a whole batch was refused: a code and a message; the host decides what status that is. */
export type BatchRejection = Refusal;

export const formatMegabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Whole-batch checks: what makes the request itself unacceptable, as opposed to one bad file in it. */
export function checkBatchShape(files: ReadonlyArray<{ size: number }>, limits: BatchLimits): BatchRejection | null {
  if (files.length === 0) return { code: 'no-images', error: 'No images were uploaded: send them as multipart field "images[]".' };
  if (files.length > limits.maxImagesPerBatch) {
    return {
      code: 'too-many-images',
      error: `Too many images: ${files.length} were sent, a batch takes at most ${limits.maxImagesPerBatch}.`,
    };
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > limits.maxUploadBytes) {
    return {
      code: 'upload-too-large',
      error: `The upload is too large: ${formatMegabytes(total)} in all, the limit is ${formatMegabytes(limits.maxUploadBytes)}.`,
    };
  }
  return null;
}
