import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleChatCompletion, type ChatRouteContext } from './chat-completions';
import { handleControlRequest } from './control-routes';
import { readBody, sendJson } from './http-utils';
import { dialectOf, type HttpReply } from './kinds';

// Every kind's model lists (LM Studio's three, Ollama's tags, llama.cpp's bare path): counted to catch wasted look-ups.
const MODEL_LIST_PATHS = new Set(['/v1/models', '/api/v0/models', '/api/v1/models', '/api/tags', '/models']);

/** Dispatches one request: the control API first, then the routes of the server kind the double plays. */
export async function routeRequest(context: ChatRouteContext, req: IncomingMessage, res: ServerResponse) {
  const { state } = context;
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://double.invalid').pathname;
  if (path.startsWith('/__double/') && (await handleControlRequest(state, method, path, req, res))) return;

  if (method === 'GET' && MODEL_LIST_PATHS.has(path)) state.modelListRequests += 1;
  const dialect = dialectOf(state.options.kind);
  const gated = dialect.gate(state, req.headers.authorization, path);
  if (gated) return sendReply(req, res, gated);
  if (method === 'POST' && dialect.chatPaths.includes(path)) return handleChatCompletion(context, req, res);
  const info = await dialect.serveInfo(state, `${method} ${path}`, () => readJsonBody(req));
  return sendReply(req, res, info ?? dialect.unknownPath(method, path));
}

function sendReply(req: IncomingMessage, res: ServerResponse, reply: HttpReply): void {
  // Drain any body so a keep-alive connection stays usable for the client's next request.
  req.resume();
  if (!reply.contentType) return sendJson(res, reply.status, reply.body);
  if (res.headersSent || res.destroyed) return;
  const text = String(reply.body);
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return undefined;
  }
}
