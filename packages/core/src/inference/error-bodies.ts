/**
 * Error bodies the openai package cannot read, rewritten into the `{"error":{"message"}}` it does read: vLLM before
 * 0.10.1 answers `{"object":"error","message":…}`, FastAPI `{"detail":…}`, Ollama's unknown routes plain text. Without
 * this the user would read "400 status code (no body)" instead of the server's own words.
 */
export function withReadableErrors(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.ok) return response;
    const text = await response.text();
    const message = readableMessage(text);
    const body = message === undefined ? text : JSON.stringify({ error: { message } });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function readableMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const plain = text.trim();
    return plain === '' ? undefined : plain.slice(0, 500);
  }
  if (typeof body !== 'object' || body === null || 'error' in body) return undefined;
  const { message, detail } = body as { message?: unknown; detail?: unknown };
  if (typeof message === 'string') return message;
  if (typeof detail === 'string') return detail;
  return detail === undefined ? undefined : JSON.stringify(detail);
}
