import type { InferenceDouble } from './server';
import { describe, expect, it } from 'vitest';
import { chatBody, dataUrl, postChat, solidImage, useDouble } from './test-helpers';

const start = useDouble();

/** Sends `count` requests at once and returns the wall time until all are answered. */
async function burst(server: InferenceDouble, count: number, extra: Parameters<typeof chatBody>[0] = {}) {
  const image = dataUrl(await solidImage('#ff0000'));
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: count }, () => postChat(server, chatBody({ images: [image], ...extra })).then((r) => r.json())),
  );
  return { elapsed: performance.now() - started, responses: responses as Array<{ error?: unknown }> };
}

// The red-image answer {"entity":"red"} is 9 tokens.
const ANSWER_TOKENS = 9;

describe('parallel slots', () => {
  it('never serves more requests at once than `parallel`; the rest queue and all complete', async () => {
    const server = await start({ parallel: 2, generationTokensPerSecond: 200 });
    const { elapsed, responses } = await burst(server, 6);
    expect(responses.every((response) => response.error === undefined)).toBe(true);
    expect(server.metrics()).toMatchObject({ maxInFlight: 2, inFlight: 0, completed: 6, queued: 0 });
    // Three waves of two: at least three generation times.
    expect(elapsed).toBeGreaterThanOrEqual(3 * ANSWER_TOKENS * 5 - 10);
  });

  it('serves one request at a time by default before 0.4 and four at a time on 0.4', async () => {
    const old = await start({ serverVersion: '0.3', generationTokensPerSecond: 300 });
    await burst(old, 5);
    expect(old.metrics().maxInFlight).toBe(1);
    await old.close();
    const current = await start({ generationTokensPerSecond: 300 });
    await burst(current, 6);
    expect(current.metrics().maxInFlight).toBe(4);
  });

  it('applies a live change of `parallel` to the next admissions', async () => {
    const server = await start({ parallel: 1, generationTokensPerSecond: 300 });
    await burst(server, 3);
    expect(server.metrics().maxInFlight).toBe(1);
    await server.setOptions({ parallel: 3 });
    server.resetMetrics();
    await burst(server, 3);
    expect(server.metrics().maxInFlight).toBe(3);
  });
});

describe('cost model', () => {
  it('serializes the prompt stage: two concurrent requests take at least twice its time', async () => {
    const server = await start({ visionEncoderMs: 150, parallel: 4 });
    const { elapsed } = await burst(server, 2);
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(server.metrics().promptBusyMs).toBeCloseTo(300, 0);
  });

  it('charges decode by image bytes and prefill by prompt tokens', async () => {
    const server = await start({ promptTokensPerSecond: 1000, decodeMsPerMB: 1000 });
    const image = await solidImage('#00ff00', 'png', 320, 320);
    await postChat(server, chatBody({ images: [dataUrl(image)], text: '' })).then((r) => r.json());
    const expected = (100 / 1000) * 1000 + (image.length / (1024 * 1024)) * 1000;
    expect(server.metrics().promptBusyMs).toBeCloseTo(expected, 0);
  });

  it('charges the vision encoder by visual tokens beyond a 1024 px image, and never less than its base cost', async () => {
    // 2048x1024 is 64x32 = 2048 Qwen tokens at full size (twice the reference), 512 once LM Studio caps it at 1024 px.
    const image = dataUrl(await solidImage('#ff0000', 'png', 2048, 1024));
    const full = await start({ visionEncoderMs: 100, downscaleTo1024: false });
    await postChat(full, chatBody({ images: [image], text: '' })).then((r) => r.json());
    expect(full.metrics().promptBusyMs).toBeCloseTo(200, 0);
    await full.close();
    const capped = await start({ visionEncoderMs: 100, downscaleTo1024: true });
    await postChat(capped, chatBody({ images: [image], text: '' })).then((r) => r.json());
    expect(capped.metrics().promptBusyMs).toBeCloseTo(100, 0);
  });

  it('reports the floor: the prompt stage plus every answer with one slot, plus the shortest answer with more', async () => {
    // 100 ms of prompt stage and 9 tokens at 300 tokens/s (30 ms) per request.
    const one = await start({ visionEncoderMs: 100, generationTokensPerSecond: 300, parallel: 1 });
    await burst(one, 3);
    expect(one.metrics()).toMatchObject({ promptBusyMs: 300, generationMs: 90 });
    expect(one.metrics().floorMs).toBeCloseTo(390, 6);
    await one.close();
    const four = await start({ visionEncoderMs: 100, generationTokensPerSecond: 300, parallel: 4 });
    const { elapsed } = await burst(four, 3);
    expect(four.metrics().floorMs).toBeCloseTo(330, 6);
    expect(elapsed).toBeGreaterThanOrEqual(four.metrics().floorMs - 5);
    four.resetMetrics();
    expect(four.metrics()).toMatchObject({ promptBusyMs: 0, generationMs: 0, floorMs: 0 });
  });

  it('generates concurrently, each stream slowed by concurrentSlowdown per extra stream', async () => {
    const single = ANSWER_TOKENS * 10;
    const fast = await start({ generationTokensPerSecond: 100, concurrentSlowdown: 0 });
    const together = await burst(fast, 3);
    expect(together.elapsed).toBeLessThan(2 * single);
    await fast.close();

    const slowed = await start({ generationTokensPerSecond: 100, concurrentSlowdown: 1 });
    const contended = await burst(slowed, 2);
    expect(contended.elapsed).toBeGreaterThanOrEqual(1.8 * single);
  });
});

describe('client going away', () => {
  it('stops generating when the client closes mid-stream, frees the slot and records closedByClient', async () => {
    const server = await start({ generationTokensPerSecond: 20, parallel: 1 });
    const controller = new AbortController();
    const body = chatBody({ images: [dataUrl(await solidImage('#ff0000'))], stream: true });
    const response = await postChat(server, body, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => server.metrics().inFlight).toBe(0);
    expect(server.requests[0]).toMatchObject({ closedByClient: true, status: 200 });
    // Well before the 450 ms the whole answer takes at 20 tokens/s.
    expect((server.requests[0]?.finishedAt ?? 0) - (server.requests[0]?.startedAt ?? 0)).toBeLessThan(300);
    expect(server.metrics()).toMatchObject({ completed: 0, failed: 1, generating: 0 });
  });

  it('drops a queued request from the queue when its client gives up', async () => {
    const server = await start({ generationTokensPerSecond: 30, parallel: 1 });
    const image = dataUrl(await solidImage('#ff0000'));
    const first = postChat(server, chatBody({ images: [image] })).then((r) => r.json());
    await expect.poll(() => server.metrics().inFlight).toBe(1);
    const controller = new AbortController();
    const queued = postChat(server, chatBody({ images: [image] }), { signal: controller.signal }).catch(() => 'aborted');
    await expect.poll(() => server.metrics().queued).toBe(1);
    controller.abort();
    expect(await queued).toBe('aborted');
    await expect.poll(() => server.metrics().queued).toBe(0);
    await first;
    expect(server.requests[1]?.closedByClient).toBe(true);
    expect(server.metrics().completed).toBe(1);
  });
});
