/** Formats accepted from users. Everything is re-encoded before it reaches LM Studio (see prepare-image.ts). */
export const SUPPORTED_FORMATS = ['png', 'jpeg', 'gif', 'bmp', 'webp'] as const;
export type ImageFormat = (typeof SUPPORTED_FORMATS)[number];

/**
 * The most pixels an image sent to a model may have: LM Studio answers 400 above 5120x5120 before it resizes
 * anything (lmstudio-bug-tracker#2003), and no server is helped by more.
 */
export const MAX_SENT_PIXELS = 26_214_400;

/**
 * Default ceiling on the pixels an input may declare. Decoding costs about 3-4 bytes per pixel, so 100 MP
 * keeps one image under ~400 MB even in the worst case; photos from current phones are 12-50 MP.
 */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;
