import { MAX_CONCURRENCY } from '@vision/core';
import { UploadRejection } from './upload-storage';

/**
 * The optional multipart field `concurrency`: how many of this batch's requests LM Studio gets at once.
 * Empty means "not set" (the server's setting, else LM Studio's parallel slots); anything but a whole number
 * from 1 to MAX_CONCURRENCY is refused before the batch exists.
 */
export function readConcurrencyField(value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= 1 && number <= MAX_CONCURRENCY)) {
    throw new UploadRejection(
      'invalid-concurrency',
      `"concurrency" must be a whole number from 1 to ${MAX_CONCURRENCY} (requests sent to LM Studio at once), got "${text.slice(0, 20)}".`,
    );
  }
  return number;
}
