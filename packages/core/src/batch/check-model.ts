import { namingOf, type ServerKind } from '../inference/server-kind';
import type { ModelInfo } from '../lmstudio';
import type { ErrorCode } from '../schemas';

/** The server kinds that list the model (a pool names them), LM Studio when nothing says. */
function serverNameOf(model: ModelInfo | undefined): string {
  const kinds = [...new Set((model?.hosts ?? []).map((host) => host.kind ?? 'openai'))] as ServerKind[];
  return kinds.length === 0 ? 'LM Studio' : kinds.map((kind) => namingOf(kind).name).join(' / ');
}

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
  const server = serverNameOf(model ?? models[0]);
  const visionIds = models.filter((candidate) => candidate.vision !== false).map((candidate) => candidate.id);
  const suggestion = visionIds.length
    ? ` Vision models there: ${visionIds.join(', ')}.`
    : ` It lists no vision model: load one in ${server}.`;
  if (!model)
    return {
      ok: false,
      code: 'model-not-available',
      error: `Model "${modelId}" is not available in ${server} at ${baseUrl}.${suggestion}`,
    };
  if (model.vision === false) {
    return {
      ok: false,
      code: 'model-cannot-see-images',
      error: `Model "${modelId}" cannot see images (${server} lists it as ${model.type ?? 'text-only'}).${suggestion}`,
    };
  }
  return { ok: true };
}
