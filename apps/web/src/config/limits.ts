/**
 * The server's default limits (MAX_IMAGES_PER_BATCH, MAX_UPLOAD_MB). The browser warns against them before
 * uploading; a server configured otherwise still has the last word and answers 400/413 with its reason.
 */
export { DEFAULT_MAX_IMAGES_PER_BATCH as MAX_IMAGES_PER_BATCH, DEFAULT_MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES } from '@vision/core/limits';

/** From this share of a limit the dataset info turns amber, so nobody is surprised at 36. */
export const LIMIT_WARNING_RATIO = 0.8;

/** The models the product is tuned for; shown first, as buttons, whether or not a server lists them. */
export const SEED_MODELS = ['qwen/qwen3-vl-4b', 'google/gemma-3-4b'] as const;

/** What the file picker offers; anything can still be dropped, and is checked by its bytes. */
export const ACCEPTED_FILE_TYPES = 'image/png,image/jpeg,image/gif,image/bmp,image/webp,.png,.jpg,.jpeg,.gif,.bmp,.webp';

/** A batch's downloads, and a comparison's (every answer, the per-model figures, or everything as JSON): the server's list. */
export { COMPARISON_EXPORT_FORMATS, EXPORT_FORMATS, type ComparisonExportFormat, type ExportFormat } from '@vision/core/export-formats';

export const HISTORY_PAGE_SIZE = 10;
