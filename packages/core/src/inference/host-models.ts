import { DomainError } from '../errors';
import type { ModelInfo } from '../lmstudio';
import { bareModel } from '../lmstudio/list-models';
import type { JsonAnswer } from './http-json';
import type { ServerKind } from './server-kind';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export type Fetcher = (path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }) => Promise<JsonAnswer>;

/** The ids of an OpenAI `GET /v1/models` body (`data` may be null: Ollama with no models). */
export function modelIds(body: unknown): string[] {
  const data = isObject(body) && Array.isArray(body.data) ? body.data : [];
  return data.flatMap((entry) => (isObject(entry) && typeof entry.id === 'string' ? [entry.id] : []));
}

/**
 * Ollama says what a model can do only in `POST /api/show` (capabilities contains "vision" since 0.6.4) and what
 * is loaded in `GET /api/ps`. Capabilities of a model name are asked once (`known`), the loaded list every time.
 */
export async function ollamaModels(fetchJson: Fetcher, ids: string[], known: Map<string, ModelInfo>): Promise<ModelInfo[]> {
  const running = await fetchJson('/api/ps').catch(() => undefined);
  const loadedNames = new Set(
    running?.ok && isObject(running.body) && Array.isArray(running.body.models)
      ? running.body.models.flatMap((model) => (isObject(model) && typeof model.name === 'string' ? [model.name] : []))
      : [],
  );
  return Promise.all(
    ids.map(async (id) => {
      let info = known.get(id);
      if (!info) {
        const shown = await fetchJson('/api/show', { method: 'POST', body: { model: id } }).catch(() => undefined);
        info = fromOllamaShow(id, shown);
        if (shown?.ok) known.set(id, info);
      }
      return { ...info, loaded: running?.ok ? loadedNames.has(id) : null };
    }),
  );
}

function fromOllamaShow(id: string, shown: JsonAnswer | undefined): ModelInfo {
  if (!shown?.ok || !isObject(shown.body)) return bareModel(id);
  const capabilities = Array.isArray(shown.body.capabilities) ? shown.body.capabilities : null;
  const details = isObject(shown.body.details) ? shown.body.details : {};
  const modelInfo = isObject(shown.body.model_info) ? shown.body.model_info : {};
  const contextKey = Object.keys(modelInfo).find((key) => key.endsWith('.context_length'));
  return {
    ...bareModel(id),
    vision: capabilities ? capabilities.includes('vision') : null,
    type: capabilities ? (capabilities.includes('vision') ? 'vlm' : capabilities.includes('embedding') ? 'embeddings' : 'llm') : null,
    quantization: typeof details.quantization_level === 'string' ? details.quantization_level : null,
    maxContextLength: contextKey ? num(modelInfo[contextKey]) : null,
  };
}

/** llama-server's `GET /props`: `modalities.vision` and `total_slots`; its one model is always loaded. */
export async function llamaCppModels(fetchJson: Fetcher, ids: string[]): Promise<ModelInfo[]> {
  const props = await fetchJson('/props');
  const body = props.ok && isObject(props.body) ? props.body : {};
  const modalities = isObject(body.modalities) ? body.modalities : {};
  const vision = typeof modalities.vision === 'boolean' ? modalities.vision : null;
  const settings = isObject(body.default_generation_settings) ? body.default_generation_settings : {};
  return ids.map((id) => ({
    ...bareModel(id),
    vision,
    loaded: true,
    type: vision === null ? null : vision ? 'vlm' : 'llm',
    maxContextLength: num(settings.n_ctx),
    parallel: num(body.total_slots),
  }));
}

/** Throws for the answers that mean "not now" or "not a model list", so callers never cache them. */
export function expectModelList(answer: JsonAnswer, kind: ServerKind | undefined): void {
  if (answer.ok && isObject(answer.body) && !('error' in answer.body && answer.body.error !== undefined)) return;
  const error = isObject(answer.body) ? answer.body.error : undefined;
  const message =
    isObject(error) && typeof error.message === 'string' ? error.message : typeof error === 'string' ? error : `HTTP ${answer.status}`;
  // 503: llama.cpp while it loads its model, Ollama with a full queue; either way nothing to cache, ask later.
  throw new DomainError('inference-unavailable', `${kind ?? 'the server'} did not list its models: ${message}`);
}
