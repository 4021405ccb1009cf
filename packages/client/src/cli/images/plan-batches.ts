import { DEFAULT_MAX_IMAGES_PER_BATCH, DEFAULT_MAX_UPLOAD_BYTES } from '@vision/core/limits';
import type { LocalImage } from './collect-images';

export interface BatchLimits {
  maxImages: number;
  maxBytes: number;
}

/** The server's defaults (MAX_IMAGES_PER_BATCH, MAX_UPLOAD_MB). */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxImages: DEFAULT_MAX_IMAGES_PER_BATCH, maxBytes: DEFAULT_MAX_UPLOAD_BYTES };

export interface BatchPlan {
  batches: LocalImage[][];
  /** Files that alone exceed the size limit: no batch can carry them. */
  tooLarge: LocalImage[];
}

/** Splits the images, in order, into as few consecutive batches as the limits allow. */
export function planBatches(images: readonly LocalImage[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): BatchPlan {
  const batches: LocalImage[][] = [];
  const tooLarge: LocalImage[] = [];
  let current: LocalImage[] = [];
  let bytes = 0;
  for (const image of images) {
    if (image.size > limits.maxBytes) {
      tooLarge.push(image);
      continue;
    }
    if (current.length >= limits.maxImages || bytes + image.size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(image);
    bytes += image.size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}
