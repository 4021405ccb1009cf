import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validPhotos } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer, type UploadFile } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';

async function corpusUploads(copies: number): Promise<Array<UploadFile & { label: string }>> {
  const photos = await Promise.all(validPhotos().map(async (photo) => ({ photo, data: await readFile(photo.absolutePath) })));
  return Array.from({ length: copies }, (_, copy) =>
    photos.map(({ photo, data }) => ({ name: `${copy}-${photo.file.split('/')[1]}`, data, label: photo.label })),
  ).flat();
}

describe('POST /api/analyze-batch against the LM Studio double', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('names every one of 35 real photos right, in upload order, with stats that add up', async () => {
    const uploads = await corpusUploads(5);
    expect(uploads).toHaveLength(35);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(uploads, { model: MODEL }));

    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.results.map((r: any) => r.filename)).toEqual(uploads.map((u) => u.name));
    expect(body.results.map((r: any) => r.entity)).toEqual(uploads.map((u) => u.label));
    for (const [index, result] of body.results.entries()) {
      expect(result).toMatchObject({ index, success: true, error: null });
      expect(result.processing_time).toBeGreaterThan(0);
      expect(result.raw_answer).toContain(result.entity);
      expect(result.completion_tokens).toBeGreaterThan(0);
      expect(result.prompt_tokens).toBeGreaterThan(0);
      expect(result.time_to_first_token).toBeGreaterThanOrEqual(0);
    }
    const total = body.results.reduce((sum: number, r: any) => sum + r.processing_time, 0);
    expect(body.stats).toMatchObject({ total_images: 35, successful: 35, failed: 0 });
    expect(body.stats.total_processing_time).toBeCloseTo(total, 2);
    expect(body.stats.average_processing_time).toBeCloseTo(total / 35, 2);
    expect(body.stats.wall_time).toBeGreaterThan(0);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it('sends only JPEG or PNG to LM Studio, upright and at most 1024 px, whatever was uploaded', async () => {
    const before = server.double.requests.length;
    const uploads = (await corpusUploads(1)).filter((u) => /\.(bmp|webp|jpg)$/.test(u.name));
    expect(uploads.some((u) => u.name.includes('exif_orientation'))).toBe(true);
    const { body } = await postBatch(server.url, '/api/analyze-batch', batchForm(uploads, { model: MODEL }));
    // The double ignores EXIF, as LM Studio does: the sideways-stored portrait is named only if it arrived upright.
    expect(body.results.map((r: any) => r.entity)).toEqual(uploads.map((u) => u.label));
    const sent = server.double.requests.slice(before).flatMap((request) => request.images);
    expect(sent).toHaveLength(uploads.length);
    for (const image of sent) {
      expect(['image/jpeg', 'image/png']).toContain(image.mime);
      expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(1024);
    }
  });

  it('accepts the field name "images" as well as "images[]"', async () => {
    const [upload] = await corpusUploads(1);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm([upload!], { model: MODEL }, 'images'));
    expect(status).toBe(200);
    expect(body.results[0].entity).toBe(upload!.label);
  });

  it('fails only the bad files of a batch, each with a reason naming it', async () => {
    const [good] = await corpusUploads(1);
    const truncated = (await readFile(validPhotos().find((p) => p.file.endsWith('puppies.jpg'))!.absolutePath)).subarray(0, 4000);
    const files: UploadFile[] = [
      good!,
      { name: 'empty.png', data: new Uint8Array() },
      { name: 'notes.png', data: new TextEncoder().encode('just some text, not a picture') },
      { name: 'drawing.svg', data: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      { name: 'cut.jpg', data: truncated },
      {
        name: 'red.png',
        data: await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } })
          .png()
          .toBuffer(),
      },
    ];
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));

    expect(status).toBe(200);
    const byName = Object.fromEntries(body.results.map((r: any) => [r.filename, r]));
    expect(byName[good!.name]).toMatchObject({ success: true, entity: good!.label });
    expect(byName['red.png']).toMatchObject({ success: true, entity: 'red' });
    expect(byName['empty.png'].error).toMatch(/empty\.png.*empty file/);
    expect(byName['notes.png'].error).toMatch(/notes\.png.*not an image/);
    expect(byName['drawing.svg'].error).toMatch(/drawing\.svg.*SVG is not supported/);
    expect(byName['cut.jpg'].error).toMatch(/cut\.jpg.*(corrupt|truncated)/i);
    expect(body.stats).toMatchObject({ total_images: 6, successful: 2, failed: 4 });
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it("keeps the seed's result shape exactly, and gives each failure its stable code in the batch's view", async () => {
    const [good] = await corpusUploads(1);
    const files: UploadFile[] = [
      good!,
      { name: 'empty.png', data: new Uint8Array() },
      { name: 'notes.png', data: new TextEncoder().encode('just some text, not a picture') },
      { name: 'drawing.svg', data: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>') },
    ];
    const { body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));
    for (const result of body.results) expect(Object.keys(result)).not.toContain('errorCode');
    for (const result of body.results) expect(Object.keys(result)).not.toContain('model_answer');

    const view = await server.trpc.batches.get.query({ batchId: body.batch_id });
    expect(view.items.map((item) => item.result?.errorCode)).toEqual([null, 'empty-file', 'not-an-image', 'unsupported-format']);
    expect(view.items[0]?.result?.model_answer).toEqual(expect.stringMatching(/\S/));
    const exported = await fetch(`${server.url}/api/batches/${body.batch_id}/export?format=jsonl`).then((response) => response.text());
    expect(
      exported
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).errorCode),
    ).toEqual([null, 'empty-file', 'not-an-image', 'unsupported-format']);
  });

  it('refuses a request without images with a clear 400', async () => {
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm([], { model: MODEL }));
    expect(status).toBe(400);
    expect(body).toEqual({ success: false, code: 'no-images', error: expect.stringMatching(/No images/) });
  });

  it('refuses a batch of 36 images with a clear 400 and keeps none of them', async () => {
    const uploads = [...(await corpusUploads(5)), (await corpusUploads(1))[0]!];
    expect(uploads).toHaveLength(36);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(uploads, { model: MODEL }));
    expect(status).toBe(400);
    expect(body.success).toBe(false);
    expect(body.error).toMatch(/Too many images.*at most 35/);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it('refuses a model LM Studio does not list, naming the vision models it has', async () => {
    const [upload] = await corpusUploads(1);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm([upload!], { model: 'nobody/nothing-7b' }));
    expect(status).toBe(400);
    expect(body.error).toMatch(/"nobody\/nothing-7b" is not available.*qwen\/qwen3-vl-4b/);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it('refuses a model that LM Studio lists as text-only', async () => {
    const [upload] = await corpusUploads(1);
    const textModel = (await server.inference.listModels()).find((m) => m.vision === false && m.type === 'llm')!;
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm([upload!], { model: textModel.id }));
    expect(status).toBe(400);
    expect(body.error).toMatch(/cannot see images/);
  });

  it('refuses a request without a model', async () => {
    const [upload] = await corpusUploads(1);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm([upload!], {}));
    expect(status).toBe(400);
    expect(body.error).toMatch(/No model/);
  });
});

describe('upload size limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_UPLOAD_MB: '2' } });
  });
  afterAll(() => server.close());

  it('answers 413 with a message when the upload passes the limit, and leaves no partial file', async () => {
    const chunk = new Uint8Array(900 * 1024).fill(7);
    const files = [1, 2, 3].map((n) => ({ name: `big-${n}.png`, data: chunk }));
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));
    expect(status).toBe(413);
    expect(body).toEqual({ success: false, code: 'upload-too-large', error: expect.stringMatching(/too large.*2 MB/) });
    expect(await server.leftoverUploads()).toEqual([]);
  });
});
