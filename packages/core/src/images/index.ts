export { decodeBmp, type DecodedBmp } from './bmp-decode';
export { readBmpHeader, type BmpHeader } from './bmp-header';
export { ImageError } from './image-error';
export { DEFAULT_MAX_INPUT_PIXELS, MAX_SENT_PIXELS, type ImageFormat } from './image-format';
export { readPngHeader, type PngHeader } from './png-header';
export { prepareImage, type PreparedImage, type PrepareOptions } from './prepare-image';
export { probeImage, type ImageProbe } from './probe-image';
export { SNIFF_BYTES, SNIFF_ITEM_ERRORS, sniffFile, sniffImage, type SniffRejection, type SniffResult } from './sniff';
