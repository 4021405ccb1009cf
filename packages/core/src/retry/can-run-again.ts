/**
 * Pure, as `@vision/core/can-run-again`: which items of a batch a retry can run again, so the server's view, the
 * web app and the CLI offer the same retry. A retry sends the image prepared earlier, or the original when the
 * item was cancelled before preparation; a file refused for what it is (not an image, corrupt, too large) is
 * removed once refused, so running it again has nothing to send.
 */
import type { BatchItemView, ItemResult, ItemStatus } from '../schemas/batch';
import type { ItemErrorCode } from '../schemas/error-codes';

/**
 * Whether an item that failed with this code still has its image with the server. Keyed by every code, so a new
 * code cannot be added without deciding this.
 */
export const IMAGE_KEPT_AFTER: Readonly<Record<ItemErrorCode, boolean>> = {
  // Cancelled before or while it ran: its original or its prepared image is kept for a retry.
  cancelled: true,
  // Refused for what the file is: removed once refused.
  'empty-file': false,
  'not-an-image': false,
  'unsupported-format': false,
  'corrupt-image': false,
  'image-too-large': false,
  'file-not-kept': false,
  'preparation-failed': false,
  // Prepared, then the model failed it: the prepared image is sent again.
  'inference-timeout': true,
  'inference-unreachable': true,
  'inference-error': true,
  'inference-bad-response': true,
  'no-entity': true,
  'no-fields': true,
  'inference-unavailable': true,
  'inference-server-error': true,
  'model-cannot-see-images': true,
  // A pool without a host for it: the prepared image waits for a host to come back.
  'model-not-on-any-host': true,
  'no-host-available': true,
  'failover-exhausted': true,
  // A cluster worker could not see the upload: once DATA_DIR is shared, the original is still there to run.
  'data-dir-not-shared': true,
  // The CLI's own: the server never had the image, or has it still (exported before its turn).
  'not-sent': false,
  'not-finished': true,
};

/**
 * Whether a retry would run this item again, judged from its status and result alone (the server also checks
 * its files: see the view's `retryable`). A result stored before codes existed counts as kept.
 */
export function canRunAgain(item: { status: ItemStatus; result: Pick<ItemResult, 'errorCode'> | null }): boolean {
  if (item.status !== 'error' && item.status !== 'cancelled') return false;
  const code = item.result?.errorCode;
  return code ? IMAGE_KEPT_AFTER[code] : true;
}

/** The indexes a default retry runs: the items whose view says they can run again. */
export function retryableIndexes(items: ReadonlyArray<Pick<BatchItemView, 'index' | 'retryable'>>): number[] {
  return items.filter((item) => item.retryable).map((item) => item.index);
}
