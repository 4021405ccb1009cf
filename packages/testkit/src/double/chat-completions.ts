import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenize } from './answers';
import { parseChatRequest } from './chat-request';
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

  // The client leaving must stop generation, as closing the connection does on the real server.
  const abort = new AbortController();
  res.on('close', () => {
    entry.finishedAt ??= Date.now();
    if (res.writableFinished) return;
    if (!state.killedSockets.has(socket)) entry.closedByClient = true;
    abort.abort(new Error('connection closed before the response was complete'));
  });

  const fail = (reply: ErrorReply): void => {
    entry.status = reply.status;
    entry.error = reply.body.error;
    state.scheduler.recordOutcome(false);
    sendJson(res, reply.status, reply.body);
  };

  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return fail(invalidBody('Request body is not valid JSON.'));
  }
  const request = parseChatRequest(body);
  if ('error' in request) return fail(invalidBody(request.error));
  Object.assign(entry, {
    model: request.model ?? '',
    stream: request.stream,
    includeUsage: request.includeUsage,
    maxTokens: request.maxTokens,
    responseFormatType: typeof request.responseFormat?.type === 'string' ? request.responseFormat.type : undefined,
    jsonSchema:
      request.responseFormat?.type === 'json_schema'
        ? { name: request.responseFormat.schemaName, schema: request.responseFormat.schema }
        : undefined,
    imageCount: request.imageUrls.length,
    prompt: request.text,
  });

  try {
    const fault = state.faults.take(request.model);
    if (fault) {
      entry.fault = fault.kind;
      await sleep(fault.afterMs ?? 0, abort.signal);
      const handled = applyFault(fault, { ...context, res, socket, entry, model: entry.model, stream: request.stream });
      if (handled) return state.scheduler.recordOutcome(false);
    }

    const validation = await validateChat(state, request);
    if (!validation.ok) return fail(validation.reply);
    const { plan } = validation;
    Object.assign(entry, {
      model: plan.model.id,
      images: plan.images.map(({ fingerprint: _fingerprint, ...logged }) => logged),
      label: plan.label,
      answer: plan.answer,
      promptTokens: plan.promptTokens,
    });

    // Ollama refuses outright once its queue (OLLAMA_MAX_QUEUE) is full.
    if (state.options.kind === 'ollama' && state.scheduler.waiting >= state.options.maxQueue) {
      return fail(dialectOf('ollama').busy());
    }
    const release = await state.scheduler.acquireSlot(abort.signal);
    try {
      const imageBytes = plan.images.reduce((sum, image) => sum + image.bytes, 0);
      await state.scheduler.processPrompt(
        { imageBytes, imageTokens: plan.imageTokens, promptTokens: plan.promptTokens },
        abort.signal,
        () => (entry.promptStartedAt = Date.now()),
      );
      entry.promptEndedAt = Date.now();
      await generate(state, plan, entry, res, abort.signal);
      state.scheduler.recordOutcome(true);
    } finally {
      release();
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    state.scheduler.recordOutcome(false);
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

function newLogEntry(): ChatRequestLogEntry {
  return {
    id: newCompletionMeta('').id,
    model: '',
    stream: false,
    includeUsage: false,
    maxTokens: undefined,
    responseFormatType: undefined,
    jsonSchema: undefined,
    imageCount: 0,
    images: [],
    prompt: '',
    label: undefined,
    answer: undefined,
    promptTokens: undefined,
    completionTokens: undefined,
    finishReason: undefined,
    fault: undefined,
    error: undefined,
    startedAt: Date.now(),
    promptStartedAt: undefined,
    promptEndedAt: undefined,
    finishedAt: undefined,
    closedByClient: false,
    status: undefined,
  };
}
