import { LmStudioResponseError, errorFieldMessage } from './errors';

/**
 * A fetch for the openai package that makes LM Studio's quirks visible to it: an `error` body sent with
 * HTTP 200 (MLX engine, unknown endpoints) and a streaming request answered with plain JSON or garbage would
 * otherwise read as an empty but successful answer.
 */
export function createAnswerCheckingFetch(baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (!response.ok) return response;
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.includes('text/event-stream')) return response;

    const text = await response.text();
    const wantsStream = typeof init?.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new LmStudioResponseError(`answered with something that is not JSON: ${preview(text)}`);
    }
    if (body === undefined) throw new LmStudioResponseError('answered with an empty response');
    if (body && typeof body === 'object' && 'error' in body) {
      throw new LmStudioResponseError(errorFieldMessage((body as { error: unknown }).error) ?? 'unknown error');
    }
    if (wantsStream) throw new LmStudioResponseError(`answered a streaming request without a stream: ${preview(text)}`);
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
}
