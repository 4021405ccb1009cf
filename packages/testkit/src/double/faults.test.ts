import type { InferenceDouble } from './server';
import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, sseEvents, useDouble } from './test-helpers';

const start = useDouble();

const imageBody = async (extra: Parameters<typeof chatBody>[0] = {}) =>
  chatBody({ images: [dataUrl(await solidImage('#ff0000'))], ...extra });

async function send(server: InferenceDouble, body?: unknown) {
  const response = await postChat(server, body ?? (await imageBody()));
  const text = await response.text();
  return { status: response.status, text };
}

describe('error faults', () => {
  it('answers the documented error shapes for http-500, no-models-loaded, mlx-vision-200 and context-overflow', async () => {
    const server = await start();
    const expected = [
      ['http-500', 500, { error: 'Internal server error' }],
      ['no-models-loaded', 400, { error: "No models loaded. Please load a model in the developer page or use the 'lms load' command." }],
      [
        'mlx-vision-200',
        200,
        {
          error: {
            message:
              'Error in iterating prediction stream: ValueError: Vision add-on is not loaded, but images were provided for processing',
          },
        },
      ],
      ['context-overflow', 400, { error: expect.stringMatching(/^The number of tokens to keep from the initial prompt/) }],
    ] as const;
    for (const [kind, status, body] of expected) {
      server.injectFault({ kind, times: 1 });
      const result = await send(server);
      expect(result.status).toBe(status);
      expect(JSON.parse(result.text)).toEqual(body);
      expect(server.requests.at(-1)).toMatchObject({ fault: kind, status });
    }
    expect((await send(server)).status).toBe(200);
  });

  it('applies faults in injection order, each for its number of times, then recovers', async () => {
    const server = await start();
    server.injectFault({ kind: 'http-500', times: 2 });
    server.injectFault({ kind: 'empty', times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await send(server));
    expect(statuses.map((result) => [result.status, result.text === '' ? 'empty' : 'body'])).toEqual([
      [500, 'body'],
      [500, 'body'],
      [200, 'empty'],
      [200, 'body'],
    ]);
  });

  it('lasts until cleared when times is omitted, and only hits the model it names', async () => {
    const server = await start();
    server.injectFault({ kind: 'http-500', model: 'google/gemma-3-4b' });
    expect((await send(server)).status).toBe(200);
    expect((await send(server, await imageBody({ model: 'google/gemma-3-4b' }))).status).toBe(500);
    expect((await send(server, await imageBody({ model: 'google/gemma-3-4b' }))).status).toBe(500);
    server.clearFaults();
    expect((await send(server, await imageBody({ model: 'google/gemma-3-4b' }))).status).toBe(200);
  });

  it('waits afterMs before acting', async () => {
    const server = await start();
    server.injectFault({ kind: 'http-500', times: 1, afterMs: 150 });
    const started = performance.now();
    expect((await send(server)).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('unload leaves the model not loaded with JIT off, so "No models loaded" follows', async () => {
    const server = await start();
    server.injectFault({ kind: 'unload', times: 1 });
    const first = await send(server);
    expect(first.status).toBe(400);
    expect(JSON.parse(first.text).error).toMatch(/^No models loaded/);
    expect(server.options.models[0]).toMatchObject({ id: 'qwen/qwen3-vl-4b', state: 'not-loaded' });
    expect((await send(server)).status).toBe(400);
  });
});

describe('broken-connection faults', () => {
  it('hang accepts the request and never answers until the client gives up, which the log records', async () => {
    const server = await start();
    server.injectFault({ kind: 'hang', times: 1 });
    const attempt = postChat(server, await imageBody(), { signal: AbortSignal.timeout(200) });
    await expect(attempt).rejects.toThrow();
    await expect.poll(() => server.requests[0]?.closedByClient).toBe(true);
    expect(server.requests[0]).toMatchObject({ fault: 'hang', status: undefined });
  });

  it('stall sends headers and a couple of chunks, then goes silent', async () => {
    const server = await start();
    server.injectFault({ kind: 'stall', times: 1 });
    const controller = new AbortController();
    const response = await postChat(server, await imageBody({ stream: true }), { signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const received: string[] = [];
    const decoder = new TextDecoder();
    while (sseEvents(received.join('')).length < 2) received.push(decoder.decode((await reader.read()).value));
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((r) => setTimeout(r, 250, 'silence'))]);
    expect(next).toBe('silence');
    controller.abort();
    await expect.poll(() => server.requests[0]?.closedByClient).toBe(true);
  });

  it('reset destroys the socket: the client sees a network error, not a response', async () => {
    const server = await start();
    server.injectFault({ kind: 'reset', times: 1 });
    await expect(postChat(server, await imageBody())).rejects.toThrow(/fetch failed/);
    expect(server.requests[0]).toMatchObject({ fault: 'reset', closedByClient: false, status: undefined });
    expect((await send(server)).status).toBe(200);
  });

  it('garbage answers 200 with a body that is not JSON, and a stream that breaks without [DONE]', async () => {
    const server = await start();
    server.injectFault({ kind: 'garbage', times: 2 });
    const plain = await send(server);
    expect(plain.status).toBe(200);
    expect(() => JSON.parse(plain.text)).toThrow();
    const streamed = await send(server, await imageBody({ stream: true }));
    const events = sseEvents(streamed.text);
    expect(events).not.toContain('[DONE]');
    expect(() => events.map((event) => JSON.parse(event))).toThrow();
  });

  it('empty answers 200 with an empty body', async () => {
    const server = await start();
    server.injectFault({ kind: 'empty', times: 1 });
    expect(await send(server)).toEqual({ status: 200, text: '' });
  });

  it('down cuts the request and refuses connections until up() brings it back on the same port', async () => {
    const server = await start();
    server.injectFault({ kind: 'down', times: 1 });
    await expect(postChat(server, await imageBody())).rejects.toThrow(/fetch failed/);
    expect(server.isDown).toBe(true);
    const refused = await fetch(`${server.baseUrl}/models`).catch((error: Error) => error.cause);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    await server.up();
    const back = await fetch(`${server.baseUrl}/models`);
    expect(back.status).toBe(200);
    expect(new URL(back.url).port).toBe(String(server.port));
  });

  it('down with downForMs comes back by itself, and in-flight requests are cut too', async () => {
    const server = await start({ generationTokensPerSecond: 20 });
    const inFlight = postChat(server, await imageBody()).then(
      () => 'answered',
      () => 'cut',
    );
    await expect.poll(() => server.metrics().generating).toBe(1);
    server.injectFault({ kind: 'down', times: 1, downForMs: 150 });
    await expect(postChat(server, await imageBody())).rejects.toThrow();
    expect(await inFlight).toBe('cut');
    expect(server.requests[0]).toMatchObject({ closedByClient: false, fault: undefined });
    await expect.poll(() => server.isDown, { timeout: 2000 }).toBe(false);
    expect((await fetch(`${server.baseUrl}/models`)).status).toBe(200);
  });
});
