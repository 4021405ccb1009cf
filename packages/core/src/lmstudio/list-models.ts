import type OpenAI from 'openai';
import { DomainError } from '../errors';
import type { ModelInfo } from '../schemas';
import { errorFieldMessage } from './errors';

export type { ModelInfo };

export interface ListModelsDeps {
  openai: OpenAI;
  /** The server root, without `/v1`. */
  origin: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * Asks the richest API the server has: `/api/v1/models` (0.4+: vision, parallel), then `/api/v0/models`
 * (0.3.6+: type and state), then the OpenAI-compatible `/v1/models`, which says nothing about vision.
 * Older servers answer unknown paths with HTTP 200 and an `error` body, so "exists" means "has a list".
 */
export async function listModels(deps: ListModelsDeps, signal?: AbortSignal): Promise<ModelInfo[]> {
  const native =
    (await fetchList(deps, '/api/v1/models', signal).then(fromApiV1)) ?? (await fetchList(deps, '/api/v0/models', signal).then(fromApiV0));
  if (native) return native;
  const page = await deps.openai.models.list({ signal, timeout: deps.timeoutMs });
  return page.data.map((model) => bareModel(model.id));
}

/** A model the server says nothing about but its id. */
export const bareModel = (id: string): ModelInfo => ({
  id,
  vision: null,
  loaded: null,
  type: null,
  quantization: null,
  maxContextLength: null,
  parallel: null,
});

async function fetchList(deps: ListModelsDeps, pathname: string, signal?: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  try {
    const response = await fetch(new URL(pathname, deps.origin), {
      headers: deps.headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.status === 401) {
      const body = (await response.json().catch(() => ({}))) as { error?: unknown };
      throw new DomainError('inference-auth-refused', `LM Studio refused the API key: ${errorFieldMessage(body.error) ?? 'HTTP 401'}`);
    }
    if (!response.ok) return undefined;
    return await response.json();
  } catch (error) {
    // Only an auth failure is final; anything else falls through to the next, older API.
    if (error instanceof DomainError) throw error;
    if (signal?.aborted) throw error;
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isEmbedding = (type: string | null) => type === 'embedding' || type === 'embeddings';
const asObjects = (value: unknown): Json[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is Json => typeof item === 'object' && item !== null) : undefined;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function fromApiV1(body: unknown): ModelInfo[] | undefined {
  const models = asObjects((body as Json | undefined)?.models);
  if (!models) return undefined;
  return models.flatMap((model) => {
    const id = str(model.key) ?? str(model.id);
    if (!id) return [];
    const instances = asObjects(model.loaded_instances) ?? [];
    const capabilities = (model.capabilities ?? {}) as Json;
    const quantization = model.quantization as Json | string | undefined;
    const config = (instances[0]?.config ?? {}) as Json;
    const type = str(model.type);
    return [
      {
        id,
        // Embedding models carry no capabilities at all; they certainly cannot see images.
        vision: typeof capabilities.vision === 'boolean' ? capabilities.vision : isEmbedding(type) ? false : null,
        loaded: instances.length > 0,
        type,
        quantization: typeof quantization === 'string' ? quantization : str(quantization?.name),
        maxContextLength: num(model.max_context_length),
        parallel: num(config.parallel),
      },
    ];
  });
}

function fromApiV0(body: unknown): ModelInfo[] | undefined {
  const models = asObjects((body as Json | undefined)?.data);
  if (!models) return undefined;
  return models.flatMap((model) => {
    const id = str(model.id);
    if (!id) return [];
    const type = str(model.type);
    const state = str(model.state);
    return [
      {
        id,
        vision: type === null ? null : type === 'vlm',
        loaded: state === null ? null : state === 'loaded',
        type,
        quantization: str(model.quantization),
        maxContextLength: num(model.max_context_length),
        parallel: null,
      },
    ];
  });
}
