import type { FieldSpec } from '@vision/core/fields';
import { ZSubmitComparisonAnswer, type TSubmitComparisonAnswer } from '@vision/core/schemas';
import { errorFromResponse, type ServerFetch } from './server-fetch';
import { toBlob, type UploadFile } from './upload-batch';

export interface UploadComparisonInput {
  files: UploadFile[];
  /** The models to compare, run one after another in this order. */
  models: string[];
  /**
   * Ground truth as CSV text: `filename,label` lines, alternatives joined with `|`, header optional. The server
   * matches a row to an upload by the uploaded name, then by its base name.
   */
  labelsCsv?: string | undefined;
  prompt?: string | undefined;
  concurrency?: number | undefined;
  /** Asked of every image by every model; today's main entity question when omitted. */
  fields?: FieldSpec[] | undefined;
  /** The field the labels judge (one of `fields`); the server picks when omitted. */
  truthField?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The comparison, one batch per model (in the order the models were given), and the labels CSV's skipped rows. */
export type UploadedComparison = TSubmitComparisonAnswer;

/**
 * `POST /api/comparisons`: one upload, every model over the same images (each model's run is a normal batch,
 * followed with `followBatch`). A refusal of the whole request (no images, too many, an unknown model)
 * rejects with a VisionApiError carrying the server's message.
 */
export async function uploadComparison(
  fetchServer: ServerFetch,
  serverUrl: string,
  input: UploadComparisonInput,
): Promise<UploadedComparison> {
  const form = new FormData();
  // Text fields first, so the server can refuse an unknown model before the images stream in.
  for (const model of input.models) form.append('models', model);
  if (input.prompt) form.append('prompt', input.prompt);
  if (input.concurrency !== undefined) form.append('concurrency', String(input.concurrency));
  if (input.labelsCsv) form.append('labels', input.labelsCsv);
  if (input.fields) form.append('fields', JSON.stringify(input.fields));
  if (input.truthField) form.append('truthField', input.truthField);
  for (const file of input.files) {
    const { name, blob } = await toBlob(file);
    form.append('images[]', blob, name);
  }
  const response = await fetchServer(`${serverUrl}/api/comparisons`, { method: 'POST', body: form, signal: input.signal });
  if (response.status !== 202 && !response.ok) throw await errorFromResponse(response, 'Comparison upload');
  const answer = ZSubmitComparisonAnswer.safeParse(await response.json());
  if (!answer.success) throw new Error(`The server at ${serverUrl} accepted the comparison but sent no comparison id.`);
  return answer.data;
}
