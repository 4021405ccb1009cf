import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { createInferenceHost, type InferenceHostConfig } from '../inference/inference-host';

/** LM Studio as the app reaches it: one host at LMSTUDIO_BASE_URL, through this adapter's fetch, errors and listing. */
const lmStudioHost = (config: Omit<InferenceHostConfig, 'assumedKind'>) => createInferenceHost({ assumedKind: 'lmstudio', ...config });

const jpeg = async (background: string, width = 64, height = 48) => ({
  data: await sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer(),
  mime: 'image/jpeg' as const,
});

describe('the LM Studio adapter against the double', () => {
  let double: InferenceDouble;
  beforeAll(async () => {
    double = await startDouble('lmstudio', { generationTokensPerSecond: 200 });
  });
  afterEach(() => double.clearFaults());
  afterAll(() => double.close());

  const client = (overrides: { apiKey?: string; requestTimeoutMs?: number; maxTokens?: number } = {}) =>
    lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, ...overrides });

  it('streams the answer with usage and measures time to first token and tokens per second itself', async () => {
    const analysis = await client().analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: true, entity: 'red' });
    const request = double.requests.at(-1)!;
    expect(request).toMatchObject({ stream: true, includeUsage: true, responseFormatType: 'json_schema', imageCount: 1 });
    expect(request.maxTokens).toBeGreaterThan(0);
    expect(analysis.promptTokens).toBe(request.promptTokens);
    expect(analysis.completionTokens).toBe(request.completionTokens);
    expect(analysis.timeToFirstTokenS).toBeGreaterThanOrEqual(0);
    expect(analysis.timeToFirstTokenS!).toBeLessThanOrEqual(analysis.durationS);
    // 200 tok/s in the double: the client's own measurement must land in its neighbourhood (a loaded CI
    // machine delays chunks, so the bounds are wide; what they catch is a wrong formula, off by orders).
    expect(analysis.tokensPerSecond).toBeGreaterThan(40);
    expect(analysis.tokensPerSecond).toBeLessThan(1000);
  });

  it('keeps the raw answer and normalises the entity when the model ignores the schema', async () => {
    await double.setOptions({ answerStyles: { 'qwen/qwen3-vl-4b': 'sentence' } });
    try {
      const analysis = await client().analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#0000ff') });
      expect(analysis).toMatchObject({ ok: true, entity: 'blue' });
      expect(analysis.rawAnswer).toMatch(/blue/);
      expect(analysis.rawAnswer).not.toBe('blue');
    } finally {
      await double.setOptions({ answerStyles: {} });
    }
  });

  it('reports an answer cut off by max_tokens', async () => {
    await double.setOptions({ answerStyles: { 'qwen/qwen3-vl-4b': 'think' } });
    try {
      const analysis = await client({ maxTokens: 3 }).analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#00ff00') });
      expect(analysis).toMatchObject({ ok: false, code: 'no-entity' });
      expect(!analysis.ok && analysis.error).toMatch(/cut off at max_tokens = 3/);
    } finally {
      await double.setOptions({ answerStyles: {} });
    }
  });

  it("turns an error sent with HTTP 200 into a failure with LM Studio's message", async () => {
    double.injectFault({ kind: 'mlx-vision-200', times: 1 });
    const analysis = await client().analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: false, code: 'inference-error' });
    expect(!analysis.ok && analysis.error).toMatch(/^LM Studio: Error in iterating prediction stream/);
  });

  it("carries LM Studio's message for an error object (unknown model)", async () => {
    const analysis = await client().analyzeImage({ model: 'no/such-model', image: await jpeg('#ff0000') });
    expect(!analysis.ok && analysis.error).toMatch(/^LM Studio: Invalid model identifier "no\/such-model".*\(HTTP 400\)/);
  });

  it('reports WebP sent as-is the way LM Studio refuses it', async () => {
    const webp = {
      data: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .webp()
        .toBuffer(),
      mime: 'image/jpeg' as const,
    };
    const analysis = await client().analyzeImage({ model: 'qwen/qwen3-vl-4b', image: webp });
    expect(!analysis.ok && analysis.error).toMatch(/'url' field must be a base64 encoded image/);
  });

  it('times out over the whole request, a stalled stream included, and closes the connection', async () => {
    double.injectFault({ kind: 'stall', times: 1 });
    const analysis = await client({ requestTimeoutMs: 400 }).analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: false, code: 'inference-timeout' });
    expect(!analysis.ok && analysis.error).toMatch(/within 0.4 s/);
    await expect.poll(() => double.requests.at(-1)!.closedByClient).toBe(true);
  });

  it('stops at once when its AbortSignal aborts, closing the request so LM Studio stops generating', async () => {
    double.injectFault({ kind: 'hang', times: 1 });
    const controller = new AbortController();
    const pending = client().analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000'), signal: controller.signal });
    await expect.poll(() => double.requests.at(-1)?.fault).toBe('hang');
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, code: 'cancelled', error: 'cancelled' });
    await expect.poll(() => double.requests.at(-1)!.closedByClient).toBe(true);
  });

  it("lists models with vision, load state and parallel slots from LM Studio 0.4's native API", async () => {
    const models = await client().listModels();
    expect(models.find((m) => m.id === 'qwen/qwen3-vl-4b')).toMatchObject({ vision: true, loaded: true, parallel: 4 });
    expect(models.find((m) => m.id === 'qwen/qwen3-4b')).toMatchObject({ vision: false });
    expect(models.find((m) => m.id === 'google/gemma-3-4b')).toMatchObject({ vision: true, loaded: false });
  });
});

describe('model listing on older servers', () => {
  it('uses /api/v0/models on 0.3 (type vlm means vision)', async () => {
    const double = await startDouble('lmstudio', { serverVersion: '0.3' });
    try {
      const models = await lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000 }).listModels();
      expect(models.find((m) => m.id === 'qwen/qwen3-vl-4b')).toMatchObject({ vision: true, loaded: true, type: 'vlm', parallel: null });
      expect(models.find((m) => m.id === 'qwen/qwen3-4b')).toMatchObject({ vision: false, type: 'llm' });
    } finally {
      await double.close();
    }
  });

  it('falls back to /v1/models with vision unknown when the native APIs answer "Unexpected endpoint"', async () => {
    const double = await startDouble('lmstudio', { serverVersion: 'old' });
    try {
      const models = await lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000 }).listModels();
      expect(models.map((m) => m.id)).toContain('qwen/qwen3-vl-4b');
      expect(models.every((m) => m.vision === null && m.loaded === null)).toBe(true);
    } finally {
      await double.close();
    }
  });
});

describe('an LM Studio server that requires a token', () => {
  let double: InferenceDouble;
  beforeAll(async () => {
    double = await startDouble('lmstudio', { apiKey: 'secret-token' });
  });
  afterAll(() => double.close());

  it('sends LMSTUDIO_API_KEY as a bearer token', async () => {
    const client = lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, apiKey: 'secret-token' });
    expect((await client.listModels()).length).toBeGreaterThan(0);
    expect(await client.analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') })).toMatchObject({ ok: true });
  });

  it("reports a missing token with LM Studio's message", async () => {
    const client = lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000 });
    const analysis = await client.analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') });
    expect(!analysis.ok && analysis.error).toMatch(/LM Studio: .*token.*\(HTTP 401\)/);
    await expect(client.listModels()).rejects.toThrow(/refused the API key/);
    // A typed refusal, so nothing downstream has to read the message to know it is final.
    await expect(client.listModels()).rejects.toMatchObject({
      name: 'DomainError',
      code: 'inference-auth-refused',
      kind: 'inference-unavailable',
    });
  });
});

describe('when nothing listens at LMSTUDIO_BASE_URL', () => {
  it('fails with the URL it tried and what to do', async () => {
    const double = await startDouble('lmstudio');
    await double.close();
    const client = lmStudioHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000 });
    const analysis = await client.analyzeImage({ model: 'qwen/qwen3-vl-4b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: false, code: 'inference-unreachable' });
    expect(!analysis.ok && analysis.error).toBe(
      `Cannot reach LM Studio at ${double.baseUrl} (connection refused). Start LM Studio's server or set LMSTUDIO_BASE_URL.`,
    );
    expect(await client.health()).toMatchObject({ reachable: false, baseUrl: double.baseUrl });
  });
});
