import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';
import { readConcurrencyField } from './concurrency-field';

const MODEL = 'qwen/qwen3-vl-4b';

const redPng = () =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();

describe('readConcurrencyField', () => {
  it('reads a whole number from 1 to 16, and treats an empty field as not set', () => {
    expect(readConcurrencyField('1')).toBe(1);
    expect(readConcurrencyField(' 16 ')).toBe(16);
    expect(readConcurrencyField('')).toBeUndefined();
    expect(readConcurrencyField('   ')).toBeUndefined();
  });

  it.each(['0', '17', '2.5', '-1', 'four', '1e1', '0x4'])('refuses %j with a 400 that says what is allowed', (value) => {
    expect(() => readConcurrencyField(value)).toThrow(
      expect.objectContaining({
        code: 'invalid-concurrency',
        kind: 'invalid-input',
        message: expect.stringMatching(/"concurrency" must be a whole number from 1 to 16/),
      }),
    );
  });
});

describe('the multipart `concurrency` field', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function concurrencyOfBatch(fields: Record<string, string>): Promise<number | undefined> {
    const { status, body } = await postBatch(
      server.url,
      '/api/analyze-batch',
      batchForm([{ name: 'red.png', data: await redPng() }], { model: MODEL, ...fields }),
    );
    expect(status).toBe(200);
    for await (const entry of await server.batches.follow(body.batch_id, 0)) {
      if (entry.event.type === 'batch-started') return entry.event.concurrency;
    }
    return undefined;
  }

  it("runs the batch with the concurrency it was sent with, else LM Studio's parallel slots", async () => {
    expect(await concurrencyOfBatch({ concurrency: '3' })).toBe(3);
    // The double answers like LM Studio 0.4: four parallel slots by default.
    expect(await concurrencyOfBatch({})).toBe(4);
  });

  it("runs a comparison's later model, and a retry, with the concurrency the upload asked for", async () => {
    const form = batchForm(
      [
        { name: 'red.png', data: await redPng() },
        { name: 'red-2.png', data: await redPng() },
      ],
      { concurrency: '3' },
    );
    form.append('models', MODEL);
    form.append('models', 'google/gemma-3-4b');
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
    expect(response.status).toBe(202);
    const { batchIds } = (await response.json()) as { batchIds: string[] };
    const started = async (batchId: string) => {
      const concurrencies: number[] = [];
      for await (const entry of await server.batches.follow(batchId, 0)) {
        if (entry.event.type === 'batch-started') concurrencies.push(entry.event.concurrency);
      }
      return concurrencies;
    };
    // The second model starts only when the first has ended, long after the upload's request.
    expect(await started(batchIds[0]!)).toEqual([3]);
    expect(await started(batchIds[1]!)).toEqual([3]);
    await server.batches.retry(batchIds[1]!, [0]);
    await server.batches.idle();
    expect(await started(batchIds[1]!)).toEqual([3, 3]);
  });

  it('refuses an out-of-range concurrency with a 400 before anything is kept or sent', async () => {
    const before = server.double.requests.length;
    for (const route of ['/api/batches', '/api/analyze-batch'] as const) {
      const { status, body } = await postBatch(
        server.url,
        route,
        batchForm([{ name: 'red.png', data: await redPng() }], { model: MODEL, concurrency: '17' }),
      );
      expect(status).toBe(400);
      expect(body).toEqual({
        success: false,
        code: 'invalid-concurrency',
        error: expect.stringMatching(/"concurrency" must be a whole number from 1 to 16.*got "17"/),
      });
    }
    expect(server.double.requests.length).toBe(before);
    expect(await server.leftoverUploads()).toEqual([]);
  });
});

describe('LMSTUDIO_CONCURRENCY', () => {
  it("is used when the upload does not say, instead of LM Studio's parallel slots", async () => {
    const server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '2' } });
    try {
      const { body } = await postBatch(
        server.url,
        '/api/analyze-batch',
        batchForm([{ name: 'red.png', data: await redPng() }], { model: MODEL }),
      );
      const events = [];
      for await (const entry of await server.batches.follow(body.batch_id, 0)) events.push(entry.event);
      expect(events[0]).toMatchObject({ type: 'batch-started', concurrency: 2 });
    } finally {
      await server.close();
    }
  });
});
