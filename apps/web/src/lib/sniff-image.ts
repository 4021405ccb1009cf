import { SNIFF_BYTES, sniffImage, type SniffResult } from '@vision/core/sniff';

/**
 * The server's own sniffing (`@vision/core/sniff`): the format comes from the first bytes, never from the name or
 * MIME type, so a text file named .png is marked before it is uploaded. The server checks again and has the last word.
 */
export { sniffImage, type SniffRejection, type SniffResult } from '@vision/core/sniff';
export type { ImageFormat } from '@vision/core/sniff';

export async function sniffFile(file: Blob): Promise<SniffResult> {
  return sniffImage(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
}
