import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { newCompletionMeta, startEventStream, streamChunk, writeEvent } from './chat-response';
import type { DoubleState } from './double-state';
import { contextOverflow, mlxVisionAddonMissing, noModelsLoaded, type ErrorReply } from './errors';
import { dialectOf } from './kinds';
import { llamaCppLoading } from './kinds/dialect';
import { sendJson } from './http-utils';
import type { ChatRequestLogEntry, FaultSpec } from './types';

export interface FaultContext {
  state: DoubleState;
  res: ServerResponse;
  socket: Socket;
  entry: ChatRequestLogEntry;
  model: string;
  stream: boolean;
  goDown: (downForMs: number | undefined) => void;
}

/** Acts out a fault. Returns false when the request should still be processed normally afterwards. */
export function applyFault(fault: FaultSpec, context: FaultContext): boolean {
  const { state, res, socket, entry, model, stream } = context;
  const replyWith = (reply: ErrorReply): true => {
    entry.status = reply.status;
    entry.error = reply.body.error;
    sendJson(res, reply.status, reply.body);
    return true;
  };

  switch (fault.kind) {
    case 'http-500':
      return replyWith(dialectOf(state.options.kind).internalError());
    case 'busy':
      return replyWith(dialectOf(state.options.kind).busy());
    case 'loading':
      // llama.cpp reloading: this request and every route after it get 503 until the model is back.
      state.startLoading(fault.downForMs ?? 1000);
      return replyWith(llamaCppLoading());
    case 'no-models-loaded':
      return replyWith(noModelsLoaded());
    case 'mlx-vision-200':
      return replyWith(mlxVisionAddonMissing());
    case 'context-overflow':
      return replyWith(contextOverflow());
    case 'hang':
      // Accepted and never answered: only the client giving up (or close()) ends it.
      return true;
    case 'stall':
      entry.status = 200;
      stall(res, model, stream);
      return true;
    case 'reset':
      state.killedSockets.add(socket);
      socket.resetAndDestroy();
      return true;
    case 'garbage':
      entry.status = 200;
      sendGarbage(res, stream);
      return true;
    case 'empty':
      entry.status = 200;
      res.writeHead(200, { 'Content-Type': stream ? 'text/event-stream' : 'application/json', 'Content-Length': 0 });
      res.end();
      return true;
    case 'down':
      context.goDown(fault.downForMs);
      return true;
    case 'unload':
      state.unload(fault.model ?? model);
      return false;
  }
}

/** Headers and the start of an answer, then silence: what a wedged GPU or a stuck server looks like. */
function stall(res: ServerResponse, model: string, stream: boolean): void {
  const meta = newCompletionMeta(model);
  if (stream) {
    startEventStream(res);
    writeEvent(res, streamChunk(meta, { role: 'assistant', content: '{"' }, null));
    writeEvent(res, streamChunk(meta, { role: 'assistant', content: 'entity' }, null));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.write(`{"id":"${meta.id}","object":"chat.completion",`);
}

function sendGarbage(res: ServerResponse, stream: boolean): void {
  if (stream) {
    startEventStream(res);
    res.end('data: {"id":"chatcmpl-garbage","object":"chat.completion.chunk","choices":[{"delta":{"cont\n\ndata: <html>\n\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end('{"id":"chatcmpl-garbage","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist');
}
