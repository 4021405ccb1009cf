import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  /** LM Studio repeats the model, Ollama says `fp_ollama`, llama.cpp its build; vLLM leaves it out. */
  systemFingerprint?: string | undefined;
  /** LM Studio's /v1 answers carry an empty `stats`; the other servers have no such field. */
  emptyStats?: boolean;
}

const fingerprintOf = (meta: CompletionMeta) =>
  meta.systemFingerprint === undefined ? {} : { system_fingerprint: meta.systemFingerprint };

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length';

/** LM Studio ids look like `chatcmpl-i3gkjwthhw96whukek9tz`: lowercase base36 after the prefix. */
export function newCompletionMeta(model: string): CompletionMeta {
  const suffix = [...randomBytes(21)].map((byte) => (byte % 36).toString(36)).join('');
  return { id: `chatcmpl-${suffix}`, created: Math.floor(Date.now() / 1000), model, systemFingerprint: model };
}

export function completionBody(meta: CompletionMeta, content: string, finishReason: FinishReason, usage: Usage) {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finishReason }],
    usage,
    // Always empty on /v1: timings only exist on the native API, so clients measure them through streaming.
    ...(meta.emptyStats === false ? {} : { stats: {} }),
    ...fingerprintOf(meta),
  };
}

export function streamChunk(meta: CompletionMeta, delta: Record<string, string | null>, finishReason: FinishReason | null) {
  return {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    ...fingerprintOf(meta),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

export function usageChunk(meta: CompletionMeta, usage: Usage) {
  return {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    ...fingerprintOf(meta),
    choices: [],
    usage,
  };
}

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
}

export function writeEvent(res: ServerResponse, payload: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.write(`data: ${payload === '[DONE]' ? payload : JSON.stringify(payload)}\n\n`);
}
