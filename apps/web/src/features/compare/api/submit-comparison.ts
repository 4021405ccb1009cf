import type { FieldSpec } from '@vision/core/fields';
import type { LabelCsvProblem } from '@vision/core/schemas';
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
  fields?: FieldSpec[] | null | undefined;
  /** The field the ground truth judges; absent lets the server pick. */
  truthField?: string | undefined;
}

export interface SubmittedComparison {
  comparisonId: string;
  batchIds: string[];
  /** Label rows the server skipped, by kind (the page says them in the user's language). */
  labelIssues: LabelCsvProblem[];
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
  if (input.fields) form.append('fields', JSON.stringify(input.fields));
  if (input.fields && input.truthField) form.append('truthField', input.truthField);
  for (const photo of input.photos) form.append('images[]', photo.file, uploadName(photo));

  // Read by hand, as the other upload answers are: zod and the schemas would double the page's script.
  const body = await postForm(SUBMIT_COMPARISON_URL, form, onProgress);
  if (typeof body.comparisonId !== 'string') throw new UploadError('The server answered without a comparison id.', 0, 'answer-unreadable');
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  return {
    comparisonId: body.comparisonId,
    batchIds: list(body.batchIds).filter((entry): entry is string => typeof entry === 'string'),
    labelIssues: list(body.labelIssues).filter(isLabelIssue),
  };
}

const LABEL_ISSUE_KINDS: ReadonlySet<string> = new Set<LabelCsvProblem['kind']>(['no-file', 'no-label', 'extra-columns', 'repeated']);

/** Only rows the page can say: a kind it knows and a line number (the rest of each kind comes as the server sent it). */
function isLabelIssue(value: unknown): value is LabelCsvProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, line } = value as { kind?: unknown; line?: unknown };
  return typeof kind === 'string' && LABEL_ISSUE_KINDS.has(kind) && typeof line === 'number';
}
