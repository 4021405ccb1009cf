import { ZErrorAnswer, type ErrorCode } from '@vision/core/schemas';
import { ConnectionError, isAbortError, VisionApiError } from './errors';

export interface ServerConnection {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:3000`. */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <token>` on every request, the progress stream included. */
  token?: string | undefined;
}

export type ServerFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * `fetch` bound to one server: adds the token and turns network failures into a ConnectionError naming the
 * server. Used by the tRPC links, the EventSource and the plain HTTP routes alike.
 */
export function createServerFetch({ serverUrl, token }: ServerConnection): ServerFetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(input, { ...init, headers });
    } catch (error) {
      if (isAbortError(error) || init?.signal?.aborted) throw error;
      throw new ConnectionError(serverUrl, error);
    }
  };
}

/** A refusal from one of the plain HTTP routes, with the server's own message when it sent one. */
export async function errorFromResponse(response: Response, what: string): Promise<VisionApiError> {
  const text = await response.text().catch(() => '');
  let message: string | undefined;
  let code: ErrorCode | null = null;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
    const answer = ZErrorAnswer.safeParse(body);
    if (answer.success) code = answer.data.code;
  } catch {
    // Not JSON: a proxy's page or an older server; the status says enough.
  }
  const hint = response.status === 401 ? ' The server needs a token: pass --token or set VISION_TOKEN.' : '';
  const detail = (message ?? (response.statusText || 'no details')).replace(/\.$/, '');
  return new VisionApiError(response.status, `${what} failed (HTTP ${response.status}): ${detail}.${hint}`, code);
}

export function normaliseServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Invalid server URL "${url}": use a URL such as http://127.0.0.1:3000.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`Invalid server URL "${url}": it must start with http:// or https://.`);
  }
  return parsed.href.replace(/\/+$/, '');
}
