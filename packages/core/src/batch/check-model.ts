import type { ErrorCode } from '../schemas';
import type { ModelInfo } from '../lmstudio';

export type ModelCheck = { ok: true } | { ok: false; code: ErrorCode; error: string };

/**
 * Refuses a model LM Studio does not list or lists as unable to see images. When the list could not be
 * fetched (`models` undefined) the batch is still taken: each item then fails with LM Studio's address,
 * so nothing uploaded is lost and a retry can succeed later.
 */
export function checkModelChoice(modelId: string, models: ModelInfo[] | undefined, baseUrl: string): ModelCheck {
  if (!modelId.trim()) return { ok: false, code: 'no-model', error: 'No model was chosen: send the field "model" with a model id.' };
  if (!models) return { ok: true };
  const model = models.find((candidate) => candidate.id === modelId);
  const visionIds = models.filter((candidate) => candidate.vision !== false).map((candidate) => candidate.id);
  const suggestion = visionIds.length ? ` Vision models there: ${visionIds.join(', ')}.` : ' It lists no vision model: load one in LM Studio.';
  if (!model) return { ok: false, code: 'model-not-available', error: `Model "${modelId}" is not available in LM Studio at ${baseUrl}.${suggestion}` };
  if (model.vision === false) {
    return { ok: false, code: 'model-cannot-see-images', error: `Model "${modelId}" cannot see images (LM Studio lists it as ${model.type ?? 'text-only'}).${suggestion}` };
  }
  return { ok: true };
}
