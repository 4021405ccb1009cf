import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { createInferenceHost } from './inference-host';

const jpeg = async (background: string) => ({
  data: await sharp({ create: { width: 64, height: 48, channels: 3, background } })
    .jpeg()
    .toBuffer(),
  mime: 'image/jpeg' as const,
});

let doubles: InferenceDouble[] = [];
afterEach(async () => {
  await Promise.all(doubles.map((double) => double.close()));
  doubles = [];
});
const start = async (...args: Parameters<typeof startDouble>) => {
  const double = await startDouble(...args);
  doubles.push(double);
  return double;
};
const hostFor = (double: InferenceDouble, extra: { parallel?: number } = {}) =>
  createInferenceHost({ baseUrl: double.baseUrl, parallel: extra.parallel, requestTimeoutMs: 5_000 });

describe('recognising the server behind a base URL', () => {
  it.each([
    ['lmstudio', 'qwen/qwen3-vl-4b', true, 4],
    ['ollama', 'qwen2.5vl:3b', true, 1],
    ['llamacpp', 'gemma-3-4b-it-Q4_K_M.gguf', true, 4],
    ['vllm', 'Qwen/Qwen2.5-VL-3B-Instruct', null, 8],
  ] as const)('knows %s by its answers, with vision where the server tells and its slots', async (kind, model, vision, slots) => {
    const double = await start(kind);
    const host = hostFor(double);
    const models = await host.listModels();
    expect(host.kind).toBe(kind);
    expect(models.find((candidate) => candidate.id === model)?.vision).toBe(vision);
    expect(host.slotsFor(model)).toBe(slots);
  });

  it('tells Ollama by its text-only model too, and a #parallel setting wins over the default', async () => {
    const double = await start('ollama');
    const host = hostFor(double, { parallel: 3 });
    const models = await host.listModels();
    expect(models.find((candidate) => candidate.id === 'qwen3:4b')).toMatchObject({ vision: false, type: 'llm', loaded: false });
    expect(models.find((candidate) => candidate.id === 'qwen2.5vl:3b')).toMatchObject({ vision: true, loaded: true });
    expect(host.slotsFor('qwen2.5vl:3b')).toBe(3);
  });

  it('asks once per look-up window, and a refresh never asks capabilities again', async () => {
    const double = await start('ollama');
    const paths: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      paths.push(new URL(String(args[0] instanceof Request ? args[0].url : args[0])).pathname);
      return original(...args);
    }) as typeof fetch;
    try {
      const cached = createInferenceHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, modelsTtlMs: 60_000 });
      await cached.listModels();
      expect(paths.sort()).toEqual(['/api/ps', '/api/show', '/api/show', '/api/show', '/v1/models']);
      await Promise.all([cached.listModels(), cached.listModels(), cached.listModels()]);
      expect(paths).toHaveLength(5);

      const refreshing = createInferenceHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, modelsTtlMs: 0 });
      await refreshing.listModels();
      paths.length = 0;
      await refreshing.listModels();
      expect(paths.sort()).toEqual(['/api/ps', '/v1/models']);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('a host that will not list its models', () => {
  it('refuses, coded inference-auth-refused, when the server wants another API key', async () => {
    const llama = await start('llamacpp', { apiKey: 'the-right-key' });
    await expect(hostFor(llama).listModels()).rejects.toMatchObject({
      name: 'DomainError',
      code: 'inference-auth-refused',
      message: expect.stringMatching(/refused the API key: Invalid API Key/),
    });
  });

  it('refuses, coded inference-unavailable, while llama.cpp is still loading its model, and lists once it has', async () => {
    const llama = await start('llamacpp', { startupLoadMs: 1_500 });
    const host = hostFor(llama);
    await expect(host.listModels()).rejects.toMatchObject({
      code: 'inference-unavailable',
      message: expect.stringMatching(/did not list its models: Loading model/),
    });
    // Nothing of the refusal was cached: once loaded, the next look-up lists it.
    await expect
      .poll(
        () =>
          host.listModels().then(
            (models) => models.length,
            () => 0,
          ),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
  });
});

/** Wraps fetch (before a host is created: its clients keep the fetch they were given) so model lists can be held back. */
function holdModelLists() {
  const original = globalThis.fetch;
  let gate: Promise<void> | undefined;
  let open = () => {};
  const held = { asked: 0, hold: () => void (gate = new Promise<void>((resolve) => (open = resolve))), release: () => open() };
  globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
    const url = new URL(String(args[0] instanceof Request ? args[0].url : args[0]));
    if (url.pathname.endsWith('/models') && gate) {
      held.asked += 1;
      await gate;
    }
    return original(...args);
  }) as typeof fetch;
  return { held, restore: () => (globalThis.fetch = original) };
}

describe('analysing on a host', () => {
  it('sends on the last model list once it is stale and re-lists behind the send, not before it', async () => {
    const double = await start('lmstudio');
    const { held, restore } = holdModelLists();
    try {
      const host = createInferenceHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, modelsTtlMs: 0 });
      const listed = await host.listModels();
      held.hold();
      const analysis = await host.analyzeImage({ model: 'google/gemma-3-4b', image: await jpeg('#ff0000') });
      expect(analysis.ok).toBe(true);
      expect(held.asked).toBeGreaterThan(0);
      held.release();
      await expect.poll(() => host.cachedModels() !== listed).toBe(true);
    } finally {
      restore();
    }
  });

  it('refuses a text-only model the last list did not show: it is looked up before the photo is sent', async () => {
    const double = await start('ollama');
    const host = createInferenceHost({ baseUrl: double.baseUrl, requestTimeoutMs: 5_000, modelsTtlMs: 0 });
    await host.listModels();
    const textOnly = double.options.models.find((model) => model.type === 'llm')!;
    await double.setOptions({ models: [...double.options.models, { ...textOnly, id: 'late-text:1b' }] });
    const analysis = await host.analyzeImage({ model: 'late-text:1b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: false, code: 'model-cannot-see-images' });
    expect(double.requests).toHaveLength(0);
  });

  it('refuses a text-only Ollama model before sending anything, naming the model', async () => {
    const double = await start('ollama');
    const analysis = await hostFor(double).analyzeImage({ model: 'qwen3:4b', image: await jpeg('#ff0000') });
    expect(analysis).toMatchObject({ ok: false, code: 'model-cannot-see-images' });
    expect(!analysis.ok && analysis.error).toMatch(/^Model "qwen3:4b" cannot see images \(Ollama at .* lists it as llm\)/);
    expect(double.requests).toHaveLength(0);
  });

  it('names the server kind when it cannot be reached and in its errors', async () => {
    const vllm = await start('vllm');
    const host = hostFor(vllm);
    await host.listModels();
    const unknown = await host.analyzeImage({ model: 'nope', image: await jpeg('#ff0000') });
    expect(!unknown.ok && unknown.error).toBe('vLLM: The model `nope` does not exist. (HTTP 404)');
    await vllm.close();
    host.forget();
    const health = await host.health();
    expect(health).toMatchObject({ reachable: false });
    expect(health.error).toMatch(/^Cannot reach the inference server at http:\/\/127\.0\.0\.1:\d+\/v1 \(connection refused\)/);
  });
});
