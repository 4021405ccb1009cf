import { open } from 'node:fs/promises';
import { SNIFF_BYTES, sniffImage, type SniffResult } from './sniff-image';

export { SNIFF_BYTES, SNIFF_ITEM_ERRORS, SNIFF_REASONS, sniffImage, type SniffRejection, type SniffResult } from './sniff-image';

/** Sniffs a file on disk, reading only its first bytes. I/O errors (missing file...) are thrown as they are. */
export async function sniffFile(path: string): Promise<SniffResult> {
  return sniffImage(await readHead(path));
}

export async function readHead(path: string, length = SNIFF_BYTES): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
