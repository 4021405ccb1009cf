import type { ParsedChatRequest } from '../chat-request';
import type { DoubleState } from '../double-state';
import type { ErrorReply } from '../errors';
import type { ImagePolicy } from '../images';
import type { DoubleModel, ServerKind } from '../types';

/** Any answer a route gives: JSON, or (Ollama's unknown path) plain text. */
export interface HttpReply {
  status: number;
  body: unknown;
  contentType?: 'text/plain; charset=utf-8';
}

/**
 * What makes one server kind answer like itself. The double's machinery (cost model, slots, faults, labels,
 * answers) is shared; a dialect only decides routes, shapes and refusals, each from the shared docs.
 */
export interface Dialect {
  kind: ServerKind;
  /** A name for logs and the standalone banner. */
  label: string;
  chatPaths: readonly string[];
  /** Answered before any route: a missing API key, llama.cpp still loading its model. */
  gate(state: DoubleState, authorization: string | undefined, path: string): HttpReply | undefined;
  /** Model lists, capabilities, props, health; undefined for a path the server does not have. */
  serveInfo(state: DoubleState, route: string, readJson: () => Promise<unknown>): Promise<HttpReply | undefined> | HttpReply | undefined;
  unknownPath(method: string, path: string): HttpReply;
  images: ImagePolicy;
  checkResponseFormat(format: ParsedChatRequest['responseFormat']): ErrorReply | undefined;
  /** The model a chat request gets (llama.cpp ignores the request's `model`). */
  resolveModel(state: DoubleState, id: string | undefined): DoubleModel | undefined;
  modelMissing(state: DoubleState, id: string | undefined): ErrorReply;
  /** A model without vision given images: a refusal, or (Ollama) `drop` to answer without them. */
  textOnlyWithImages(model: DoubleModel): ErrorReply | 'drop';
  /** LM Studio checks the prompt against the loaded context; undefined where the docs say nothing. */
  contextOverflow?: () => ErrorReply;
  internalError(): ErrorReply;
  /** A full queue (Ollama's 503 "server busy"); the others answer an internal error. */
  busy(): ErrorReply;
  /** `system_fingerprint` of answers and chunks; undefined leaves the field out. */
  systemFingerprint(model: string): string | undefined;
  /** A first chunk before the content (llama.cpp: `{"role":"assistant","content":null}`). */
  openingDelta?: Record<string, string | null>;
  /** The delta carrying one token. */
  contentDelta(token: string): Record<string, string>;
}

/** `Authorization: Bearer <token>` or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() || undefined;
}

/** llama.cpp's shape for every error, also used while its model loads. */
export const llamaCppError = (status: number, message: string, type: string): ErrorReply => ({
  status,
  body: { error: { code: status, message, type } },
});

export const llamaCppLoading = (): ErrorReply => llamaCppError(503, 'Loading model', 'unavailable_error');
