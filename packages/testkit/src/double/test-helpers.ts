import sharp from 'sharp';
import { afterEach } from 'vitest';
import { startDouble, type InferenceDouble } from './server';
import type { DoubleOptions } from './types';

/** Helpers for the double's own tests: real HTTP requests, as a client would send them. */

/** A `start(options)` for a test file: each test's double is closed after it. */
export function useDouble(): (options?: Partial<DoubleOptions>) => Promise<InferenceDouble> {
  let double: InferenceDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
  });
  return async (options = {}) => (double = await startDouble(options.kind ?? 'lmstudio', options));
}

export function solidImage(colour: string, format: 'png' | 'jpeg' = 'png', width = 48, height = 32): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return (format === 'png' ? image.png() : image.jpeg()).toBuffer();
}

export const dataUrl = (bytes: Uint8Array, mime = 'image/png'): string => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

export interface ChatBodyInput {
  model?: string;
  images?: string[];
  text?: string;
  stream?: boolean;
  includeUsage?: boolean;
  maxTokens?: number;
  responseFormat?: unknown;
}

export function chatBody(input: ChatBodyInput = {}): Record<string, unknown> {
  const content: unknown[] = [{ type: 'text', text: input.text ?? 'What is the main entity in this image?' }];
  for (const url of input.images ?? []) content.push({ type: 'image_url', image_url: { url } });
  return {
    model: input.model ?? 'qwen/qwen3-vl-4b',
    messages: [{ role: 'user', content }],
    ...(input.stream === undefined ? {} : { stream: input.stream }),
    ...(input.includeUsage === undefined ? {} : { stream_options: { include_usage: input.includeUsage } }),
    ...(input.maxTokens === undefined ? {} : { max_tokens: input.maxTokens }),
    ...(input.responseFormat === undefined ? {} : { response_format: input.responseFormat }),
  };
}

export function postChat(double: InferenceDouble, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${double.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** Sends one image and returns the answer text (non-streaming), failing loudly on any error body. */
export async function askAbout(double: InferenceDouble, image: Uint8Array, mime = 'image/png'): Promise<string> {
  const response = await postChat(double, chatBody({ images: [dataUrl(image, mime)] }));
  const body = (await response.json()) as { error?: unknown; choices?: Array<{ message: { content: string } }> };
  if (body.error !== undefined || !body.choices?.[0]) throw new Error(`double refused: ${JSON.stringify(body)}`);
  return body.choices[0].message.content;
}

export const entityOf = (answer: string): string => (JSON.parse(answer) as { entity: string }).entity;

/** The `data:` payloads of an SSE body, in order. */
export function sseEvents(text: string): string[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
}
