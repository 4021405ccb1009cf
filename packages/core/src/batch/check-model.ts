import { DomainError } from '../errors';
import { namingOf, type ServerKind } from '../inference/server-kind';
import type { ModelInfo } from '../schemas';

/** The server kinds that list the model (a pool names them), LM Studio when nothing says. */
function serverNameOf(model: ModelInfo | undefined): string {
  const kinds = [...new Set((model?.hosts ?? []).map((host) => host.kind ?? 'openai'))] as ServerKind[];
  return kinds.length === 0 ? 'LM Studio' : kinds.map((kind) => namingOf(kind).name).join(' / ');
}

/**
 * Refuses (throws a `DomainError`) a model the server does not list or lists as unable to see images. When the
 * list could not be fetched (`models` undefined) the batch is still taken: each item then fails with the server's
 * address, so nothing uploaded is lost and a retry can succeed later.
 */
export function assertModelChoice(modelId: string, models: ModelInfo[] | undefined, baseUrl: string): void {
  if (!modelId.trim()) throw new DomainError('no-model', 'No model was chosen: send the field "model" with a model id.');
  if (!models) return;
  const model = models.find((candidate) => candidate.id === modelId);
  const server = serverNameOf(model ?? models[0]);
  if (!model) {
    const error = `Model "${modelId}" is not available in ${server} at ${baseUrl}.${visionHint(models, server)}`;
    throw new DomainError('model-not-available', error);
  }
  if (model.vision === false) {
    const error = `Model "${modelId}" cannot see images (${server} lists it as ${model.type ?? 'text-only'}).${visionHint(models, server)}`;
    throw new DomainError('model-cannot-see-images', error);
  }
}

/** What the user could choose instead: the vision models listed, or that there is none to load. */
function visionHint(models: ReadonlyArray<ModelInfo>, server: string): string {
  const visionIds = models.filter((candidate) => candidate.vision !== false).map((candidate) => candidate.id);
  return visionIds.length ? ` Vision models there: ${visionIds.join(', ')}.` : ` It lists no vision model: load one in ${server}.`;
}
