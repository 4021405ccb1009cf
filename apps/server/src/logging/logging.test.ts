import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchForm, captureLog, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const TOKEN = 'a-secret-token-of-32-characters!';
const solid = (background: string) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();

describe('the server log', () => {
  const log = captureLog();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_TOKEN: TOKEN, LMSTUDIO_CONCURRENCY: '1' }, logger: log.logger });
  });
  afterAll(() => server.close());

  it('writes one JSON line per request with method, path, status, time and request id, and no token, cookie or file', async () => {
    const marker = 'PIXELS-THAT-MUST-NOT-BE-LOGGED';
    const form = batchForm([{ name: 'notes.png', data: new TextEncoder().encode(marker) }], { model: MODEL });
    const response = await fetch(`${server.url}/api/analyze-batch?secret=query`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${TOKEN}`, cookie: 'vision_session=cookie-value', 'x-request-id': 'req-42' },
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await response.json();

    await expect.poll(() => log.lines().find((line) => line.req?.id === 'req-42')).toBeTruthy();
    const line = log.lines().find((entry) => entry.req?.id === 'req-42')!;
    expect(line).toMatchObject({ level: 30, req: { id: 'req-42', method: 'POST', path: '/api/analyze-batch' }, res: { status: 200 } });
    expect(line.ms).toEqual(expect.any(Number));
    expect(line.msg).toBe('POST /api/analyze-batch 200');
    expect(log.text()).not.toContain(TOKEN);
    expect(log.text()).not.toContain('cookie-value');
    expect(log.text()).not.toContain(marker);
    expect(log.text()).not.toContain('secret=query');
  });

  it('gives every request an id of its own when the client sends none, and logs refused ones as warnings', async () => {
    const response = await fetch(`${server.url}/api/batches`);
    expect(response.status).toBe(401);
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => log.lines().find((line) => line.req?.id === id)).toMatchObject({ level: 40, res: { status: 401 } });
  });

  it('logs a batch starting, each image that failed with its batch id and index, and the batch finishing with counts and wall time', async () => {
    server.double.injectFault({ kind: 'http-500', times: 1 });
    const before = log.lines().length;
    const files = [
      { name: 'red.png', data: await solid('#ff0000') },
      { name: 'blue.png', data: await solid('#0000ff') },
      { name: 'green.png', data: await solid('#00ff00') },
    ];
    const response = await fetch(`${server.url}/api/analyze-batch`, {
      method: 'POST',
      body: batchForm(files, { model: MODEL }),
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await response.json()) as { batch_id?: string; batchId?: string; results: unknown[] };
    const batchLines = () =>
      log
        .lines()
        .slice(before)
        .filter((line) => typeof line.batchId === 'string' && line.msg !== undefined && !line.req);
    await expect.poll(() => batchLines().some((line) => line.msg === 'batch finished')).toBe(true);
    const lines = batchLines();
    const batchId = lines.find((line) => line.msg === 'batch started')!.batchId as string;
    expect(lines.find((line) => line.msg === 'batch started')).toMatchObject({
      level: 30,
      batchId,
      model: MODEL,
      images: 3,
      resumed: false,
    });
    expect(lines.filter((line) => line.msg === 'image failed')).toEqual([
      expect.objectContaining({ level: 40, batchId, index: 0, error: expect.stringMatching(/LM Studio: .*HTTP 500/) }),
    ]);
    expect(lines.find((line) => line.msg === 'batch finished')).toMatchObject({
      batchId,
      status: 'completed',
      images: 3,
      successful: 2,
      failed: 1,
      cancelled: 0,
      wallTimeS: expect.any(Number),
    });
    expect(body.results).toHaveLength(3);
  });

  it('logs a cancelled batch as cancelled', async () => {
    // The first request hangs, so the cancel surely lands mid-batch.
    server.double.injectFault({ kind: 'hang', times: 1 });
    const files = await Promise.all(
      ['#ff0000', '#0000ff', '#00ff00'].map(async (colour, index) => ({ name: `${index}.png`, data: await solid(colour) })),
    );
    const form = batchForm(files, { model: MODEL });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const { batchId } = (await (await fetch(`${server.url}/api/batches`, { method: 'POST', body: form, headers: auth })).json()) as {
      batchId: string;
    };
    await server.batches.cancel(batchId);
    await expect
      .poll(() => log.lines().find((line) => line.batchId === batchId && line.msg === 'batch cancelled'))
      .toMatchObject({ status: 'cancelled' });
  });
});
