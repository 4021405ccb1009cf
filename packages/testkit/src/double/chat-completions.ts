import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tokenize } from './answers';
import { logPlan, logRequest, newLogEntry } from './chat-log-entry';
import { parseChatRequest, type ParsedChatRequest } from './chat-request';
import {
  completionBody,
  newCompletionMeta,
  startEventStream,
  streamChunk,
  usageChunk,
  writeEvent,
  type FinishReason,
} from './chat-response';
import { validateChat, type ChatPlan } from './chat-validation';
import type { DoubleState } from './double-state';
import { invalidBody, type ErrorReply } from './errors';
import { dialectOf } from './kinds';
import { applyFault } from './fault-responses';
import { readBody, sendJson, sleep } from './http-utils';
import type { ChatRequestLogEntry } from './types';

export interface ChatRouteContext {
  state: DoubleState;
  goDown: (downForMs: number | undefined) => void;
}

/** POST /v1/chat/completions: log, faults, validation, a slot, the prompt stage, then generation. */
export async function handleChatCompletion(context: ChatRouteContext, req: IncomingMessage, res: ServerResponse) {
  const { state } = context;
  const socket = req.socket;
  const entry = newLogEntry();
  state.requests.push(entry);
  const signal = abortWhenClientLeaves(state, res, socket, entry);

  const fail = (reply: ErrorReply): void => {
    entry.status = reply.status;
    entry.error = reply.body.error;
    state.scheduler.recordOutcome(false);
    sendJson(res, reply.status, reply.body);
  };

  const request = await readChatRequest(req);
  if ('error' in request) return fail(invalidBody(request.error));
  logRequest(entry, request);

  try {
    const fault = state.faults.take(request.model);
    if (fault) {
      entry.fault = fault.kind;
      await sleep(fault.afterMs ?? 0, signal);
      const handled = applyFault(fault, { ...context, res, socket, entry, model: entry.model, stream: request.stream });
      if (handled) return state.scheduler.recordOutcome(false);
    }

    const validation = await validateChat(state, request);
    if (!validation.ok) return fail(validation.reply);
    logPlan(entry, validation.plan);

    // Ollama refuses outright once its queue (OLLAMA_MAX_QUEUE) is full.
    if (state.options.kind === 'ollama' && state.scheduler.waiting >= state.options.maxQueue) {
      return fail(dialectOf('ollama').busy());
    }
    await answerInSlot(state, validation.plan, entry, res, signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    state.scheduler.recordOutcome(false);
  }
}

/** The client leaving must stop generation, as closing the connection does on the real server. */
function abortWhenClientLeaves(state: DoubleState, res: ServerResponse, socket: Socket, entry: ChatRequestLogEntry): AbortSignal {
  const abort = new AbortController();
  res.on('close', () => {
    entry.finishedAt ??= Date.now();
    if (res.writableFinished) return;
    if (!state.killedSockets.has(socket)) entry.closedByClient = true;
    abort.abort(new Error('connection closed before the response was complete'));
  });
  return abort.signal;
}

/** The request body, parsed; a body that is not JSON is an error the same way a malformed request is. */
async function readChatRequest(req: IncomingMessage): Promise<ParsedChatRequest | { error: string }> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return { error: 'Request body is not valid JSON.' };
  }
  return parseChatRequest(body);
}

/** Waits for a slot, then the prompt stage and generation in it; the slot is freed however they end. */
async function answerInSlot(
  state: DoubleState,
  plan: ChatPlan,
  entry: ChatRequestLogEntry,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const release = await state.scheduler.acquireSlot(signal);
  try {
    const imageBytes = plan.images.reduce((sum, image) => sum + image.bytes, 0);
    await state.scheduler.processPrompt(
      { imageBytes, imageTokens: plan.imageTokens, promptTokens: plan.promptTokens },
      signal,
      () => (entry.promptStartedAt = Date.now()),
    );
    entry.promptEndedAt = Date.now();
    await generate(state, plan, entry, res, signal);
    state.scheduler.recordOutcome(true);
  } finally {
    release();
  }
}

async function generate(
  state: DoubleState,
  plan: ChatPlan,
  entry: ChatRequestLogEntry,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const allTokens = tokenize(plan.answer);
  const limit = entry.maxTokens;
  const tokens = limit !== undefined && allTokens.length > limit ? allTokens.slice(0, limit) : allTokens;
  const finishReason: FinishReason = tokens.length < allTokens.length ? 'length' : 'stop';
  const usage = {
    prompt_tokens: plan.promptTokens,
    completion_tokens: tokens.length,
    total_tokens: plan.promptTokens + tokens.length,
  };
  const dialect = dialectOf(state.options.kind);
  const meta = {
    ...newCompletionMeta(plan.model.id),
    id: entry.id,
    systemFingerprint: dialect.systemFingerprint(plan.model.id),
    emptyStats: dialect.kind === 'lmstudio',
  };
  Object.assign(entry, { completionTokens: tokens.length, finishReason });

  if (!entry.stream) {
    await state.scheduler.generate(tokens.length, signal, () => undefined);
    entry.status = 200;
    sendJson(res, 200, completionBody(meta, tokens.join(''), finishReason, usage));
    return;
  }

  // Headers go out once prefill is done: until then the request is queued or processing its prompt.
  entry.status = 200;
  startEventStream(res);
  if (dialect.openingDelta) writeEvent(res, streamChunk(meta, dialect.openingDelta, null));
  await state.scheduler.generate(tokens.length, signal, (index) =>
    writeEvent(res, streamChunk(meta, dialect.contentDelta(tokens[index] ?? ''), null)),
  );
  writeEvent(res, streamChunk(meta, {}, finishReason));
  if (entry.includeUsage) writeEvent(res, usageChunk(meta, usage));
  writeEvent(res, '[DONE]');
  res.end();
}
