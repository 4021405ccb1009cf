import { describe, expect, it } from 'vitest';
import { useDouble } from './test-helpers';

const start = useDouble();

const getJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('model lists', () => {
  it('counts the model list requests on every API, including ones an older server does not know, until a reset', async () => {
    const double = await start({ serverVersion: 'old' });
    for (const path of ['/api/v1/models', '/api/v0/models', '/v1/models']) await fetch(`${double.origin}${path}`);
    await fetch(`${double.origin}/v1/embeddings`);
    expect(double.metrics().modelListRequests).toBe(3);
    double.resetMetrics();
    expect(double.metrics().modelListRequests).toBe(0);
  });

  it('GET /v1/models lists every downloaded model, loaded or not, in the OpenAI shape', async () => {
    const { baseUrl } = await start();
    const { status, body } = await getJson(`${baseUrl}/models`);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        { id: 'qwen/qwen3-vl-4b', object: 'model', owned_by: 'organization_owner' },
        { id: 'google/gemma-3-4b', object: 'model', owned_by: 'organization_owner' },
        { id: 'qwen/qwen3-4b', object: 'model', owned_by: 'organization_owner' },
        { id: 'text-embedding-nomic-embed-text-v1.5', object: 'model', owned_by: 'organization_owner' },
      ],
      object: 'list',
    });
  });

  it('GET /api/v0/models gives type, state, arch, quantization and context length per model', async () => {
    const { origin } = await start();
    const { body } = await getJson(`${origin}/api/v0/models`);
    expect(body.object).toBe('list');
    const data = body.data as Array<Record<string, unknown>>;
    expect(data.map((model) => [model.id, model.type, model.state])).toEqual([
      ['qwen/qwen3-vl-4b', 'vlm', 'loaded'],
      ['google/gemma-3-4b', 'vlm', 'not-loaded'],
      ['qwen/qwen3-4b', 'llm', 'loaded'],
      ['text-embedding-nomic-embed-text-v1.5', 'embeddings', 'not-loaded'],
    ]);
    expect(data[0]).toEqual({
      id: 'qwen/qwen3-vl-4b',
      object: 'model',
      type: 'vlm',
      publisher: 'qwen',
      arch: 'qwen3vl',
      compatibility_type: 'gguf',
      quantization: 'Q4_K_M',
      state: 'loaded',
      max_context_length: 262144,
    });
  });

  it('GET /api/v1/models reports vision as a capability and the parallel slots of loaded instances', async () => {
    const { origin } = await start({ parallel: 3 });
    const { body } = await getJson(`${origin}/api/v1/models`);
    const models = body.models as Array<Record<string, unknown>>;
    const [qwenVl, gemma, qwenText, embedding] = models;
    expect(qwenVl).toMatchObject({
      type: 'llm',
      key: 'qwen/qwen3-vl-4b',
      display_name: 'Qwen3 VL 4B',
      architecture: 'qwen3vl',
      quantization: { name: 'Q4_K_M', bits_per_weight: 4 },
      max_context_length: 262144,
      format: 'gguf',
      capabilities: { vision: true, trained_for_tool_use: false },
      loaded_instances: [{ id: 'qwen/qwen3-vl-4b', config: { context_length: 4096, parallel: 3 } }],
    });
    expect(gemma).toMatchObject({ key: 'google/gemma-3-4b', loaded_instances: [], capabilities: { vision: true } });
    expect(qwenText).toMatchObject({ key: 'qwen/qwen3-4b', capabilities: { vision: false } });
    expect(embedding?.type).toBe('embedding');
    expect(embedding).not.toHaveProperty('capabilities');
    expect(embedding).not.toHaveProperty('architecture');
  });

  it('defaults to 4 parallel slots on 0.4 and reflects a JIT load in the native lists', async () => {
    const { origin, baseUrl } = await start();
    const before = await getJson(`${origin}/api/v1/models`);
    expect((before.body.models as Array<{ loaded_instances: unknown[] }>)[0]?.loaded_instances).toEqual([
      { id: 'qwen/qwen3-vl-4b', config: { context_length: 4096, parallel: 4 } },
    ]);
    await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'google/gemma-3-4b', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const after = await getJson(`${origin}/api/v0/models`);
    expect((after.body.data as Array<{ id: string; state: string }>)[1]).toMatchObject({
      id: 'google/gemma-3-4b',
      state: 'loaded',
    });
  });
});

describe('server versions and unknown paths', () => {
  it('a 0.3 server has /v1/models and /api/v0/models but answers /api/v1/models as an unknown endpoint', async () => {
    const { origin } = await start({ serverVersion: '0.3' });
    expect((await getJson(`${origin}/v1/models`)).body.object).toBe('list');
    expect((await getJson(`${origin}/api/v0/models`)).body.object).toBe('list');
    expect(await getJson(`${origin}/api/v1/models`)).toEqual({
      status: 200,
      body: { error: 'Unexpected endpoint or method. (GET /api/v1/models)' },
    });
  });

  it('an old server only has /v1/models', async () => {
    const { origin } = await start({ serverVersion: 'old' });
    expect((await getJson(`${origin}/v1/models`)).status).toBe(200);
    expect(await getJson(`${origin}/api/v0/models`)).toEqual({
      status: 200,
      body: { error: 'Unexpected endpoint or method. (GET /api/v0/models)' },
    });
  });

  it('an unknown path or method answers HTTP 200 with the method and path in the error', async () => {
    const { origin } = await start();
    expect(await getJson(`${origin}/foo`)).toEqual({
      status: 200,
      body: { error: 'Unexpected endpoint or method. (GET /foo)' },
    });
    expect(await getJson(`${origin}/v1/models`, { method: 'POST', body: '{}' })).toEqual({
      status: 200,
      body: { error: 'Unexpected endpoint or method. (POST /v1/models)' },
    });
  });
});

describe('API key', () => {
  it('refuses requests without the bearer token with 401 invalid_api_key, on every route', async () => {
    const { origin } = await start({ apiKey: 'sk-lm-secret' });
    for (const path of ['/v1/models', '/api/v0/models', '/api/v1/models', '/nope']) {
      const { status, body } = await getJson(`${origin}${path}`);
      expect(status).toBe(401);
      expect(body.error).toMatchObject({ type: 'invalid_request', code: 'invalid_api_key' });
      expect((body.error as { message: string }).message).toMatch(/^An LM Studio API token is required/);
    }
    const chat = await fetch(`${origin}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(chat.status).toBe(401);
  });

  it('accepts the right token and refuses a wrong one with the same error shape', async () => {
    const { origin } = await start({ apiKey: 'sk-lm-secret' });
    const ok = await getJson(`${origin}/v1/models`, { headers: { Authorization: 'Bearer sk-lm-secret' } });
    expect(ok.status).toBe(200);
    expect(ok.body.object).toBe('list');
    const wrong = await getJson(`${origin}/v1/models`, { headers: { Authorization: 'Bearer sk-lm-wrong' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ type: 'invalid_request', code: 'invalid_api_key' });
  });
});
