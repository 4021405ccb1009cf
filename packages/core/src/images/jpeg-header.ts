/**
 * The largest side libjpeg-turbo decodes (JPEG_MAX_DIMENSION). A frame header claiming more is refused by libvips
 * with "Maximum supported image dimension is 65500 pixels", a message libvips sometimes loses when several images
 * decode at once; reading the size here lets the user always learn the size instead.
 */
export const JPEG_MAX_SIDE = 65_500;

/** How far into a JPEG its frame header is looked for: past an EXIF block with a thumbnail (at most 64 KB each). */
export const JPEG_HEADER_BYTES = 256 * 1024;

/** SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isFrameMarker = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Walks the marker segments at the start of a JPEG to its frame header and returns the size it declares, or
 * undefined when the header lies beyond `head` or the segments are damaged (libvips then has its say).
 */
export function readJpegFrameSize(head: Uint8Array): { width: number; height: number } | undefined {
  let offset = 2; // after SOI
  while (offset + 4 <= head.length) {
    if (head[offset] !== 0xff) return undefined;
    const marker = head[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = (head[offset + 2]! << 8) | head[offset + 3]!;
    if (length < 2) return undefined;
    if (isFrameMarker(marker)) {
      if (offset + 9 > head.length) return undefined;
      const height = (head[offset + 5]! << 8) | head[offset + 6]!;
      const width = (head[offset + 7]! << 8) | head[offset + 8]!;
      return { width, height };
    }
    offset += 2 + length;
  }
  return undefined;
}
