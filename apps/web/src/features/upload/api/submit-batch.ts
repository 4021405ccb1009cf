import type { FieldSpec } from '@vision/core/fields';
import { SUBMIT_BATCH_URL } from '../../../lib/api-urls';
import { postForm, UploadError } from '../../../lib/post-form';

export interface SubmitBatchInput {
  files: readonly File[];
  model: string;
  prompt?: string | undefined;
  concurrency?: number | undefined;
  fields?: FieldSpec[] | null | undefined;
}

/** POST /api/batches as multipart; resolves with the new batch's id. */
export async function submitBatch(input: SubmitBatchInput, onProgress: (ratio: number) => void): Promise<{ batchId: string }> {
  const form = new FormData();
  for (const file of input.files) form.append('images[]', file, file.name);
  form.append('model', input.model);
  if (input.prompt?.trim()) form.append('prompt', input.prompt.trim());
  if (input.concurrency) form.append('concurrency', String(input.concurrency));
  if (input.fields) form.append('fields', JSON.stringify(input.fields));

  const body = await postForm(SUBMIT_BATCH_URL, form, onProgress);
  if (typeof body.batchId !== 'string') throw new UploadError('The server answered without a batch id.', 0, 'answer-unreadable');
  return { batchId: body.batchId };
}
