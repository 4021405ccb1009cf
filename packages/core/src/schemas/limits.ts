/** Pure constants, as `@vision/core/limits`: what the server takes by default, for the web app and the CLI to plan by. */

/** The server's default limits (MAX_IMAGES_PER_BATCH, MAX_UPLOAD_MB); the web app and the CLI plan by them too. */
export const DEFAULT_MAX_IMAGES_PER_BATCH = 35;
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Most requests LM Studio gets at once for one batch (the upload's `concurrency` field). */
export const MAX_CONCURRENCY = 16;
/** The longest prompt an upload may carry, in bytes of UTF-8. */
export const MAX_PROMPT_BYTES = 16 * 1024;
