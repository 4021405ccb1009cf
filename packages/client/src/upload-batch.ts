import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { ZSubmitBatchAnswer } from '@vision/core/schemas';
import { errorFromResponse, type ServerFetch } from './server-fetch';

/** A file to upload: a path on disk (streamed, never read whole), a path with another name, or bytes. */
export type UploadFile = string | { name: string; path: string } | { name: string; data: Buffer | Uint8Array };

export interface UploadBatchInput {
  files: UploadFile[];
  model: string;
  prompt?: string | undefined;
  /** Requests in flight for this batch; the server's default when omitted. */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * `POST /api/batches`: starts a batch in the background and answers its id. A refusal of the whole request
 * (no images, too many, too large, unknown model) rejects with a VisionApiError carrying the server's message;
 * a bad file is not a refusal, it becomes a failed item of the batch.
 */
export async function uploadBatch(fetchServer: ServerFetch, serverUrl: string, input: UploadBatchInput): Promise<{ batchId: string }> {
  const form = new FormData();
  // Text fields first, so the server knows the model before the images stream in.
  form.append('model', input.model);
  if (input.prompt) form.append('prompt', input.prompt);
  if (input.concurrency !== undefined) form.append('concurrency', String(input.concurrency));
  for (const file of input.files) {
    const { name, blob } = await toBlob(file);
    form.append('images[]', blob, name);
  }
  const response = await fetchServer(`${serverUrl}/api/batches`, { method: 'POST', body: form, signal: input.signal });
  if (response.status !== 202 && !response.ok) throw await errorFromResponse(response, 'Upload');
  const answer = ZSubmitBatchAnswer.safeParse(await response.json());
  if (!answer.success) throw new Error(`The server at ${serverUrl} accepted the upload but sent no batch id.`);
  return { batchId: answer.data.batchId };
}

/** A form part for one file: a path is streamed from disk (`fs.openAsBlob`), never read whole. */
export async function toBlob(file: UploadFile): Promise<{ name: string; blob: Blob }> {
  if (typeof file === 'string') return { name: path.basename(file), blob: await openAsBlob(file) };
  // A file-backed Blob: fetch streams it from disk while sending.
  if ('path' in file) return { name: file.name, blob: await openAsBlob(file.path) };
  return { name: file.name, blob: new Blob([file.data]) };
}
