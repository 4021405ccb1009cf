import { statfs } from 'node:fs/promises';
import { formatMegabytes } from '@vision/core';
import { UploadRejection } from './upload-storage';

/** Kept free beyond the upload itself: its prepared images, thumbnails and database rows. */
export const SPACE_RESERVE_BYTES = 16 * 1024 * 1024;

/** Bytes an unprivileged process may still write on the file system holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

export function diskFull(dataDir: string, free: number, needed: number, during = false): UploadRejection {
  const what = during ? 'ran out of space while receiving the upload' : 'has too little space for this upload';
  return new UploadRejection(
    'storage-full',
    `DATA_DIR (${dataDir}) ${what}: ${formatMegabytes(free)} free, ${formatMegabytes(needed)} needed ` +
      `(the upload and ${formatMegabytes(SPACE_RESERVE_BYTES)} for its prepared images). Free some space, or move DATA_DIR to a larger disk.`,
  );
}

/** Refuses at once an upload whose declared size (Content-Length) does not fit, before any of it is written. */
export async function checkSpaceFor(
  uploadDir: string,
  dataDir: string,
  contentLength: number | undefined,
): Promise<UploadRejection | undefined> {
  if (contentLength === undefined) return undefined;
  const free = await freeBytes(uploadDir);
  const needed = contentLength + SPACE_RESERVE_BYTES;
  return needed > free ? diskFull(dataDir, free, needed) : undefined;
}

export const isDiskFull = (error: unknown) => ['ENOSPC', 'EDQUOT'].includes((error as { code?: string }).code ?? '');
