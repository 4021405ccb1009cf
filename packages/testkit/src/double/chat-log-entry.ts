import type { ParsedChatRequest } from './chat-request';
import { newCompletionMeta } from './chat-response';
import type { ChatPlan } from './chat-validation';
import type { ChatRequestLogEntry } from './types';

/** The log entry of a request just received: everything unknown until the body is read. */
export function newLogEntry(): ChatRequestLogEntry {
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

/** What the client asked for, logged before any check so that a refused request still shows it. */
export function logRequest(entry: ChatRequestLogEntry, request: ParsedChatRequest): void {
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
}

/** What the double made of the request once it passed the checks; image fingerprints stay out of the log. */
export function logPlan(entry: ChatRequestLogEntry, plan: ChatPlan): void {
  Object.assign(entry, {
    model: plan.model.id,
    images: plan.images.map(({ fingerprint: _fingerprint, ...logged }) => logged),
    label: plan.label,
    answer: plan.answer,
    promptTokens: plan.promptTokens,
  });
}
