import { describe, expect, it } from 'vitest';
import { ImageError, type PreparedImage } from '../images';
import type { ImageAnalysis } from '../lmstudio';
import { ZItemResult } from '../schemas';
import { NoHostError, type RequestSlot } from './request-scheduler';
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
const failed = (reason: Extract<ImageAnalysis, { ok: false }>['reason'], error: string): ImageAnalysis => ({
  ok: false,
  reason,
  error,
  rawAnswer: null,
  ...timings,
});

const analyses: ImageAnalysis[] = [
  failed('timeout', 'LM Studio did not finish answering'),
  failed('unparseable', "No entity in the model's answer: empty"),
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
      analyze: async () => analyses.shift()!,
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
      analyze: async () => {
        controller.abort();
        return failed('aborted', 'cancelled');
      },
      onEvent: () => undefined,
    });
    expect(outcome.results.map((result) => result.errorCode)).toEqual(['cancelled', 'cancelled']);
    expect(outcome.stats).toMatchObject({ cancelled: 2, failed: 0 });
  });

  it("codes a server's own failures: still loading, a 5xx, a model it lists as text-only", async () => {
    const answers = [
      failed('unavailable', 'llama.cpp: Loading model (HTTP 503); still unavailable after 60 s of retrying'),
      failed('server-error', 'vLLM: Internal Server Error (HTTP 500)'),
      failed(
        'cannot-see-images',
        'Model "qwen3:4b" cannot see images (Ollama at http://gpu1:11434/v1 lists it as llm): choose a vision model.',
      ),
    ];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(3),
      prepare: async () => image,
      analyze: async () => answers.shift()!,
      onEvent: () => undefined,
    });
    expect(outcome.results.map((result) => result.errorCode)).toEqual([
      'inference-unavailable',
      'inference-server-error',
      'model-cannot-see-images',
    ]);
  });

  it('codes an image no host of a pool can take by why: no host lists the model, or every one is out of the rotation', async () => {
    const refusals = [
      new NoHostError('model-not-on-any-host', 'No inference host serves model "m" (hosts: http://a, http://b).'),
      new NoHostError(
        'no-host-available',
        'No inference host can serve model "m" now; tried http://a (Cannot reach LM Studio at http://a).',
      ),
    ];
    const events: string[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(2),
      requestSlot: async () => Promise.reject(refusals.shift()!),
      prepare: async () => image,
      analyze: async () => ({ ok: true, entity: 'cat', rawAnswer: '{"entity":"cat"}', ...timings }),
      onEvent: (event) => void events.push(event.type),
    });
    expect(outcome.results.map((result) => [result.errorCode, result.error])).toEqual([
      ['model-not-on-any-host', 'No inference host serves model "m" (hosts: http://a, http://b).'],
      ['no-host-available', 'No inference host can serve model "m" now; tried http://a (Cannot reach LM Studio at http://a).'],
    ]);
    // Each image still starts and finishes, so a follower sees it settle.
    expect(events.filter((type) => type === 'item-started')).toHaveLength(2);
  });

  it('sends an image whose host failed to the next slot, and codes it failover-exhausted after six sends, naming the hosts', async () => {
    let sends = 0;
    const hostsAsked: string[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(1),
      requestSlot: async () => Object.assign(() => undefined, { host: sends % 2 === 0 ? 'http://a' : 'http://b' }) as RequestSlot,
      prepare: async () => image,
      analyze: async (_request, slot) => {
        sends += 1;
        hostsAsked.push(slot!.host!);
        return failed('unreachable', `Cannot reach LM Studio at ${slot!.host}`);
      },
      resend: () => true,
      onEvent: () => undefined,
    });
    expect(sends).toBe(6);
    expect(new Set(hostsAsked)).toEqual(new Set(['http://a', 'http://b']));
    expect(outcome.results[0]).toMatchObject({ errorCode: 'failover-exhausted', success: false });
    expect(outcome.results[0]!.error).toMatch(/^Failed on every host tried \(http:\/\/a, http:\/\/b\): Cannot reach LM Studio at/);
  });

  it('leaves an image for the next run when the server halts while its failed host is being replaced', async () => {
    const halt = new AbortController();
    const events: string[] = [];
    const outcome = await runBatch({
      batchId: 'b1',
      model: 'm',
      items: items(1),
      halt: halt.signal,
      requestSlot: async (signal) => {
        if (signal?.aborted) throw signal.reason;
        return Object.assign(() => undefined, { host: 'http://a' }) as RequestSlot;
      },
      prepare: async () => image,
      analyze: async () => {
        // The host fails, and the server starts stopping before the image can go elsewhere.
        halt.abort();
        return failed('unreachable', 'Cannot reach LM Studio at http://a');
      },
      resend: () => true,
      onEvent: (event) => void events.push(event.type),
    });
    expect(outcome.status).toBe('running');
    expect(outcome.results.filter(Boolean)).toHaveLength(0);
    expect(events).toEqual(['batch-started', 'item-started']);
  });
});
