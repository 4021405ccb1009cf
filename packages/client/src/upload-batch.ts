import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { FieldSpec } from '@vision/core/fields';
import { ZSubmitBatchAnswer } from '@vision/core/schemas';
import { postMultipart, type FormPart } from './post-multipart';
import { errorFromResponse, type ServerConnection } from './server-fetch';

/** A file to upload: a path on disk (streamed, never read whole), a path with another name, or bytes. */
export type UploadFile = string | { name: string; path: string } | { name: string; data: Buffer | Uint8Array };

export interface UploadBatchInput {
  files: UploadFile[];
  model: string;
  prompt?: string | undefined;
  /** Requests in flight for this batch; the server's default when omitted. */
  concurrency?: number | undefined;
  /** The questions asked of every image; today's main entity question when omitted. */
  fields?: FieldSpec[] | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * `POST /api/batches`: starts a batch in the background and answers its id. A refusal of the whole request
 * (no images, too many, too large, unknown model) rejects with a VisionApiError carrying the server's message;
 * a bad file is not a refusal, it becomes a failed item of the batch.
 */
export async function uploadBatch(connection: ServerConnection, input: UploadBatchInput): Promise<{ batchId: string }> {
  const { serverUrl } = connection;
  // Text fields first, so the server knows the model before the images stream in.
  const parts: FormPart[] = [{ name: 'model', value: input.model }];
  if (input.prompt) parts.push({ name: 'prompt', value: input.prompt });
  if (input.concurrency !== undefined) parts.push({ name: 'concurrency', value: String(input.concurrency) });
  if (input.fields) parts.push({ name: 'fields', value: JSON.stringify(input.fields) });
  for (const file of input.files) parts.push(toPart(file));
  const response = await postMultipart(connection, `${serverUrl}/api/batches`, parts, input.signal);
  if (response.status !== 202 && !response.ok) throw await errorFromResponse(response, 'Upload');
  const answer = ZSubmitBatchAnswer.safeParse(await response.json());
  if (!answer.success) throw new Error(`The server at ${serverUrl} accepted the upload but sent no batch id.`);
  return { batchId: answer.data.batchId };
}

function toPart(file: UploadFile): FormPart {
  if (typeof file === 'string') return { name: 'images[]', filename: path.basename(file), path: file };
  if ('path' in file) return { name: 'images[]', filename: file.name, path: file.path };
  return { name: 'images[]', filename: file.name, data: file.data };
}

/** A form part for one file, for fetch (`uploadComparison`): a path is streamed from disk (`fs.openAsBlob`), never read whole. */
export async function toBlob(file: UploadFile): Promise<{ name: string; blob: Blob }> {
  if (typeof file === 'string') return { name: path.basename(file), blob: await openAsBlob(file) };
  // A file-backed Blob: fetch streams it from disk while sending.
  if ('path' in file) return { name: file.name, blob: await openAsBlob(file.path) };
  return { name: file.name, blob: new Blob([file.data]) };
}
