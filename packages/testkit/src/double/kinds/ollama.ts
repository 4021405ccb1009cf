import type { ErrorReply } from '../errors';
import type { Dialect } from './dialect';
import { ollamaNativeRoute } from './ollama-routes';

/** Ollama's /v1 errors: OpenAI's shape with `param` and `code` always null. */
export const ollamaError = (status: number, message: string): ErrorReply => ({
  status,
  body: {
    error: {
      message,
      type: status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error',
      param: null,
      code: null,
    },
  },
});

/**
 * Ollama (ollama `openai/openai.go`, `server/routes.go`): model names like `gemma3:4b`, vision only in
 * `POST /api/show` capabilities, one request at a time by default, a plain-text 404 for unknown paths, and a
 * text-only model given a photo answers 200 as if it had seen one.
 */
export const ollamaDialect: Dialect = {
  kind: 'ollama',
  label: 'Ollama',
  chatPaths: ['/v1/chat/completions'],
  // Ollama has no API keys of its own (a proxy in front adds them): nothing to gate.
  gate: () => undefined,
  serveInfo: ollamaNativeRoute,
  unknownPath: () => ({ status: 404, body: '404 page not found', contentType: 'text/plain; charset=utf-8' }),
  images: {
    accepts: new Set(['jpeg', 'png', 'webp', 'gif']),
    declaredTypes: ['jpeg', 'jpg', 'png', 'webp'],
    refused: () => ollamaError(400, 'invalid image input'),
    remoteUrl: () => ollamaError(400, 'image URLs are not currently supported, please use base64 encoded data instead'),
  },
  // Ollama reads only `json_schema.schema` (since 0.5) and ignores types it does not know.
  checkResponseFormat: () => undefined,
  resolveModel: (state, id) => state.options.models.find((model) => model.type !== 'embeddings' && model.id === id),
  modelMissing: (_state, id) => ollamaError(404, `model '${id ?? ''}' not found`),
  textOnlyWithImages: () => 'drop',
  internalError: () => ollamaError(500, 'llama runner process has terminated: exit status 2'),
  busy: () => ollamaError(503, 'server busy, please try again.  maximum pending requests exceeded'),
  systemFingerprint: () => 'fp_ollama',
  contentDelta: (token) => ({ role: 'assistant', content: token }),
};
