import { readFile } from 'node:fs/promises';
import { DEFAULT_PROMPT } from '@vision/core';
import type { BenchPhoto } from './photos';

export interface NaiveRun {
  wallMs: number;
  failed: number;
  errors: string[];
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  bmp: 'image/bmp',
  gif: 'image/gif',
};

/**
 * The seed's way: one image after another, the original bytes as a data URL, no preparation, straight to
 * LM Studio's /v1/chat/completions. A WebP, BMP or GIF original would be refused there (counted as failed).
 */
export async function runNaive(baseUrl: string, photos: BenchPhoto[], model: string): Promise<NaiveRun> {
  const startedAt = performance.now();
  const errors: string[] = [];
  for (const photo of photos) {
    const bytes = await readFile(photo.path);
    const mime = MIME[photo.name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model,
        temperature: 0,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: DEFAULT_PROMPT },
              { type: 'image_url', image_url: { url: `data:${mime};base64,${bytes.toString('base64')}` } },
            ],
          },
        ],
      }),
    });
    const body = (await response.json()) as { error?: unknown };
    if (body.error !== undefined) errors.push(`${photo.name}: ${JSON.stringify(body.error)}`);
  }
  return { wallMs: performance.now() - startedAt, failed: errors.length, errors };
}
