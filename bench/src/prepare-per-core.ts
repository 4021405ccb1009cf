import { prepareImage } from '@vision/core';
import type { BenchPhoto } from './photos';

export interface PreparationRate {
  images: number;
  /** Mean wall time of one preparation, one at a time (one core's work: sharp's own threads set to 1). */
  msPerImage: number;
  imagesPerSecondPerCore: number;
}

/** Each of the bench's 12 MP photos prepared as the server does (1024 px JPEG), one after the other. */
export async function measurePreparation(photos: BenchPhoto[]): Promise<PreparationRate> {
  const sharp = (await import('sharp')).default;
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  try {
    await prepareImage(photos[0]!.path, { maxSide: 1024 });
    const startedAt = performance.now();
    for (const photo of photos) await prepareImage(photo.path, { maxSide: 1024 });
    const msPerImage = (performance.now() - startedAt) / photos.length;
    return { images: photos.length, msPerImage, imagesPerSecondPerCore: 1000 / msPerImage };
  } finally {
    sharp.concurrency(threads);
  }
}
