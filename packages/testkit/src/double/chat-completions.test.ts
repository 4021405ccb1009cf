import type { InferenceDouble } from './server';
import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, sseEvents, useDouble } from './test-helpers';

const start = useDouble();

const red = () => solidImage('#ff0000').then((bytes) => dataUrl(bytes));

describe('non-streaming chat completions', () => {
  it('answers in the OpenAI shape with usage, empty stats and the model as system_fingerprint', async () => {
    const server = await start();
    const response = await postChat(server, chatBody({ images: [await red()] }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-[a-z0-9]+$/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'qwen/qwen3-vl-4b',
      choices: [{ index: 0, message: { role: 'assistant', content: '{"entity":"red"}' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
      stats: {},
      system_fingerprint: 'qwen/qwen3-vl-4b',
    });
    const usage = body.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(Math.abs((body.created as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('counts prompt tokens as text/4 plus one visual token per 32x32 px for Qwen and 256 for Gemma', async () => {
    const server = await start();
    const text = 'x'.repeat(40);
    const image = dataUrl(await solidImage('#00ff00', 'png', 64, 96));
    const qwen = await postChat(server, chatBody({ text, images: [image] }));
    expect(((await qwen.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens).toBe(10 + 2 * 3);
    const gemma = await postChat(server, chatBody({ model: 'google/gemma-3-4b', text, images: [image] }));
    expect(((await gemma.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens).toBe(10 + 256);
  });

  it('stops at max_tokens with finish_reason "length"', async () => {
    const server = await start();
    const response = await postChat(server, chatBody({ images: [await red()], maxTokens: 3 }));
    const body = (await response.json()) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
      usage: { completion_tokens: number };
    };
    expect(body.choices[0]?.finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(3);
    expect(body.choices[0]?.message.content).toBe('{"entity');
  });

  it('fills the first required property of a json_schema response format', async () => {
    const server = await start();
    const responseFormat = {
      type: 'json_schema',
      json_schema: {
        name: 'answer',
        strict: true,
        schema: { type: 'object', properties: { subject: { type: 'string' } }, required: ['subject'] },
      },
    };
    const response = await postChat(server, chatBody({ images: [await red()], responseFormat }));
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(body.choices[0]?.message.content ?? '')).toEqual({ subject: 'red' });
  });

  it('writes the answer in the style configured per model', async () => {
    const server = await start({
      answerStyles: { 'qwen/qwen3-vl-4b': 'sentence', 'google/gemma-3-4b': 'markdown-json' },
    });
    const ask = async (model: string) => {
      const response = await postChat(server, chatBody({ model, images: [await red()] }));
      return ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content;
    };
    expect(await ask('qwen/qwen3-vl-4b')).toBe('The main entity in this image is a red.');
    expect(await ask('google/gemma-3-4b')).toBe('```json\n{"entity": "red"}\n```');

    await server.setOptions({ answerStyles: { 'qwen/qwen3-vl-4b': 'think' } });
    const think = await ask('qwen/qwen3-vl-4b');
    expect(think).toMatch(/^<think>[\s\S]+<\/think>\n\n\{"entity":"red"\}$/);

    await server.setOptions({ answerStyles: { 'qwen/qwen3-vl-4b': 'verbose' } });
    const verbose = await postChat(server, chatBody({ images: [await red()] }));
    const verboseBody = (await verbose.json()) as {
      choices: Array<{ message: { content: string } }>;
      usage: { completion_tokens: number };
    };
    expect(verboseBody.choices[0]?.message.content).toContain('red');
    expect(verboseBody.usage.completion_tokens).toBeGreaterThanOrEqual(40);
    expect(verboseBody.usage.completion_tokens).toBeLessThanOrEqual(80);
  });

  it('JIT-loads a not-loaded model, making the first request wait for the load', async () => {
    const server = await start({ jitLoadMs: 150 });
    const started = performance.now();
    const response = await postChat(server, chatBody({ model: 'google/gemma-3-4b', images: [await red()] }));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.options.models.find((model) => model.id === 'google/gemma-3-4b')?.state).toBe('loaded');
  });

  it('logs each request with its parameters, images, answer and status', async () => {
    const server = await start();
    const image = await solidImage('#0000ff', 'jpeg', 40, 30);
    await postChat(server, chatBody({ images: [dataUrl(image, 'image/jpeg')], text: 'Name it.', maxTokens: 50 }));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      model: 'qwen/qwen3-vl-4b',
      stream: false,
      includeUsage: false,
      maxTokens: 50,
      imageCount: 1,
      images: [{ mime: 'image/jpeg', declaredMime: 'image/jpeg', width: 40, height: 30, bytes: image.length }],
      prompt: 'Name it.',
      label: 'blue',
      answer: '{"entity":"blue"}',
      status: 200,
      closedByClient: false,
      finishReason: 'stop',
    });
    expect(server.requests[0]?.finishedAt).toBeGreaterThanOrEqual(server.requests[0]?.startedAt ?? Infinity);
  });
});

describe('streaming chat completions', () => {
  interface Chunk {
    id: string;
    object: string;
    model: string;
    system_fingerprint: string;
    created: number;
    choices: Array<{ index: number; delta: { role?: string; content?: string }; logprobs: null; finish_reason: string | null }>;
    usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  }

  async function stream(server: InferenceDouble, includeUsage?: boolean, maxTokens?: number) {
    const response = await postChat(server, chatBody({ images: [await red()], stream: true, includeUsage, maxTokens }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = sseEvents(await response.text());
    const done = events.at(-1);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Chunk);
    return { done, chunks };
  }

  it('streams the answer as several content chunks, a stop chunk with an empty delta, then [DONE]', async () => {
    const { done, chunks } = await stream(await start());
    expect(done).toBe('[DONE]');
    const content = chunks.filter((chunk) => chunk.choices[0]?.finish_reason === null);
    expect(content.length).toBeGreaterThan(3);
    expect(content.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe('{"entity":"red"}');
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'qwen/qwen3-vl-4b', system_fingerprint: 'qwen/qwen3-vl-4b' });
      expect(chunk.id).toBe(chunks[0]?.id);
    }
    expect(content[0]?.choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '{' },
      logprobs: null,
      finish_reason: null,
    });
    expect(chunks.at(-1)?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks.some((chunk) => chunk.usage !== undefined)).toBe(false);
  });

  it('adds a usage chunk with empty choices before [DONE] only when include_usage is set', async () => {
    const double = await start();
    const { done, chunks } = await stream(double, true);
    expect(done).toBe('[DONE]');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: 9, total_tokens: expect.any(Number) });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');

    const without = await stream(double, false);
    expect(without.chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(without.chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
  });

  it('ends a stream early with finish_reason "length" at max_tokens', async () => {
    const { chunks } = await stream(await start(), true, 2);
    const content = chunks.filter((chunk) => chunk.choices[0]?.finish_reason === null);
    expect(content).toHaveLength(2);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(2);
  });

  it('spaces streamed tokens by the generation rate', async () => {
    const server = await start({ generationTokensPerSecond: 100 });
    const started = performance.now();
    const { chunks } = await stream(server);
    const tokens = chunks.filter((chunk) => chunk.choices[0]?.finish_reason === null).length;
    expect(performance.now() - started).toBeGreaterThanOrEqual(tokens * 10 - 5);
  });
});
