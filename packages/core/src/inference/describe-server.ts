import { APIConnectionError, type OpenAI } from 'openai';
import { DomainError } from '../errors';
import { bareModel, listModels as listByRichestApi, type ModelInfo } from '../lmstudio/list-models';
import { kindFromModelList, kindFromVersionProbe } from './detect-server';
import { expectModelList, llamaCppModels, modelIds, ollamaModels, type Fetcher } from './host-models';
import { requestJson, type HttpDeps } from './http-json';
import type { ServerKind } from './server-kind';

export interface ServerDescription {
  kind: ServerKind;
  models: ModelInfo[];
  /** Ollama capabilities already asked for, by model name. */
  shown: Map<string, ModelInfo>;
}

export interface DescribeDeps {
  openai: OpenAI;
  http: HttpDeps;
  /** What the host was last time: its kind is not asked again. */
  previous: ServerDescription | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Who the server is and what it serves. The first time, `GET /v1/models` (which every kind has) usually tells the
 * kind; when it does not, one probe of `/api/version` does by the shape of its answer. After that a refresh costs
 * what the kind needs: LM Studio one native list, Ollama the list and `/api/ps` (plus `/api/show` for a model
 * not seen before), llama.cpp the list and `/props`, vLLM and others the list alone.
 */
export async function describeServer(deps: DescribeDeps): Promise<ServerDescription> {
  const { previous, signal } = deps;
  const fetchJson: Fetcher = (path, init = {}) => reach(() => requestJson(deps.http, path, { ...init, signal }));
  const shown = previous?.shown ?? new Map<string, ModelInfo>();
  if (previous?.kind === 'lmstudio') return { kind: 'lmstudio', models: await richestModelList(deps), shown };

  const listUrl = `${deps.openai.baseURL.replace(/\/+$/, '')}/models`;
  const list = await fetchJson(listUrl);
  expectModelList(list, previous?.kind);
  let kind = previous?.kind ?? kindFromModelList(list.body);
  if (!kind) {
    const probe = await fetchJson('/api/version').catch(() => undefined);
    kind = (probe && kindFromVersionProbe(probe.ok, probe.body)) ?? 'openai';
  }
  const ids = modelIds(list.body);
  switch (kind) {
    case 'lmstudio':
      return { kind, models: await richestModelList(deps), shown };
    case 'ollama':
      return { kind, models: await ollamaModels(fetchJson, ids, shown), shown };
    case 'llamacpp':
      return { kind, models: await llamaCppModels(fetchJson, ids), shown };
    default:
      return { kind, models: ids.map(bareModel), shown };
  }
}

/** LM Studio's richest API: /api/v1 (0.4+), /api/v0, then /v1 (see lmstudio/list-models.ts). */
function richestModelList(deps: DescribeDeps): Promise<ModelInfo[]> {
  return reach(() =>
    listByRichestApi(
      { openai: deps.openai, origin: deps.http.origin, headers: deps.http.headers, timeoutMs: deps.http.timeoutMs },
      deps.signal,
    ),
  );
}

/** Connection failures read as the openai package's, so every message says "Cannot reach <server> at <url>". */
async function reach<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof DomainError || (error instanceof Error && error.name === 'AbortError')) throw error;
    if (error instanceof TypeError) throw new APIConnectionError({ message: error.message, cause: error });
    throw error;
  }
}
