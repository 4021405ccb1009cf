import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { solidImage } from '@vision/testkit';
import { batchForm, startTestServer, type TestServer } from '../testing/server-harness';
import { DRAIN_BUDGET_BYTES } from '../upload/drain-budget';
import { BOUNDARY, fieldPart, fileHeader, multipartBody, streamUpload } from '../testing/multipart';
import { watchUploadFolder } from '../testing/upload-folder';

const MODEL = 'qwen/qwen3-vl-4b';
const MB = 1024 * 1024;
const LIMIT = 100 * MB;

const uploadIndex = (name: string) => Number(/^(\d+)\.upload$/.exec(name)?.[1] ?? Number.NaN);

describe('upload limits while streaming, at the real defaults (100 MB, 35 images)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await server.leftoverUploads()).toEqual([]);
    expect(server.double.requests).toEqual([]);
  });
  afterAll(() => server.close());

  it('answers a 101 MB upload with a 413 JSON message, having kept no byte past 100 MB', async () => {
    expect(server.config.limits.maxUploadBytes).toBe(LIMIT);
    const sizes = [40 * MB, 40 * MB, 21 * MB];
    const files = sizes.map((size, index) => ({ name: `part-${index}.png`, data: new Uint8Array(size).fill(index + 1) }));
    const folder = watchUploadFolder(server.uploadDir);
    const response = await fetch(`${server.url}/api/batches`, { method: 'POST', body: batchForm(files, { model: MODEL }) });
    const seen = await folder.stop();

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      success: false,
      code: 'upload-too-large',
      error: 'The upload is too large: the limit is 100 MB in all.',
    });
    expect(seen.maxBytes).toBeGreaterThan(0);
    expect(seen.maxBytes).toBeLessThanOrEqual(LIMIT);
    expect([...seen.names].map(uploadIndex).sort()).toEqual([0, 1, 2]);
  });

  it('answers 60 images with a 400 JSON message, having never stored a 36th file', async () => {
    const files = Array.from({ length: 60 }, (_, index) => ({ name: `image-${index}.png`, data: new Uint8Array(512 * 1024).fill(index) }));
    const folder = watchUploadFolder(server.uploadDir);
    const response = await fetch(`${server.url}/api/batches`, { method: 'POST', body: batchForm(files, { model: MODEL }) });
    const seen = await folder.stop();

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ success: false, code: 'too-many-images', error: 'Too many images: a batch takes at most 35.' });
    expect(seen.names.size).toBeGreaterThan(0);
    expect(Math.max(...[...seen.names].map(uploadIndex))).toBeLessThan(35);
    expect(seen.maxFiles).toBeLessThanOrEqual(35);
  });

  it('stops reading a 1 GB body soon after the limit, still answers 413, and stays up', async () => {
    const folder = watchUploadFolder(server.uploadDir);
    const outcome = await streamUpload(server.url, [
      { text: fieldPart('model', MODEL) },
      { text: fileHeader('endless.png') },
      { bytes: 1024 * MB },
      { text: `\r\n--${BOUNDARY}--\r\n` },
    ]);
    const seen = await folder.stop();

    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body!)).toEqual({
      success: false,
      code: 'upload-too-large',
      error: 'The upload is too large: the limit is 100 MB in all.',
    });
    // The limit, the drain budget, and what socket buffers hold: far from the gigabyte the client had to send.
    expect(outcome.sent).toBeLessThan(LIMIT + DRAIN_BUDGET_BYTES + 64 * MB);
    expect(seen.maxBytes).toBeLessThanOrEqual(LIMIT);
  });

  it('reads at most the drain budget past an early refusal (the 36th image), whatever follows', async () => {
    const red = (await solidImage('red')).toString('latin1');
    const smallParts = Array.from({ length: 36 }, (_, index) => ({ text: `${fileHeader(`red-${index}.png`)}${red}\r\n` }));
    const outcome = await streamUpload(server.url, [
      { text: fieldPart('model', MODEL) },
      ...smallParts,
      { text: fileHeader('endless.png') },
      { bytes: 1024 * MB },
      { text: `\r\n--${BOUNDARY}--\r\n` },
    ]);

    expect(outcome.status).toBe(400);
    expect(JSON.parse(outcome.body!)).toEqual({
      success: false,
      code: 'too-many-images',
      error: 'Too many images: a batch takes at most 35.',
    });
    expect(outcome.sent).toBeLessThan(DRAIN_BUDGET_BYTES + 64 * MB);
  });
});

describe('malformed uploads', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const red = () => solidImage('red');
  const post = (contentType: string, body: Uint8Array | string) =>
    fetch(`${server.url}/api/batches`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const multipart = `multipart/form-data; boundary=${BOUNDARY}`;

  const cases: Array<{ name: string; request: () => Promise<Response>; error: RegExp }> = [
    {
      name: 'multipart without a boundary',
      request: async () =>
        post('multipart/form-data', multipartBody([{ disposition: 'name="images[]"; filename="a.png"', data: await red() }])),
      error: /not a complete multipart\/form-data upload.*Boundary not found/,
    },
    {
      name: 'a body whose boundary is not the declared one',
      request: async () =>
        post(multipart, multipartBody([{ disposition: 'name="images[]"; filename="a.png"', data: await red() }], 'another-boundary')),
      error: /not a complete multipart\/form-data upload|No images/,
    },
    {
      name: 'a body cut off in the middle of a file',
      request: async () =>
        post(multipart, multipartBody([{ disposition: 'name="images[]"; filename="a.png"', data: await red() }]).subarray(0, 120)),
      error: /not a complete multipart\/form-data upload/,
    },
    {
      name: 'a part header longer than busboy takes',
      request: async () =>
        post(multipart, multipartBody([{ disposition: `name="images[]"; filename="${'x'.repeat(20_000)}.png"`, data: await red() }])),
      error: /malformed or oversized header/,
    },
    {
      name: 'random bytes declared as multipart',
      request: () =>
        post(
          multipart,
          new Uint8Array(64 * 1024).map((_, index) => (index * 7919) % 251),
        ),
      error: /not a complete multipart\/form-data upload/,
    },
    {
      name: 'images in another field',
      request: async () => post(multipart, multipartBody([{ disposition: 'name="photos"; filename="a.png"', data: await red() }])),
      error: /Unexpected file field "photos"/,
    },
    {
      name: 'JSON instead of multipart',
      request: () => post('application/json', JSON.stringify({ model: MODEL, images: ['a.png'] })),
      error: /No images were uploaded/,
    },
    {
      name: 'a prompt past 16 KB',
      request: async () =>
        post(
          multipart,
          multipartBody([
            { disposition: 'name="prompt"', data: 'p'.repeat(17 * 1024) },
            { disposition: 'name="images[]"; filename="a.png"', data: await red() },
          ]),
        ),
      error: /The prompt is too long: at most 16 KB/,
    },
  ];

  for (const { name, request, error } of cases) {
    it(`answers ${name} with a 400 JSON message and keeps nothing`, async () => {
      const response = await request();
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ success: false, code: expect.any(String), error: expect.stringMatching(error) });
      expect(await server.leftoverUploads()).toEqual([]);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    });
  }
});
