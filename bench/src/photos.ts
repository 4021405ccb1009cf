import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { decodeBmp, validPhotos } from '@vision/testkit';

export interface BenchPhoto {
  name: string;
  path: string;
  bytes: number;
  label: string;
}

const COPIES = 5;
const TARGET_PIXELS = 12_000_000;
const JPEG_QUALITY = 92;
/** Kept across runs: generating the 35 photos takes longer than sending them. Bump the suffix to regenerate. */
const CACHE_DIR = path.join(os.tmpdir(), 'vision-bench-photos-v1');

/**
 * 35 camera-sized photos: the 7 corpus photos × 5, each upscaled to about 12 MP and given a fine grain (as a
 * phone camera's sensor noise would) so that, at JPEG quality 92, each weighs what a real photo does: ~2.5 MB,
 * about 90 MB in all. Each copy is a little larger than the last, so no two files are the same.
 */
export async function benchPhotos(log: (line: string) => void): Promise<BenchPhoto[]> {
  const manifestPath = path.join(CACHE_DIR, 'manifest.json');
  const cached = await readManifest(manifestPath);
  if (cached) return cached;
  log(`Generating 35 photos of ~12 MP in ${CACHE_DIR} (once; cached for later runs)...`);
  await mkdir(CACHE_DIR, { recursive: true });
  const grain = await grainTile();
  const jobs = Array.from({ length: COPIES }, (_, copy) => validPhotos().map((source) => ({ copy, source }))).flat();
  const photos: BenchPhoto[] = new Array(jobs.length);
  let next = 0;
  // One photo per core at a time.
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const { copy, source } = jobs[index]!;
      const name = `${copy}-${path.basename(source.file).replace(/\.\w+$/, '')}.jpg`;
      const target = path.join(CACHE_DIR, name);
      const data = await upscale(await openUpright(source.absolutePath), TARGET_PIXELS * (1 + copy * 0.02), grain);
      await writeFile(target, data);
      photos[index] = { name, path: target, bytes: data.length, label: source.label };
    }
  };
  await Promise.all(Array.from({ length: os.availableParallelism() }, worker));
  // Written last, so an interrupted run regenerates everything.
  await writeFile(`${manifestPath}.tmp`, JSON.stringify(photos, null, 1));
  await rename(`${manifestPath}.tmp`, manifestPath);
  return photos;
}

async function readManifest(manifestPath: string): Promise<BenchPhoto[] | undefined> {
  try {
    const photos = JSON.parse(await readFile(manifestPath, 'utf8')) as BenchPhoto[];
    for (const photo of photos) if ((await stat(photo.path)).size !== photo.bytes) return undefined;
    return photos.length === COPIES * validPhotos().length ? photos : undefined;
  } catch {
    return undefined;
  }
}

/** sharp reads every corpus format but BMP; EXIF orientation is applied so the big copy is stored upright. */
async function openUpright(file: string): Promise<Sharp> {
  const bytes = await readFile(file);
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) {
    const { data, width, height, channels } = decodeBmp(bytes);
    return sharp(data, { raw: { width, height, channels } });
  }
  return sharp(bytes).rotate();
}

async function upscale(image: Sharp, pixels: number, grain: Buffer): Promise<Buffer> {
  const { data, info } = await image.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = Math.sqrt(pixels / (info.width * info.height));
  const width = Math.round(info.width * scale);
  const height = Math.round(info.height * scale);
  const resized = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .resize(width, height, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return sharp(resized, { raw: { width, height, channels: info.channels } })
    .composite([{ input: grain, tile: true, blend: 'overlay' }])
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
}

/** A tile of soft grey noise around mid-grey; `overlay` with it leaves the picture's colours and adds grain. */
async function grainTile(): Promise<Buffer> {
  const side = 1024;
  const noise = Buffer.alloc(side * side);
  for (let i = 0; i < noise.length; i += 1) noise[i] = 128 + Math.round((Math.random() + Math.random() - 1) * 14);
  return sharp(noise, { raw: { width: side, height: side, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
