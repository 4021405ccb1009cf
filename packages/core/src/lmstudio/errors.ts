import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, InternalServerError } from 'openai';
import type { ItemFailure } from '../schemas/error-codes';

/**
 * LM Studio reports errors as a bare string (`{"error":"No models loaded..."}`) or as an OpenAI-style object
 * (`{"error":{"message":"..."}}`), sometimes with HTTP 200. This pulls the human message out of either.
 */
export function errorFieldMessage(errorField: unknown): string | undefined {
  if (typeof errorField === 'string') return errorField;
  if (errorField && typeof errorField === 'object' && 'message' in errorField) {
    const message = (errorField as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  if (errorField !== undefined && errorField !== null) return JSON.stringify(errorField);
  return undefined;
}

/** Thrown by the client's fetch wrapper when LM Studio answers an error with HTTP 200, or answers garbage. */
export class LmStudioResponseError extends Error {
  override readonly name = 'LmStudioResponseError';
}

/** Names the server in messages: "Cannot reach Ollama at ...", with what to do about it. */
export interface ServerNaming {
  name: string;
  /** The sentence after "Cannot reach X at URL.": how to start it or where to point. */
  startHint: string;
}

export const LM_STUDIO_NAMING: ServerNaming = { name: 'LM Studio', startHint: "Start LM Studio's server or set LMSTUDIO_BASE_URL." };

/** HTTP 503 Service Unavailable: the one status whose meaning is "ask again later". */
const SERVICE_UNAVAILABLE = 503;

/**
 * Turns whatever the openai package or fetch threw into the item's code and a message a user can act on.
 * `inference-unavailable`: the server said "not now" (llama.cpp loading its model, Ollama's full queue), worth
 * waiting for; `inference-server-error`: the server itself failed (5xx), so another host may do better.
 */
export function describeRequestFailure(
  error: unknown,
  context: { baseUrl: string; timedOut: boolean; timeoutS: number; server?: ServerNaming | undefined },
): ItemFailure {
  const { name, startHint } = context.server ?? LM_STUDIO_NAMING;
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    return {
      code: 'inference-timeout',
      message: `${name} did not finish answering within ${context.timeoutS} s (REQUEST_TIMEOUT_S); the request was cancelled`,
    };
  }
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return { code: 'cancelled', message: 'cancelled' };
  }
  // The openai package wraps whatever its fetch threw (our LmStudioResponseError included) as a connection error.
  const responseError = error instanceof APIConnectionError ? error.cause : error;
  if (responseError instanceof LmStudioResponseError) {
    return { code: 'inference-error', message: `${name}: ${responseError.message}` };
  }
  if (error instanceof APIConnectionError) {
    const cause = connectionCause(error);
    return {
      code: 'inference-unreachable',
      message: `Cannot reach ${name} at ${context.baseUrl}${cause ? ` (${cause})` : ''}. ${startHint}`,
    };
  }
  if (error instanceof APIError) {
    const message = errorFieldMessage(error.error) ?? error.message;
    const code = !(error instanceof InternalServerError)
      ? 'inference-error'
      : error.status === SERVICE_UNAVAILABLE
        ? 'inference-unavailable'
        : 'inference-server-error';
    return { code, message: `${name}: ${message}${error.status ? ` (HTTP ${error.status})` : ''}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  // A connection dropped mid-stream surfaces from undici as a bare TypeError("terminated"); the word boundary
  // keeps a broken stream's JSON error ("Unterminated string in JSON") from reading as a dropped connection.
  if (/\bterminated\b|ECONNRESET|socket hang up|other side closed/i.test(text)) {
    return { code: 'inference-unreachable', message: `${name} at ${context.baseUrl} closed the connection mid-answer (${text})` };
  }
  return { code: 'inference-bad-response', message: `${name} sent an unusable answer: ${text}` };
}

function connectionCause(error: APIConnectionError): string | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code === 'ECONNREFUSED' ? 'connection refused' : code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
