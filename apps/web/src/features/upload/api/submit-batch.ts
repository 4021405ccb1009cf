import { SUBMIT_BATCH_URL } from '../../../lib/api-urls';

export interface SubmitBatchInput {
  files: readonly File[];
  model: string;
  prompt?: string | undefined;
  concurrency?: number | undefined;
}

/** The server refused the batch as a whole (no images, too many, too large, unknown model) or could not be reached. */
export class SubmitBatchError extends Error {
  override readonly name = 'SubmitBatchError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * POST /api/batches as multipart. XMLHttpRequest rather than fetch, because only it reports upload progress,
 * and 100 MB of photos take a moment even to localhost.
 */
export function submitBatch(input: SubmitBatchInput, onProgress: (ratio: number) => void): Promise<{ batchId: string }> {
  const form = new FormData();
  for (const file of input.files) form.append('images[]', file, file.name);
  form.append('model', input.model);
  if (input.prompt?.trim()) form.append('prompt', input.prompt.trim());
  if (input.concurrency) form.append('concurrency', String(input.concurrency));

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', SUBMIT_BATCH_URL);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = (request.response ?? {}) as { batchId?: unknown; error?: unknown };
      if (request.status >= 200 && request.status < 300 && typeof body.batchId === 'string') {
        resolve({ batchId: body.batchId });
        return;
      }
      const message = typeof body.error === 'string' ? body.error : `HTTP ${request.status} ${request.statusText}`.trim();
      reject(new SubmitBatchError(message, request.status));
    };
    request.onerror = () => reject(new SubmitBatchError('The server could not be reached. Is it still running?', 0));
    request.send(form);
  });
}
