/**
 * A problem with the image itself (unsupported format, corrupt data, too large), as opposed to an I/O or
 * programming error. `reason` is short, written for the person who uploaded the file, and safe to show.
 */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.reason = reason;
  }
}
