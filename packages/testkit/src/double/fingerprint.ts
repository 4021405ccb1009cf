import sharp, { type Sharp } from 'sharp';
import { decodeBmp, isBmp, type RawImage } from './bmp';

/**
 * A perceptual fingerprint: a 16x16 grey thumbnail, normalised to zero mean and unit length, plus the mean
 * colour. Two images are compared by the correlation of their thumbnails, which survives resizing and
 * JPEG/PNG re-encoding far better than a bit hash on photos with soft, flat areas (on the corpus a
 * 16x16 difference hash wobbled by 40 of 256 bits under plain resizes). The mean colour tells apart images
 * the thumbnail cannot, e.g. two flat images of different colours.
 */
export interface ImageFingerprint {
  thumbnail: Float64Array;
  /** No visible structure (a solid colour): correlation is meaningless, only the colour counts. */
  flat: boolean;
  meanRgb: [number, number, number];
}

const SIDE = 16;

/** The image exactly as stored: no EXIF rotation, because llama.cpp's loader ignores it too. */
export function fingerprintAsStored(bytes: Uint8Array): Promise<ImageFingerprint> {
  return fingerprint(sharp(bytes));
}

/**
 * The image as a person sees it: EXIF orientation applied. References are what a person labelled, so a
 * sideways-stored photo sent without rotation must not match its reference. BMP is decoded here since
 * sharp cannot read it.
 */
export function fingerprintAsDisplayed(image: Uint8Array | RawImage): Promise<ImageFingerprint> {
  if (image instanceof Uint8Array) {
    if (isBmp(image)) return fingerprintAsDisplayed(decodeBmp(image));
    return fingerprint(sharp(image).rotate());
  }
  const { data, width, height, channels } = image;
  return fingerprint(sharp(data, { raw: { width, height, channels } }));
}

async function fingerprint(pipeline: Sharp): Promise<ImageFingerprint> {
  const data = await pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    // JPEG shrink-on-load would give a blockier thumbnail for big JPEGs than for the same picture as PNG.
    .resize(SIDE, SIDE, { fit: 'fill', fastShrinkOnLoad: false })
    .raw()
    .toBuffer();
  const count = SIDE * SIDE;
  const thumbnail = new Float64Array(count);
  let sumR = 0;
  let sumG = 0;
  let sumB = 0;
  for (let i = 0; i < count; i += 1) {
    const r = data[i * 3] ?? 0;
    const g = data[i * 3 + 1] ?? 0;
    const b = data[i * 3 + 2] ?? 0;
    thumbnail[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    sumR += r;
    sumG += g;
    sumB += b;
  }
  const mean = thumbnail.reduce((sum, value) => sum + value, 0) / count;
  let norm = 0;
  for (let i = 0; i < count; i += 1) {
    thumbnail[i] = (thumbnail[i] ?? 0) - mean;
    norm += (thumbnail[i] ?? 0) ** 2;
  }
  norm = Math.sqrt(norm);
  // Below about 2 grey levels of standard deviation, what is left is encoder noise, not structure.
  const flat = norm / Math.sqrt(count) < 2;
  if (!flat) for (let i = 0; i < count; i += 1) thumbnail[i] = (thumbnail[i] ?? 0) / norm;
  return { thumbnail, flat, meanRgb: [sumR / count, sumG / count, sumB / count] };
}

/** Correlation of the two thumbnails: 1 for the same picture, around 0 for unrelated ones. */
export function similarity(a: ImageFingerprint, b: ImageFingerprint): number {
  if (a.flat || b.flat) return a.flat && b.flat ? 1 : 0;
  let dot = 0;
  for (let i = 0; i < a.thumbnail.length; i += 1) dot += (a.thumbnail[i] ?? 0) * (b.thumbnail[i] ?? 0);
  return dot;
}

export function colourDistance(a: ImageFingerprint, b: ImageFingerprint): number {
  const [r1, g1, b1] = a.meanRgb;
  const [r2, g2, b2] = b.meanRgb;
  return Math.hypot(r1 - r2, g1 - g2, b1 - b2);
}
