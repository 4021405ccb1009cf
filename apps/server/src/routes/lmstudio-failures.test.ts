import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const solid = (background: string) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();

describe("LM Studio errors become failed items carrying LM Studio's message", () => {
  let server: TestServer;
  beforeAll(async () => {
    // One request at a time, so the fault meets the first image.
    server = await startTestServer({ env: { REQUEST_TIMEOUT_S: '1', LMSTUDIO_CONCURRENCY: '1' } });
  });
  afterEach(() => server.double.clearFaults());
  afterAll(() => server.close());

  const cases: Array<{ kind: FaultKind; error: RegExp }> = [
    { kind: 'no-models-loaded', error: /LM Studio: No models loaded\. Please load a model/ },
    { kind: 'mlx-vision-200', error: /LM Studio: Error in iterating prediction stream: ValueError: Vision add-on is not loaded/ },
    {
      kind: 'context-overflow',
      error: /LM Studio: The number of tokens to keep from the initial prompt is greater than the context length/,
    },
    { kind: 'http-500', error: /LM Studio: .*\(HTTP 500\)/ },
    { kind: 'garbage', error: /LM Studio/ },
    { kind: 'empty', error: /LM Studio|empty/ },
    { kind: 'reset', error: /LM Studio/ },
    { kind: 'hang', error: /within 1 s \(REQUEST_TIMEOUT_S\)/ },
    { kind: 'stall', error: /within 1 s \(REQUEST_TIMEOUT_S\)/ },
  ];

  for (const { kind, error } of cases) {
    it(`reports a "${kind}" fault on its own item and finishes the rest`, async () => {
      server.double.injectFault({ kind, times: 1 });
      const files = [
        { name: 'red.png', data: await solid('#ff0000') },
        { name: 'blue.png', data: await solid('#0000ff') },
      ];
      const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));
      expect(status).toBe(200);
      expect(body.results[0]).toMatchObject({ filename: 'red.png', success: false, entity: null });
      expect(body.results[0].error).toMatch(error);
      expect(body.results[1]).toMatchObject({ filename: 'blue.png', success: true, entity: 'blue' });
      expect(body.stats).toMatchObject({ successful: 1, failed: 1 });
      expect(await server.leftoverUploads()).toEqual([]);
    });
  }

  it('closes a request that timed out, so LM Studio stops generating', async () => {
    server.double.injectFault({ kind: 'stall', times: 1 });
    const before = server.double.requests.length;
    await postBatch(server.url, '/api/analyze-batch', batchForm([{ name: 'red.png', data: await solid('#ff0000') }], { model: MODEL }));
    await expect.poll(() => server.double.requests[before]?.closedByClient).toBe(true);
  });
});

describe('when LM Studio cannot be reached at all', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.double.close();
  });
  afterAll(() => server.close());

  it('still takes the batch and fails each item with the URL it tried', async () => {
    const files = [
      { name: 'red.png', data: await solid('#ff0000') },
      { name: 'green.png', data: await solid('#00ff00') },
    ];
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(files, { model: MODEL }));
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    for (const result of body.results) {
      expect(result.success).toBe(false);
      expect(result.error).toContain(`Cannot reach LM Studio at ${server.double.baseUrl}`);
    }
    expect(body.stats).toMatchObject({ total_images: 2, successful: 0, failed: 2 });
  });

  it('says so in the readiness check (503), while liveness stays up and tells what it last saw', async () => {
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ok: false, lmstudio: { reachable: false, baseUrl: server.double.baseUrl } });
    const live = await fetch(`${server.url}/api/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({
      ok: true,
      hosts: [{ baseUrl: server.double.baseUrl, kind: null, answered: false, inRotation: true, slots: 1 }],
    });
  });
});
