import { SUBMIT_COMPARISON_URL } from '../../../lib/api-urls';
import { postForm, UploadError } from '../../../lib/post-form';
import { groundTruthCsv, uploadName, type DatasetPhoto } from '../lib/ground-truth';

export interface SubmitComparisonInput {
  photos: ReadonlyArray<DatasetPhoto & { file: File }>;
  /** In the order they run. */
  models: readonly string[];
  /** Ground truth by upload name; null or empty for none. */
  labels: ReadonlyMap<string, string> | null;
  prompt?: string | undefined;
  concurrency?: number | undefined;
}

export interface SubmittedComparison {
  comparisonId: string;
  batchIds: string[];
  /** Label rows the server skipped, in its words. */
  labelProblems: string[];
}

/**
 * POST /api/comparisons: the photos once, every model, and the labels as CSV text. Only the chosen photos'
 * rows are sent, under the names they are uploaded with: a dataset's whole CSV could pass the server's limit
 * for a text field (16 KB), and the server would match its paths or case differently.
 */
export async function submitComparison(input: SubmitComparisonInput, onProgress: (ratio: number) => void): Promise<SubmittedComparison> {
  const form = new FormData();
  for (const model of input.models) form.append('models', model);
  if (input.labels?.size) form.append('labels', groundTruthCsv(input.labels));
  if (input.prompt?.trim()) form.append('prompt', input.prompt.trim());
  if (input.concurrency) form.append('concurrency', String(input.concurrency));
  for (const photo of input.photos) form.append('images[]', photo.file, uploadName(photo));

  const body = await postForm(SUBMIT_COMPARISON_URL, form, onProgress);
  if (typeof body.comparisonId !== 'string') throw new UploadError('The server answered without a comparison id.', 0, 'answer-unreadable');
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);
  return { comparisonId: body.comparisonId, batchIds: strings(body.batchIds), labelProblems: strings(body.labelProblems) };
}
