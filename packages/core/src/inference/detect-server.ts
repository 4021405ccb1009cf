import type { ServerKind } from './server-kind';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the kind from a `GET /v1/models` body, which the client asks for anyway: LM Studio's entries are owned by
 * `organization_owner` and have no `created`; llama.cpp's by `llamacpp` (with an Ollama-style `models` list
 * beside); vLLM's by `vllm`; Ollama's by the name's namespace (`library`), or `data` is null when it has none.
 * Undefined when the list does not tell (empty, or another server's).
 */
export function kindFromModelList(body: unknown): ServerKind | undefined {
  if (!isObject(body)) return undefined;
  const entries = Array.isArray(body.data) ? body.data.filter(isObject) : [];
  const owners = new Set(entries.map((entry) => entry.owned_by));
  if (owners.has('llamacpp') || (Array.isArray(body.models) && entries.length > 0)) return 'llamacpp';
  if (owners.has('vllm')) return 'vllm';
  if (owners.has('organization_owner') && entries.every((entry) => entry.created === undefined)) return 'lmstudio';
  if (body.data === null) return 'ollama';
  if (owners.has('library') && entries.every((entry) => typeof entry.created === 'number')) return 'ollama';
  return undefined;
}

/**
 * Reads the kind from the answer to `GET /api/version`, a path only Ollama has: the others answer it as an unknown
 * path, each in its own shape (LM Studio HTTP 200 "Unexpected endpoint", llama.cpp a 404 `not_found_error`,
 * vLLM FastAPI's `{"detail":"Not Found"}`).
 */
export function kindFromVersionProbe(ok: boolean, body: unknown): ServerKind | undefined {
  if (!isObject(body)) return undefined;
  if (ok && typeof body.version === 'string') return 'ollama';
  // An error body sent with HTTP 200 is LM Studio's signature.
  if (ok && body.error !== undefined) return 'lmstudio';
  if (isObject(body.error) && body.error.type === 'not_found_error' && typeof body.error.code === 'number') return 'llamacpp';
  if (body.detail === 'Not Found') return 'vllm';
  return undefined;
}
