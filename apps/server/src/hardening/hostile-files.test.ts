import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptFiles, solidImage, startDouble, validPhotos, type InferenceDouble } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer, type UploadFile } from '../testing/server-harness';
import {
  animatedWebp,
  bmpClaimingSize,
  htmlPage,
  hugePng,
  jpegClaimingSize,
  pdfDocument,
  plainSvg,
  pngClaimingSize,
  scriptedSvg,
  tiffImage,
  zipArchive,
} from '../testing/hostile-fixtures';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

const MODEL = 'qwen/qwen3-vl-4b';
const MB = 1024 * 1024;

interface BadFile extends UploadFile {
  reason: RegExp;
}
interface GoodFile extends UploadFile {
  entity: string;
}

/**
 * A JPEG without its end marker is said to be cut short (libjpeg's words), whatever libvips's shared error buffer
 * held while the other hostile files decoded beside it.
 */
const TRUNCATED_JPEG = /corrupt JPEG: premature end of JPEG image$/;

const corpusPhoto = (file: string) => readFile(validPhotos().find((photo) => photo.file.endsWith(file))!.absolutePath);

async function badFiles(): Promise<BadFile[]> {
  const puppies = await corpusPhoto('puppies.jpg');
  const text = (value: string) => new TextEncoder().encode(value);
  const pngSuite = await Promise.all(
    corruptFiles().map(async (entry) => ({
      name: path.basename(entry.file),
      data: await readFile(entry.absolutePath),
      reason: /corrupt PNG: .+/,
    })),
  );
  return [
    { name: 'empty.jpg', data: new Uint8Array(), reason: /empty file/ },
    { name: 'notes.jpg', data: text('Shopping list: eggs, milk, bread.\n'), reason: /not an image/ },
    { name: 'page.jpg', data: htmlPage(), reason: /HTML is not an image/ },
    { name: 'report.jpg', data: pdfDocument(), reason: /PDF is not supported/ },
    { name: 'holiday.jpg', data: zipArchive(), reason: /ZIP archives are not supported/ },
    { name: 'icon.svg', data: plainSvg(), reason: /SVG is not supported/ },
    { name: 'logo.png', data: scriptedSvg(), reason: /SVG is not supported/ },
    { name: 'scan.tif', data: await tiffImage(), reason: /TIFF is not supported/ },
    ...pngSuite,
    { name: 'cut-after-header.jpg', data: puppies.subarray(0, 600), reason: TRUNCATED_JPEG },
    { name: 'cut-in-half.jpg', data: puppies.subarray(0, puppies.length >> 1), reason: TRUNCATED_JPEG },
    { name: 'cut-before-end-marker.jpg', data: puppies.subarray(0, puppies.length - 2), reason: TRUNCATED_JPEG },
    { name: 'huge-30000.png', data: hugePng(30_000, 30_000), reason: /image is 30000×30000 \(900 MP\), above the 100 MP limit/ },
    {
      name: 'claims-65535.png',
      data: await pngClaimingSize(65_535, 65_535),
      reason: /image is 65535×65535 \(4295 MP\), above the 100 MP limit/,
    },
    { name: 'claims-65535.bmp', data: bmpClaimingSize(65_535, 65_535), reason: /image is 65535×65535 \(4295 MP\), above the 100 MP limit/ },
    {
      name: 'claims-65535.jpg',
      data: await jpegClaimingSize(65_535, 65_535),
      reason: /image is 65535×65535 \(4295 MP\), above the 100 MP limit/,
    },
  ];
}

async function goodFiles(): Promise<GoodFile[]> {
  return [
    { name: 'red.png', data: await solidImage('red'), entity: 'red' },
    // A JPEG named .png is a JPEG: the bytes decide, not the name.
    { name: 'puppies.png', data: await corpusPhoto('puppies.jpg'), entity: 'dog' },
    { name: 'airplane.jpg', data: await corpusPhoto('airplane.jpg'), entity: 'airplane' },
    { name: 'traffic-light.webp', data: await animatedWebp(['red', 'green', 'blue']), entity: 'red' },
  ];
}

/** Good files at the start, the middle and the end, bad ones all around them. */
function interleave(bad: BadFile[], good: GoodFile[]): UploadFile[] {
  const third = Math.ceil(bad.length / 3);
  return [good[0]!, ...bad.slice(0, third), good[1]!, ...bad.slice(third, 2 * third), good[2]!, ...bad.slice(2 * third), good[3]!];
}

describe('a batch of hostile files beside good ones', () => {
  let server: TestServer;
  let bad: BadFile[];
  let good: GoodFile[];
  let status: number;
  let body: Record<string, any>;

  beforeAll(async () => {
    server = await startTestServer();
    [bad, good] = await Promise.all([badFiles(), goodFiles()]);
    const files = interleave(bad, good);
    expect(files.length).toBeLessThanOrEqual(35);
    ({ status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL })));
  });
  afterAll(() => server.close());

  const resultFor = (name: string) => body.results.find((result: { filename: string }) => result.filename === name);

  it('completes the batch with one result per file', () => {
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.stats).toMatchObject({ total_images: bad.length + good.length, successful: good.length, failed: bad.length });
  });

  it('fails every bad file on its own, with a reason that starts with its name', () => {
    for (const file of bad) {
      const result = resultFor(file.name);
      expect(result, file.name).toMatchObject({ success: false, entity: null });
      expect(result.error.startsWith(`${file.name}: `), `${file.name}: ${result.error}`).toBe(true);
      expect(result.error, file.name).toMatch(file.reason);
    }
  });

  it('names every good file right, a JPEG named .png and an animated WebP included', () => {
    for (const file of good) expect(resultFor(file.name), file.name).toMatchObject({ success: true, entity: file.entity, error: null });
  });

  it('sends LM Studio only the good files, the animation as its first frame', () => {
    const sent = server.double.requests.flatMap((request) => request.images);
    expect(sent).toHaveLength(good.length);
    for (const image of sent) expect(['image/jpeg', 'image/png']).toContain(image.mime);
    // Three 40×30 frames: one frame arrives, not the three stacked into a 40×90 strip.
    expect(sent.filter((image) => image.width === 40)).toEqual([expect.objectContaining({ width: 40, height: 30 })]);
  });

  it('keeps no upload and no original of a refused file', async () => {
    expect(await server.leftoverUploads()).toEqual([]);
  });
});

describe('memory of a server process given decompression bombs and corrupt files', () => {
  let double: InferenceDouble;
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    double = await startDouble('lmstudio', { labelCorpus: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-hostile-memory-'));
    server = await startServerProcess({ DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl });
  });
  afterAll(async () => {
    await server.stop();
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('grows by less than 300 MB at its peak over two hostile batches', async () => {
    const [bad, good] = await Promise.all([badFiles(), goodFiles()]);
    const files = interleave(bad, good);
    const before = await server.memory();
    for (let round = 0; round < 2; round += 1) {
      const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));
      expect(status).toBe(200);
      expect(body.stats).toMatchObject({ successful: good.length, failed: bad.length });
    }
    const after = await server.memory();
    // Decoding the 30000×30000 PNG alone would take 2.7 GB; its header is enough to refuse it.
    expect(after.peak - before.rss).toBeLessThan(300 * MB);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
