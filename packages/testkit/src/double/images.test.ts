import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, corruptFiles } from '../corpus';
import { sniffImageFormat } from './images';
import { startDouble, type InferenceDouble } from './server';
import { chatBody, dataUrl, postChat, solidImage } from './test-helpers';

let double: InferenceDouble;
beforeAll(async () => {
  double = await startDouble('lmstudio');
});
afterAll(() => double.close());

const NOT_BASE64 = { error: "'url' field must be a base64 encoded image." };

async function sendImageUrl(url: string) {
  const response = await postChat(double, chatBody({ images: [url] }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('image formats over /v1', () => {
  it('accepts PNG and JPEG', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const result = await sendImageUrl(dataUrl(await solidImage('#00ff00', format), `image/${format}`));
      expect(result.status).toBe(200);
    }
  });

  it('refuses WebP, GIF and BMP bytes with the base64 error, even under an image/png label', async () => {
    const webp = await readFile(path.join(CORPUS_DIR, 'valid/flower.webp'));
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
    const bmp = await readFile(path.join(CORPUS_DIR, 'valid/bird_8bit_palette.bmp'));
    expect([sniffImageFormat(webp), sniffImageFormat(gif), sniffImageFormat(bmp)]).toEqual(['webp', 'gif', 'bmp']);
    for (const bytes of [webp, gif, bmp]) {
      expect(await sendImageUrl(dataUrl(bytes, 'image/png'))).toEqual({ status: 400, body: NOT_BASE64 });
    }
  });

  it('judges by the bytes: a PNG declared as image/webp is accepted', async () => {
    const result = await sendImageUrl(dataUrl(await solidImage('#ffffff'), 'image/webp'));
    expect(result.status).toBe(200);
    expect(double.requests.at(-1)?.images[0]).toMatchObject({ mime: 'image/png', declaredMime: 'image/webp' });
  });

  it('refuses URLs that are not base64 data URLs', async () => {
    for (const url of ['https://example.com/cat.jpg', 'data:image/png,rawtext', 'data:image/png;base64,@@@@', '']) {
      expect(await sendImageUrl(url)).toEqual({ status: 400, body: NOT_BASE64 });
    }
  });

  it('refuses undecodable PNGs from the corpus with the base64 error, never crashing', async () => {
    for (const file of corruptFiles()) {
      const result = await sendImageUrl(dataUrl(await readFile(file.absolutePath)));
      // Lenient decoders accept the bad-checksum file; anything else must be the documented 400.
      if (result.status === 200) expect(file.file).toMatch(/xcsn0g01/);
      else expect(result).toEqual({ status: 400, body: NOT_BASE64 });
    }
  });
});

describe('the 26,214,400 pixel limit (#2003)', () => {
  it('accepts 5120x5120 and refuses 5121x5121 with a 400 before any resizing', async () => {
    const create = (side: number) =>
      sharp({ create: { width: side, height: side, channels: 3, background: '#808080' } })
        .jpeg({ quality: 40 })
        .toBuffer();
    const [atLimit, overLimit] = await Promise.all([create(5120), create(5121)]);
    expect((await sendImageUrl(dataUrl(atLimit, 'image/jpeg'))).status).toBe(200);
    const refused = await sendImageUrl(dataUrl(overLimit, 'image/jpeg'));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/5121x5121.*26224641 pixels.*26214400/);
  });
});

describe('visual tokens and the 1024 px downscale', () => {
  it('counts a downscaled 4000x3000 photo as 768 tokens but overflows the context at full resolution', async () => {
    const photo = dataUrl(await solidImage('#336699', 'jpeg', 4000, 3000), 'image/jpeg');
    const downscaled = await postChat(double, chatBody({ images: [photo], text: '' }));
    expect(((await downscaled.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens).toBe(768);

    await double.setOptions({ downscaleTo1024: false });
    try {
      const full = await sendImageUrl(photo);
      expect(full.status).toBe(400);
      expect(full.body.error).toMatch(/^The number of tokens to keep from the initial prompt is greater than the context length/);
    } finally {
      await double.setOptions({ downscaleTo1024: true });
    }
  });
});
