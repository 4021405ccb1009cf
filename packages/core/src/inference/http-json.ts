import { DomainError } from '../errors';
import { errorFieldMessage } from '../lmstudio';

export interface JsonAnswer {
  ok: boolean;
  status: number;
  /** Parsed JSON, or undefined when the body is not JSON (Ollama's plain-text 404). */
  body: unknown;
}

export interface HttpDeps {
  origin: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** One JSON request to a server's own (non-OpenAI) route. Connection failures throw; HTTP errors are answers. */
export async function requestJson(
  deps: HttpDeps,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<JsonAnswer> {
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const response = await fetch(new URL(path, deps.origin), {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? deps.headers : { ...deps.headers, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status === 401) {
    const detail = errorFieldMessage((body as { error?: unknown } | undefined)?.error) ?? `HTTP ${response.status}`;
    // Final, unlike a missing route: a refused key is the user's to fix.
    throw new DomainError('inference-auth-refused', `refused the API key: ${detail}`);
  }
  return { ok: response.ok, status: response.status, body };
}
