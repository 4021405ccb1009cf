import { DomainError } from '../errors';
import { DEFAULT_MAX_IMAGES_PER_BATCH, DEFAULT_MAX_UPLOAD_BYTES } from '../schemas/limits';

export interface BatchLimits {
  maxImagesPerBatch: number;
  maxUploadBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxImagesPerBatch: DEFAULT_MAX_IMAGES_PER_BATCH,
  maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
};

export const formatMegabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Whole-batch checks: what makes the request itself unacceptable (thrown as a `DomainError`), as opposed to one bad file in it. */
export function assertBatchShape(files: ReadonlyArray<{ size: number }>, limits: BatchLimits): void {
  if (files.length === 0) throw new DomainError('no-images', 'No images were uploaded: send them as multipart field "images[]".');
  if (files.length > limits.maxImagesPerBatch) {
    const error = `Too many images: ${files.length} were sent, a batch takes at most ${limits.maxImagesPerBatch}.`;
    throw new DomainError('too-many-images', error);
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > limits.maxUploadBytes) {
    const error = `The upload is too large: ${formatMegabytes(total)} in all, the limit is ${formatMegabytes(limits.maxUploadBytes)}.`;
    throw new DomainError('upload-too-large', error);
  }
}
