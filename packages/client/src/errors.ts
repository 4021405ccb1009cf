import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@vision/api-contract';
import type { ErrorCode } from '@vision/core/schemas';

/**
 * The server could not be reached at all (refused, unknown host, reset). It extends TRPCClientError so that
 * calls through the typed tRPC client reject with this very error too, not with a wrapper around it.
 */
export class ConnectionError extends TRPCClientError<AppRouter> {
  readonly serverUrl: string;

  constructor(serverUrl: string, cause: unknown) {
    super(`Cannot reach the Vision batch server at ${serverUrl} (${networkReason(cause)}).`, { cause: asError(cause) });
    // TRPCClientError's constructor resets the prototype to its own; put ours back so instanceof works.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'ConnectionError';
    this.serverUrl = serverUrl;
  }
}

/** The server answered a plain HTTP route (upload, export) with an error status. */
export class VisionApiError extends Error {
  override readonly name = 'VisionApiError';

  constructor(
    readonly status: number,
    message: string,
    /** The server's machine code for the refusal (`too-many-images`...); null when it sent none. */
    readonly code: ErrorCode | null = null,
  ) {
    super(message);
  }
}

/** True for a ConnectionError, wherever it sits in a chain of causes. */
export function isConnectionError(error: unknown): error is ConnectionError {
  return findCause(error, (cause): cause is ConnectionError => cause instanceof ConnectionError) !== undefined;
}

export function findCause<T>(error: unknown, match: (cause: unknown) => cause is T): T | undefined {
  for (let cause = error, depth = 0; cause && depth < 10; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    if (match(cause)) return cause;
  }
  return undefined;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function networkReason(error: unknown): string {
  const withCode = findCause(error, (cause): cause is { code: string } => typeof (cause as { code?: unknown })?.code === 'string');
  if (withCode) return NETWORK_REASONS[withCode.code] ?? withCode.code;
  // The EventSource hands failures over as text only ("... connect ECONNREFUSED 127.0.0.1:3000").
  const text = error instanceof Error ? error.message : String(error);
  const code = /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(text)?.[1];
  return code ? (NETWORK_REASONS[code] ?? code) : text;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
