import type { ItemErrorCode } from '../schemas/error-codes';

/**
 * A problem with the image itself (unsupported format, corrupt data, too large), as opposed to an I/O or
 * programming error. `reason` is short, written for the person who uploaded the file, and safe to show;
 * `code` is what a program decides on.
 */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  readonly reason: string;
  readonly code: ItemErrorCode;

  constructor(reason: string, options?: { cause?: unknown; code?: ItemErrorCode }) {
    super(reason, options);
    this.reason = reason;
    this.code = options?.code ?? 'corrupt-image';
  }
}
