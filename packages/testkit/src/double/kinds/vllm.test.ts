import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, useDouble } from '../test-helpers';

const start = useDouble();
const getJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const schema = (name?: string) => ({
  type: 'json_schema',
  json_schema: {
    ...(name ? { name } : {}),
    strict: true,
    schema: { type: 'object', properties: { entity: { type: 'string' } }, required: ['entity'] },
  },
});

describe('the vLLM double', () => {
  it('lists model cards owned by "vllm" with root, parent, max_model_len and permissions, and nothing about vision', async () => {
    const double = await start({ kind: 'vllm' });
    const { body } = await getJson(`${double.baseUrl}/models`);
    const [card] = body.data as Array<Record<string, unknown>>;
    expect(card).toMatchObject({
      id: 'Qwen/Qwen2.5-VL-3B-Instruct',
      owned_by: 'vllm',
      root: 'Qwen/Qwen2.5-VL-3B-Instruct',
      parent: null,
      max_model_len: 32768,
    });
    expect(card?.permission).toEqual([expect.objectContaining({ object: 'model_permission' })]);
    expect(JSON.stringify(card)).not.toMatch(/vision|vlm/);
  });

  it('requires json_schema.name', async () => {
    const double = await start({ kind: 'vllm' });
    const image = dataUrl(await solidImage('#ff0000'));
    const without = await postChat(double, chatBody({ model: 'Qwen/Qwen2.5-VL-3B-Instruct', images: [image], responseFormat: schema() }));
    expect(without.status).toBe(400);
    expect(((await without.json()) as { error: { type: string; message: string } }).error).toMatchObject({
      type: 'BadRequestError',
      message: expect.stringMatching(/'name'.*Field required/),
    });
    const named = await postChat(
      double,
      chatBody({ model: 'Qwen/Qwen2.5-VL-3B-Instruct', images: [image], responseFormat: schema('entity') }),
    );
    expect(named.status).toBe(200);
  });

  it('refuses an image for a text-only model and an unknown model in its error shapes', async () => {
    const double = await start({
      kind: 'vllm',
      models: [
        { id: 'Qwen/Qwen2.5-3B-Instruct', type: 'llm', state: 'loaded', arch: 'qwen2', quantization: 'bf16', maxContextLength: 32768 },
      ],
    });
    const image = dataUrl(await solidImage('#ff0000'));
    const textOnly = await postChat(double, chatBody({ model: 'Qwen/Qwen2.5-3B-Instruct', images: [image] }));
    expect(textOnly.status).toBe(400);
    expect(await textOnly.json()).toEqual({
      error: { message: 'Qwen/Qwen2.5-3B-Instruct is not a multimodal model', type: 'BadRequestError', param: null, code: 400 },
    });
    const unknown = await postChat(double, chatBody({ model: 'x', images: [image] }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: unknown }).error).toMatchObject({
      message: 'The model `x` does not exist.',
      type: 'NotFoundError',
      code: 404,
    });
  });

  it("answers unknown paths with FastAPI's 404 and guards only /v1 with its API key", async () => {
    const double = await start({ kind: 'vllm', apiKey: 'k' });
    expect(await getJson(`${double.origin}/nope`)).toEqual({ status: 404, body: { detail: 'Not Found' } });
    expect(await getJson(`${double.baseUrl}/models`)).toEqual({ status: 401, body: { error: 'Unauthorized' } });
    expect((await fetch(`${double.origin}/health`)).status).toBe(200);
  });

  it('serves many requests at once (it batches, and does not say how many)', async () => {
    const double = await start({ kind: 'vllm', generationTokensPerSecond: 100 });
    const image = dataUrl(await solidImage('#ff0000'));
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postChat(double, chatBody({ model: 'Qwen/Qwen2.5-VL-3B-Instruct', images: [image] }))),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(double.metrics().maxInFlight).toBe(10);
  });
});
