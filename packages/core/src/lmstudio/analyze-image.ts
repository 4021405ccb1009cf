import type OpenAI from 'openai';
import { ENTITY_RESPONSE_FORMAT, buildUserPrompt, parseEntityAnswer } from '../answer';
import type { AnswerFormat } from '../fields/answer-format';
import type { FieldErrors, FieldValues } from '../fields/field-types';
import type { PreparedImage } from '../images';
import type { ItemErrorCode } from '../schemas/error-codes';
import { describeRequestFailure, LmStudioResponseError, type ServerNaming } from './errors';

export interface AnalyzeImageRequest {
  model: string;
  image: Pick<PreparedImage, 'data' | 'mime'>;
  /** The user's own instruction; the JSON entity request is still appended. */
  prompt?: string | undefined;
  /** A batch with fields: their prompt and schema are sent, and the answer is read field by field. */
  answer?: AnswerFormat | undefined;
  signal?: AbortSignal | undefined;
}

export interface AnalysisTimings {
  /** Seconds from sending the request to the end of the answer. */
  durationS: number;
  timeToFirstTokenS: number | null;
  tokensPerSecond: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Which server answered (set by the host router). */
export interface AnswerSource {
  host?: string | undefined;
  hostKind?: string | undefined;
}

export type ImageAnalysis =
  /** `modelAnswer`: what the model named, before normalising (`ParsedAnswer.phrase`); `fields`: a batch with fields. */
  | ({
      ok: true;
      entity: string | null;
      modelAnswer?: string;
      rawAnswer: string;
      fields?: FieldValues;
      fieldErrors?: FieldErrors;
    } & AnalysisTimings &
      AnswerSource)
  /** `code`: the item's error code, given where the failure was seen. */
  | ({ ok: false; code: ItemErrorCode; error: string; rawAnswer: string | null } & AnalysisTimings & AnswerSource);

/** Bounds each answer: the entity is a few tokens, a runaway model should not hold the GPU. */
export const DEFAULT_MAX_TOKENS = 256;

export interface AnalyzeImageDeps {
  openai: OpenAI;
  baseUrl: string;
  requestTimeoutMs: number;
  maxTokens: number;
  /** Who answers, for messages; LM Studio by default. */
  server?: ServerNaming | undefined;
}

/**
 * One streamed chat completion for one image. Streaming is how time to first token and tokens per second
 * are measured: LM Studio's /v1 `stats` is always empty.
 */
export async function analyzeImage(deps: AnalyzeImageDeps, request: AnalyzeImageRequest): Promise<ImageAnalysis> {
  // The openai package's own timeout stops counting once headers arrive; this one covers the whole stream.
  const timeout = AbortSignal.timeout(deps.requestTimeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const reading = createStreamReading();
  try {
    const stream = await deps.openai.chat.completions.create(chatRequest(deps, request), { signal });
    for await (const chunk of stream) reading.take(chunk);
    // The openai package ends a stream quietly when its signal aborts: that is not a finished answer.
    if (signal.aborted) throw signal.reason;
    // Not even a finish_reason: LM Studio sent nothing, which says nothing about the model's answer.
    if (reading.chunks === 0) throw new LmStudioResponseError('answered with an empty response');
  } catch (error) {
    const failure = describeRequestFailure(error, {
      baseUrl: deps.baseUrl,
      timedOut: timeout.aborted && !request.signal?.aborted,
      timeoutS: deps.requestTimeoutMs / 1000,
      server: deps.server,
    });
    return { ok: false, code: failure.code, error: failure.message, rawAnswer: reading.answer || null, ...reading.timings() };
  }
  const cutOff = reading.finishReason === 'length' ? ` (the answer was cut off at max_tokens = ${deps.maxTokens})` : '';
  if (request.answer) return readFields(request.answer, reading.answer, cutOff, reading.timings());
  return readEntity(reading.answer, cutOff, reading.timings());
}

/** The request: the question (today's or the fields'), the image inline, and the JSON shape the answer must take. */
function chatRequest(deps: AnalyzeImageDeps, request: AnalyzeImageRequest): OpenAI.ChatCompletionCreateParamsStreaming {
  return {
    model: request.model,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: deps.maxTokens,
    temperature: 0,
    response_format: request.answer?.responseFormat ?? ENTITY_RESPONSE_FORMAT,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: request.answer?.prompt ?? buildUserPrompt(request.prompt) },
          { type: 'image_url', image_url: { url: `data:${request.image.mime};base64,${request.image.data.toString('base64')}` } },
        ],
      },
    ],
  };
}

/** What the stream has brought so far: the answer, how it ended, the usage, and when its tokens came. */
function createStreamReading() {
  const startedAt = performance.now();
  let firstTokenAt: number | null = null;
  let lastTokenAt: number | null = null;
  let streamedChunks = 0;
  let usage: OpenAI.CompletionUsage | undefined;
  const reading = {
    answer: '',
    chunks: 0,
    finishReason: null as string | null,
    take(chunk: OpenAI.ChatCompletionChunk) {
      reading.chunks += 1;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) return;
      // Reasoning models may stream their thoughts in a separate field: still the model's first token.
      const delta = choice.delta as { content?: string | null; reasoning_content?: string | null };
      const piece = delta.content ?? '';
      if (piece || delta.reasoning_content) {
        lastTokenAt = performance.now();
        firstTokenAt ??= lastTokenAt;
      }
      if (piece) {
        reading.answer += piece;
        streamedChunks += 1;
      }
      if (choice.finish_reason) reading.finishReason = choice.finish_reason;
    },
    timings(): AnalysisTimings {
      const endedAt = performance.now();
      const completionTokens = usage?.completion_tokens ?? (streamedChunks > 0 ? streamedChunks : null);
      // The first token's time is time to first token; the rate is of the tokens after it, over the time they took.
      const decodeS = firstTokenAt === null || lastTokenAt === null ? 0 : (lastTokenAt - firstTokenAt) / 1000;
      return {
        durationS: (endedAt - startedAt) / 1000,
        timeToFirstTokenS: firstTokenAt === null ? null : (firstTokenAt - startedAt) / 1000,
        tokensPerSecond: completionTokens && completionTokens > 1 && decodeS > 0.001 ? (completionTokens - 1) / decodeS : null,
        promptTokens: usage?.prompt_tokens ?? null,
        completionTokens,
      };
    },
  };
  return reading;
}

/** Today's question: the main entity, normalised, beside the model's own phrase. */
function readEntity(answer: string, cutOff: string, timings: AnalysisTimings): ImageAnalysis {
  const parsed = parseEntityAnswer(answer);
  if (parsed.ok) return { ok: true, entity: parsed.entity, modelAnswer: parsed.phrase, rawAnswer: answer, ...timings };
  return {
    ok: false,
    code: 'no-entity',
    error: `No entity in the model's answer: ${parsed.reason}${cutOff}`,
    rawAnswer: answer,
    ...timings,
  };
}

/** A fields answer: the item fails only when no field could be read; the entity is the `entity` field's, if asked. */
async function readFields(format: AnswerFormat, answer: string, cutOff: string, timings: AnalysisTimings): Promise<ImageAnalysis> {
  const read = await format.read(answer);
  if (!read.ok)
    return {
      ok: false,
      code: 'no-fields',
      error: `No field in the model's answer: ${read.reason}${cutOff}`,
      rawAnswer: answer,
      ...timings,
    };
  const entity = typeof read.fields.entity === 'string' ? read.fields.entity : null;
  return { ok: true, entity, rawAnswer: answer, fields: read.fields, fieldErrors: read.errors, ...timings };
}
