import type { InferenceDouble } from './server';
import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, useDouble } from './test-helpers';
import type { DoubleModel } from './types';

const start = useDouble();

async function send(server: InferenceDouble, body: unknown) {
  const response = await postChat(server, body);
  return { status: response.status, body: (await response.json()) as { error?: unknown } };
}

const redPng = async () => dataUrl(await solidImage('#ff0000'));

describe('request validation errors, in LM Studio shapes and statuses', () => {
  it('refuses response_format json_object with the bare-string 400', async () => {
    const server = await start();
    expect(await send(server, chatBody({ responseFormat: { type: 'json_object' } }))).toEqual({
      status: 400,
      body: { error: "'response_format.type' must be 'json_schema' or 'text'" },
    });
  });

  it('checks response_format before the model id', async () => {
    const server = await start();
    const result = await send(server, chatBody({ model: 'nope', responseFormat: { type: 'json_object' } }));
    expect(result.body.error).toBe("'response_format.type' must be 'json_schema' or 'text'");
  });

  it('refuses an unknown model id with the OpenAI-style model_not_found object', async () => {
    const server = await start();
    expect(await send(server, chatBody({ model: 'x' }))).toEqual({
      status: 400,
      body: {
        error: {
          message: 'Invalid model identifier "x". Please specify a valid downloaded model (e.g., qwen/qwen3-vl-4b).',
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
    });
  });

  it('answers "No models loaded" for a not-loaded model when JIT is off', async () => {
    const server = await start({ jit: false });
    expect(await send(server, chatBody({ model: 'google/gemma-3-4b', images: [await redPng()] }))).toEqual({
      status: 400,
      body: { error: "No models loaded. Please load a model in the developer page or use the 'lms load' command." },
    });
  });

  it('refuses images on a text-only llama.cpp model with a 400', async () => {
    const server = await start();
    expect(await send(server, chatBody({ model: 'qwen/qwen3-4b', images: [await redPng()] }))).toEqual({
      status: 400,
      body: { error: 'Model does not support images. Please use a model that does.' },
    });
  });

  it('reports images on a text-only MLX model as an error inside an HTTP 200', async () => {
    const mlxModel: DoubleModel = {
      id: 'mlx-community/qwen3-4b',
      type: 'llm',
      state: 'loaded',
      arch: 'qwen3',
      quantization: '4bit',
      maxContextLength: 32768,
      engine: 'mlx',
    };
    const server = await start({ models: [mlxModel] });
    expect(await send(server, chatBody({ model: mlxModel.id, images: [await redPng()] }))).toEqual({
      status: 200,
      body: {
        error: {
          message: 'Error in iterating prediction stream: ValueError: Vision add-on is not loaded, but images were provided for processing',
        },
      },
    });
  });

  it('answers text-only requests on a text-only model', async () => {
    const server = await start();
    const result = await send(server, chatBody({ model: 'qwen/qwen3-4b', text: 'hello' }));
    expect(result.status).toBe(200);
    expect(result.body.error).toBeUndefined();
  });

  it('refuses a prompt longer than the loaded context length', async () => {
    const server = await start();
    expect(await send(server, chatBody({ text: 'word '.repeat(4000) }))).toEqual({
      status: 400,
      body: {
        error:
          'The number of tokens to keep from the initial prompt is greater than the context length. Try to load the model with a larger context length, or provide a shorter input',
      },
    });
  });

  it('refuses a body without messages', async () => {
    const server = await start();
    const result = await send(server, { model: 'qwen/qwen3-vl-4b' });
    expect(result.status).toBe(400);
    expect(typeof result.body.error).toBe('string');
  });
});
