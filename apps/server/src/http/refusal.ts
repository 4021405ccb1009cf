import type { Response } from 'express';
import { type DomainError, ERROR_KINDS, type ErrorCode, type ErrorKind } from '@vision/core/errors';

/** Every refusal's HTTP status, in one place: core says what kind of failure it is, never the number. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  'too-large': 413,
  'storage-full': 507,
  conflict: 409,
  'inference-unavailable': 503,
  unavailable: 503,
  unauthorized: 401,
  internal: 500,
};

export const statusOf = (code: ErrorCode): number => HTTP_STATUS[ERROR_KINDS[code]];

/** Answers a refused request with the seed's `{ success: false, error }`, plus the machine `code`. */
export function sendRefusal(res: Response, code: ErrorCode, error: string): void {
  res.status(statusOf(code)).json({ success: false, error, code });
}

export function sendDomainError(res: Response, error: DomainError): void {
  sendRefusal(res, error.code, error.message);
}
