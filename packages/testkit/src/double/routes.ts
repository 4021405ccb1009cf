import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleChatCompletion, type ChatRouteContext } from './chat-completions';
import { handleControlRequest } from './control-routes';
import { malformedApiToken, missingApiToken, unexpectedEndpoint, type ErrorReply } from './errors';
import { sendJson } from './http-utils';
import { nativeV0ModelList, nativeV1ModelList, openAiModelList } from './model-routes';

const MODEL_LIST_PATHS = new Set(['/v1/models', '/api/v0/models', '/api/v1/models']);

/** Dispatches one request: the control API first, then LM Studio's routes for the configured version. */
export async function routeRequest(context: ChatRouteContext, req: IncomingMessage, res: ServerResponse) {
  const { state } = context;
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://double.invalid').pathname;
  if (path.startsWith('/__double/') && (await handleControlRequest(state, method, path, req, res))) return;

  if (method === 'GET' && MODEL_LIST_PATHS.has(path)) state.modelListRequests += 1;
  const denied = checkApiKey(state.options.apiKey, req.headers.authorization);
  if (denied) return sendReply(req, res, denied);

  const version = state.options.serverVersion;
  const route = `${method} ${path}`;
  if (route === 'GET /v1/models') return sendJson(res, 200, openAiModelList(state.options));
  // The native v0 API arrived in 0.3.6 and v1 in 0.4.0; older servers answer them as unknown paths.
  if (route === 'GET /api/v0/models' && version !== 'old') return sendJson(res, 200, nativeV0ModelList(state.options));
  if (route === 'GET /api/v1/models' && version === '0.4') return sendJson(res, 200, nativeV1ModelList(state.options));
  if (route === 'POST /v1/chat/completions') return handleChatCompletion(context, req, res);
  return sendReply(req, res, unexpectedEndpoint(method, path));
}

/** Since 0.4.0 a server may require a token; it then refuses every request without the right one. */
function checkApiKey(apiKey: string | undefined, authorization: string | undefined): ErrorReply | undefined {
  if (!apiKey) return undefined;
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (!token) return missingApiToken();
  return token === apiKey ? undefined : malformedApiToken(token);
}

function sendReply(req: IncomingMessage, res: ServerResponse, reply: ErrorReply): void {
  // Drain any body so a keep-alive connection stays usable for the client's next request.
  req.resume();
  sendJson(res, reply.status, reply.body);
}
