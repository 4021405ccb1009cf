import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, sseEvents, useDouble } from '../test-helpers';

const start = useDouble();
const getJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const bmp24 = (width: number, height: number, rgb: [number, number, number]): Buffer => {
  const row = Math.ceil((width * 3) / 4) * 4;
  const buffer = Buffer.alloc(54 + row * height);
  buffer.write('BM', 0, 'ascii');
  buffer.writeUInt32LE(buffer.length, 2);
  buffer.writeUInt32LE(54, 10);
  buffer.writeUInt32LE(40, 14);
  buffer.writeInt32LE(width, 18);
  buffer.writeInt32LE(height, 22);
  buffer.writeUInt16LE(1, 26);
  buffer.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) buffer.set([rgb[2], rgb[1], rgb[0]], 54 + y * row + x * 3);
  return buffer;
};

describe('the llama.cpp double', () => {
  it('lists its one model owned by "llamacpp" with meta, plus an Ollama-style models list', async () => {
    const double = await start({ kind: 'llamacpp' });
    const { body } = await getJson(`${double.baseUrl}/models`);
    expect(body.data).toEqual([
      expect.objectContaining({
        id: 'gemma-3-4b-it-Q4_K_M.gguf',
        object: 'model',
        owned_by: 'llamacpp',
        meta: expect.objectContaining({ n_ctx_train: 131072 }),
      }),
    ]);
    expect(body.models).toEqual([
      expect.objectContaining({ name: 'gemma-3-4b-it-Q4_K_M.gguf', capabilities: ['completion', 'multimodal'] }),
    ]);
  });

  it('reports vision and its slots in GET /props, and answers every request with its one model', async () => {
    const double = await start({ kind: 'llamacpp' });
    const { body } = await getJson(`${double.origin}/props`);
    expect(body).toMatchObject({ total_slots: 4, modalities: { vision: true, audio: false } });
    const response = await postChat(double, chatBody({ model: 'whatever-you-like', images: [dataUrl(await solidImage('#ff0000'))] }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { model: string }).model).toBe('gemma-3-4b-it-Q4_K_M.gguf');
  });

  it('answers 503 "Loading model" on every route while its model loads', async () => {
    const double = await start({ kind: 'llamacpp', startupLoadMs: 60_000 });
    const loading = { error: { message: 'Loading model', type: 'unavailable_error', code: 503 } };
    for (const path of ['/v1/models', '/props', '/health', '/nope'])
      expect(await getJson(`${double.origin}${path}`)).toEqual({ status: 503, body: loading });
    const chat = await postChat(double, chatBody({ images: [] }));
    expect(chat.status).toBe(503);
  });

  it('decodes JPEG, PNG, BMP and GIF but refuses WebP with its invalid_request_error', async () => {
    const double = await start({ kind: 'llamacpp' });
    const gif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#00ff00' } })
      .gif()
      .toBuffer();
    const webp = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#00ff00' } })
      .webp()
      .toBuffer();
    for (const [bytes, mime] of [
      [await solidImage('#00ff00', 'jpeg'), 'image/jpeg'],
      [bmp24(16, 16, [0, 255, 0]), 'image/bmp'],
      [gif, 'image/gif'],
    ] as const) {
      const response = await postChat(double, chatBody({ images: [dataUrl(bytes, mime)] }));
      expect(response.status).toBe(200);
      expect(double.requests.at(-1)?.label).toBe('green');
    }
    const refused = await postChat(double, chatBody({ images: [dataUrl(webp, 'image/webp')] }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: 400, message: 'Failed to load image or audio file', type: 'invalid_request_error' },
    });
  });

  it('answers an image sent to a model without a vision projector with a 500 hinting at the mmproj', async () => {
    const double = await start({
      kind: 'llamacpp',
      models: [
        { id: 'Qwen3-4B-Q4_K_M.gguf', type: 'llm', state: 'loaded', arch: 'qwen3', quantization: 'Q4_K_M', maxContextLength: 40960 },
      ],
    });
    expect((await getJson(`${double.origin}/props`)).body.modalities).toEqual({ vision: false, audio: false });
    const response = await postChat(double, chatBody({ images: [dataUrl(await solidImage('#ff0000'))] }));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error.type).toBe('server_error');
    expect(body.error.message).toMatch(/^image input is not supported - hint: .*mmproj/);
  });

  it('answers unknown paths with its 404 JSON, refuses a wrong API key, and streams a first delta with null content', async () => {
    const double = await start({ kind: 'llamacpp', apiKey: 'k' });
    const auth = { Authorization: 'Bearer k' };
    expect(await getJson(`${double.origin}/foo`, { headers: auth })).toEqual({
      status: 404,
      body: { error: { message: 'File Not Found', type: 'not_found_error', code: 404 } },
    });
    expect(await getJson(`${double.origin}/v1/models`)).toEqual({
      status: 401,
      body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } },
    });
    const response = await postChat(double, chatBody({ images: [dataUrl(await solidImage('#ff0000'))], stream: true }), {
      headers: { ...auth, 'Content-Type': 'application/json' },
    });
    const first = JSON.parse(sseEvents(await response.text())[0]!) as { choices: Array<{ delta: unknown }> };
    expect(first.choices[0]!.delta).toEqual({ role: 'assistant', content: null });
  });

  it('refuses response_format types other than text, json_object and json_schema', async () => {
    const double = await start({ kind: 'llamacpp' });
    expect((await postChat(double, chatBody({ responseFormat: { type: 'json_object' } }))).status).toBe(200);
    expect((await postChat(double, chatBody({ responseFormat: { type: 'grammar' } }))).status).toBe(400);
  });
});
