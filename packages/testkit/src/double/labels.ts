import { readFile } from 'node:fs/promises';
import { validPhotos } from '../corpus';
import type { RawImage } from './bmp';
import { nameColour } from './colour-names';
import { colourDistance, fingerprintAsDisplayed, similarity, type ImageFingerprint } from './fingerprint';

/**
 * A reference image for a label. `bytes` may be any format sharp reads (JPEG, PNG, WebP, TIFF, ...) or an
 * uncompressed BMP; EXIF orientation is applied, since a reference is the photo as a person sees it.
 * `raw` is for pixels decoded elsewhere (e.g. a BMP variant the built-in decoder refuses).
 */
export type LabelReference = { label: string; bytes: Uint8Array } | { label: string; raw: RawImage };

/** Measured on the corpus: resizes (0.25x to 3x) and JPEG re-encodings of one photo correlate above 0.93,
 * different photos below 0.69, and the hopper photo turned 90 degrees at 0.24. */
const MIN_SIMILARITY = 0.85;
/** Mean colour survives JPEG re-encoding to within a few units; 40 still tells red from orange. */
const MAX_COLOUR_DISTANCE = 40;

export interface ImageAnswer {
  label: string;
  /** Whether the label came from a registered reference rather than the mean colour. */
  matched: boolean;
  similarity?: number;
}

export class LabelRegistry {
  private readonly references: Array<{ label: string; fingerprint: ImageFingerprint }> = [];

  async register(reference: LabelReference): Promise<void> {
    const fingerprint = await fingerprintAsDisplayed('raw' in reference ? reference.raw : reference.bytes);
    this.references.push({ label: reference.label, fingerprint });
  }

  get size(): number {
    return this.references.length;
  }

  /** Swaps in a registry built off to the side, so requests never see a half-built set of labels. */
  replaceWith(other: LabelRegistry): void {
    this.references.splice(0, this.references.length, ...other.references);
  }

  /** The nearest registered label within tolerance, else the name of the image's mean colour. */
  answerFor(fingerprint: ImageFingerprint): ImageAnswer {
    let best: { label: string; similarity: number } | undefined;
    for (const reference of this.references) {
      if (colourDistance(reference.fingerprint, fingerprint) > MAX_COLOUR_DISTANCE) continue;
      const score = similarity(reference.fingerprint, fingerprint);
      if (score >= MIN_SIMILARITY && (!best || score > best.similarity)) best = { label: reference.label, similarity: score };
    }
    if (best) return { label: best.label, matched: true, similarity: best.similarity };
    return { label: nameColour(fingerprint.meanRgb), matched: false };
  }
}

/** Every valid corpus photo as a reference, labelled as the manifest says (the BMP bird included). */
export async function corpusLabelReferences(): Promise<LabelReference[]> {
  return Promise.all(validPhotos().map(async (photo) => ({ label: photo.label, bytes: await readFile(photo.absolutePath) })));
}
