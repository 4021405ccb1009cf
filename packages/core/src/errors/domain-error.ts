import { ERROR_KINDS, type ErrorCode, type ErrorKind } from '../schemas/error-codes';

/**
 * A refusal the caller can act on: a stable `code` (what clients decide on and translate), its `kind` (what
 * the hosts map to an HTTP status or a tRPC code, each in one place) and an English message for people.
 * Core never knows the status numbers.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly kind: ErrorKind;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = ERROR_KINDS[code];
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** The one way to say "there is no such thing": `No batch with id "…".` */
export function notFound(what: 'batch' | 'comparison', id: string): DomainError {
  return new DomainError(`${what}-not-found`, `No ${what} with id "${id}".`);
}
