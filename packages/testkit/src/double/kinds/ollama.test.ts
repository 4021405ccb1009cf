import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, sseEvents, useDouble } from '../test-helpers';

const start = useDouble();
const ollama = () => start({ kind: 'ollama' });
const getJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the Ollama double', () => {
  it('lists models in the OpenAI shape with created and owned_by "library", and null data when there are none', async () => {
    const double = await ollama();
    const { body } = await getJson(`${double.baseUrl}/models`);
    expect(body.object).toBe('list');
    expect((body.data as unknown[])[0]).toEqual({ id: 'gemma3:4b', object: 'model', created: expect.any(Number), owned_by: 'library' });
    await double.setOptions({ models: [] });
    expect((await getJson(`${double.baseUrl}/models`)).body).toEqual({ object: 'list', data: null });
  });

  it('says what a model can do only in POST /api/show capabilities, and 404s an unknown one with a bare string', async () => {
    const double = await ollama();
    const show = (model: string) => getJson(`${double.origin}/api/show`, { method: 'POST', body: JSON.stringify({ model }) });
    expect((await show('gemma3:4b')).body.capabilities).toEqual(['completion', 'vision']);
    expect((await show('qwen3:4b')).body.capabilities).toEqual(['completion']);
    expect(await show('nope:1b')).toEqual({ status: 404, body: { error: "model 'nope:1b' not found" } });
    const running = await getJson(`${double.origin}/api/ps`);
    expect((running.body.models as Array<{ name: string }>).map((model) => model.name)).toEqual(['qwen2.5vl:3b']);
  });

  it('answers an unknown path with a plain-text 404 and says it is running at the root', async () => {
    const double = await ollama();
    const unknown = await fetch(`${double.origin}/api/v0/models`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await unknown.text()).toBe('404 page not found');
    expect(await (await fetch(`${double.origin}/`)).text()).toBe('Ollama is running');
  });

  it('answers a text-only model given a photo with HTTP 200 and a made-up entity: the image is dropped', async () => {
    const double = await ollama();
    const response = await postChat(double, chatBody({ model: 'qwen3:4b', images: [dataUrl(await solidImage('#ff0000'))] }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }>; system_fingerprint: string };
    const entity = (JSON.parse(body.choices[0]!.message.content) as { entity: string }).entity;
    expect(entity).not.toBe('red');
    expect(body.system_fingerprint).toBe('fp_ollama');
    expect(double.requests.at(-1)).toMatchObject({ imageCount: 1, images: [] });
  });

  it('accepts WebP declared as such, refuses GIF and http URLs, and 404s an unknown model, in its /v1 error shape', async () => {
    const double = await ollama();
    const webp = await postChat(
      double,
      chatBody({ model: 'gemma3:4b', images: [dataUrl(await solidImage('#00ff00', 'png'), 'image/webp')] }),
    );
    expect(webp.status).toBe(200);
    const gif = await postChat(double, chatBody({ model: 'gemma3:4b', images: [dataUrl(await solidImage('#00ff00'), 'image/gif')] }));
    expect(gif.status).toBe(400);
    expect(await gif.json()).toEqual({ error: { message: 'invalid image input', type: 'invalid_request_error', param: null, code: null } });
    const remote = await postChat(double, chatBody({ model: 'gemma3:4b', images: ['https://example.invalid/cat.jpg'] }));
    expect(((await remote.json()) as { error: { message: string } }).error.message).toMatch(/^image URLs are not currently supported/);
    const unknown = await postChat(double, chatBody({ model: 'llava:99b', images: [] }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { message: "model 'llava:99b' not found", type: 'not_found_error', param: null, code: null },
    });
  });

  it('serves one request at a time by default and answers 503 "server busy" once its queue is full', async () => {
    const double = await start({ kind: 'ollama', maxQueue: 1, generationTokensPerSecond: 50 });
    const image = dataUrl(await solidImage('#0000ff'));
    const send = () => postChat(double, chatBody({ model: 'qwen2.5vl:3b', images: [image] }));
    const first = send();
    await expect.poll(() => double.metrics().inFlight).toBe(1);
    const second = send();
    await expect.poll(() => double.metrics().queued).toBe(1);
    const third = await send();
    expect(third.status).toBe(503);
    expect(await third.json()).toEqual({
      error: { message: 'server busy, please try again.  maximum pending requests exceeded', type: 'api_error', param: null, code: null },
    });
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(double.metrics().maxInFlight).toBe(1);
  });

  it('streams chunks carrying fp_ollama and ends with a usage chunk when asked', async () => {
    const double = await ollama();
    const response = await postChat(
      double,
      chatBody({ model: 'qwen2.5vl:3b', images: [dataUrl(await solidImage('#ff0000'))], stream: true, includeUsage: true }),
    );
    const events = sseEvents(await response.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Record<string, unknown>);
    expect(chunks.every((chunk) => chunk.system_fingerprint === 'fp_ollama')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });
  });
});
