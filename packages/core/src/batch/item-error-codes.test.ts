import { describe, expect, it } from 'vitest';
import { ImageError, type PreparedImage } from '../images';
import type { ImageAnalysis } from '../lmstudio';
import { ZItemResult } from '../schemas';
import { sendThrough } from '../testing/send-through';
import { runBatch, type BatchItemInput } from './run-batch';

const items = (count: number): BatchItemInput[] =>
  Array.from({ length: count }, (_, index) => ({ index, filename: `photo-${index}.jpg`, path: `/uploads/${index}` }));

const image: PreparedImage = {
  data: Buffer.from('x'),
  mime: 'image/jpeg',
  width: 1,
  height: 1,
  sourceFormat: 'jpeg',
  sourceWidth: 1,
  sourceHeight: 1,
  bytes: 1,
};
const timings = { durationS: 0.2, timeToFirstTokenS: 0.1, tokensPerSecond: null, promptTokens: null, completionTokens: null };
const failed = (code: Extract<ImageAnalysis, { ok: false }>['code'], error: string): ImageAnalysis => ({
  ok: false,
  code,
  error,
  rawAnswer: null,
  ...timings,
});

const analyses: ImageAnalysis[] = [
  failed('inference-timeout', 'LM Studio did not finish answering'),
  failed('no-entity', "No entity in the model's answer: empty"),
  { ok: true, entity: 'cat', rawAnswer: '{"entity":"cat"}', ...timings },
];

describe('item error codes', () => {
  it('gives every failure a stable code next to its English text, and a success none', async () => {
    const list = items(6);
    list[0]!.rejection = { code: 'unsupported-format', message: 'SVG is not supported' };
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: list,
      prepare: async (item) => {
        if (item.index === 1) throw new ImageError('image is 9000×9000 (81 MP), above the 50 MP limit', { code: 'image-too-large' });
        if (item.index === 2) throw new Error('EACCES: permission denied');
        return image;
      },
      // One at a time (concurrency 1), so the answers go to images 3, 4 and 5 in order.
      send: sendThrough(async () => analyses.shift()!),
      onEvent: () => undefined,
    });
    expect(outcome.results.map((result) => [result.errorCode, result.error])).toEqual([
      ['unsupported-format', 'photo-0.jpg: SVG is not supported'],
      ['image-too-large', 'photo-1.jpg: image is 9000×9000 (81 MP), above the 50 MP limit'],
      ['preparation-failed', 'photo-2.jpg: EACCES: permission denied'],
      ['inference-timeout', 'LM Studio did not finish answering'],
      ['no-entity', "No entity in the model's answer: empty"],
      [null, null],
    ]);
    // Every result is what the contract says a result is.
    for (const result of outcome.results) expect(ZItemResult.parse(result)).toEqual(result);
  });

  it('codes an image cancelled with its batch as cancelled, whatever its request said', async () => {
    const controller = new AbortController();
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(2),
      signal: controller.signal,
      prepare: async () => image,
      send: sendThrough(async () => {
        controller.abort();
        return failed('cancelled', 'cancelled');
      }),
      onEvent: () => undefined,
    });
    expect(outcome.results.map((result) => result.errorCode)).toEqual(['cancelled', 'cancelled']);
    expect(outcome.stats).toMatchObject({ cancelled: 2, failed: 0 });
  });

  it("starts and fails an image the router could not place, with the router's code and message", async () => {
    const refusals = [
      { code: 'model-not-on-any-host', message: 'No inference host serves model "m" (hosts: http://a, http://b).' },
      { code: 'failover-exhausted', message: 'Failed on every host tried (http://a, http://b): Cannot reach LM Studio at http://b' },
    ] as const;
    const events: string[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(2),
      send: async () => ({ status: 'failed', failure: refusals[events.filter((type) => type === 'item-started').length]! }),
      prepare: async () => image,
      onEvent: (event) => void events.push(event.type),
    });
    expect(outcome.results.map((result) => [result.errorCode, result.error])).toEqual(
      refusals.map((refusal) => [refusal.code, refusal.message]),
    );
    // Each image still starts and finishes, so a follower sees it settle.
    expect(events.filter((type) => type === 'item-started')).toHaveLength(2);
  });
});
