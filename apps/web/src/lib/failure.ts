import { TRPCClientError } from '@trpc/client';
import type { ItemErrorCode } from '@vision/api-contract';
import type { RequestFailureCode } from '../i18n/explain-messages';
import type { Messages } from '../i18n';
import { UploadError } from './post-form';

/** A failure as the page shows it: its code, said in the user's language, and the server's own words as details. */
export interface Failure {
  code: RequestFailureCode;
  /** The server's English text (with the inference server's words, when it quotes them); null when there is nothing more to say. */
  detail: string | null;
}

/** Reads a code the server sent; one this page does not know (a newer server) is said as `unknown`, its text kept. */
export function knownCode(code: unknown, t: Pick<Messages, 'errors'>): RequestFailureCode | null {
  return typeof code === 'string' && Object.hasOwn(t.errors.request, code) ? (code as RequestFailureCode) : null;
}

/**
 * What went wrong with a request: an upload's refusal (`UploadError`, with the 4xx body's `code`), a procedure's
 * error (tRPC, with `data.errorCode`), or the server out of reach.
 */
export function failureOf(error: unknown, t: Pick<Messages, 'errors'>): Failure {
  if (error instanceof UploadError) {
    // A proxy in front of the server may refuse a large body itself, without the server's code.
    const fallback = error.status === 413 ? 'upload-too-large' : 'unknown';
    return { code: knownCode(error.code, t) ?? fallback, detail: error.message || null };
  }
  if (error instanceof TRPCClientError) {
    const data = error.data as { errorCode?: unknown } | undefined | null;
    // No `data` means no answer came back: the server is gone, or the network is.
    if (!data) return { code: 'server-unreachable', detail: error.message || null };
    return { code: knownCode(data.errorCode, t) ?? 'unknown', detail: error.message || null };
  }
  return { code: 'unknown', detail: error instanceof Error ? error.message : String(error) };
}

/** The failure in the user's language. */
export const failureMessage = (failure: Failure, t: Pick<Messages, 'errors'>): string => t.errors.request[failure.code];

/** Why one image failed, in the user's language; null for a result without a code (stored before codes). */
export function itemFailureMessage(code: ItemErrorCode | null | undefined, t: Pick<Messages, 'errors'>): string | null {
  return code ? t.errors.item[code] : null;
}
