export interface BatchLimits {
  maxImagesPerBatch: number;
  maxUploadBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxImagesPerBatch: 35,
  maxUploadBytes: 100 * 1024 * 1024,
};

export type BatchRejection = { status: 400 | 413; error: string };

export const formatMegabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Whole-batch checks: what makes the request itself unacceptable, as opposed to one bad file in it. */
export function checkBatchShape(files: ReadonlyArray<{ size: number }>, limits: BatchLimits): BatchRejection | null {
  if (files.length === 0) return { status: 400, error: 'No images were uploaded: send them as multipart field "images[]".' };
  if (files.length > limits.maxImagesPerBatch) {
    return {
      status: 400,
      error: `Too many images: ${files.length} were sent, a batch takes at most ${limits.maxImagesPerBatch}.`,
    };
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > limits.maxUploadBytes) {
    return {
      status: 413,
      error: `The upload is too large: ${formatMegabytes(total)} in all, the limit is ${formatMegabytes(limits.maxUploadBytes)}.`,
    };
  }
  return null;
}
