import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchForm, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const solid = (background: string) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();

describe('a server that is stopping (drain)', () => {
  let server: TestServer;
  let restarted: TestServer | undefined;

  beforeAll(async () => {
    server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1' }, double: { generationTokensPerSecond: 15 } });
  });
  afterAll(async () => {
    await restarted?.close();
    await server.close();
  });

  it('answers a waiting /api/analyze-batch with 503 naming the batch, keeps the rest queued, and the next start finishes it', async () => {
    const files = await Promise.all(
      ['#ff0000', '#00ff00', '#0000ff', '#ffff00'].map(async (colour, index) => ({ name: `${index}.png`, data: await solid(colour) })),
    );
    const waiting = fetch(`${server.url}/api/analyze-batch`, { method: 'POST', body: batchForm(files, { model: MODEL }) });
    await expect.poll(() => server.double.requests.length, { timeout: 10_000, interval: 10 }).toBe(1);

    const drained = server.drain(10_000);
    const refused = await fetch(`${server.url}/api/batches`, { method: 'POST', body: batchForm(files.slice(0, 1), { model: MODEL }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({ success: false, code: 'server-stopping' });
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ok: false, stopping: true });

    expect(await drained).toEqual({ finished: true });
    const response = await waiting;
    expect(response.status).toBe(503);
    const body = (await response.json()) as { success: boolean; batch_id: string; error: string };
    expect(body).toMatchObject({
      success: false,
      code: 'server-stopping',
      error: expect.stringContaining(`batch ${body.batch_id} resumes when it restarts`),
    });
    const view = await server.batches.get(body.batch_id);
    expect(view?.status).toBe('running');
    expect(view?.items.map((item) => item.status)).toEqual(['success', 'queued', 'queued', 'queued']);
    expect(server.double.requests).toHaveLength(1);

    await server.stop();
    restarted = await startTestServer({ dataDir: server.dataDir, existingDouble: server.double });
    await restarted.batches.resumeUnfinished();
    await restarted.batches.idle();
    const finished = await restarted.batches.get(body.batch_id);
    expect(finished?.status).toBe('completed');
    expect(finished?.items.map((item) => item.status)).toEqual(['success', 'success', 'success', 'success']);
    expect(server.double.requests).toHaveLength(4);
  });
});
