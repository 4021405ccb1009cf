import sharp from 'sharp';

export const THUMBNAIL_SIDE = 256;

/** A small JPEG of the prepared image, kept with the batch so history shows pictures after the upload is gone. */
export function makeThumbnail(prepared: Buffer): Promise<Buffer> {
  return sharp(prepared)
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 72 })
    .toBuffer();
}
