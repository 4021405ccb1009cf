import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { validPhotos } from '@vision/testkit';
import { ConnectionError, createVisionClient, VisionApiError, type ProgressEntry, type VisionClient } from './index';
import { startCuttableProxy } from './testing/cuttable-proxy';
import { closedPort } from './testing/ports';
import { solidPng, type Colour } from './testing/images';

const MODEL = 'qwen/qwen3-vl-4b';
const COLOURS: Colour[] = ['red', 'green', 'blue', 'yellow', 'white', 'black'];

async function colourFiles() {
  return Promise.all(COLOURS.map(async (colour) => ({ name: `${colour}.png`, data: await solidPng(colour) })));
}

async function collect(events: AsyncIterable<ProgressEntry>, onEach?: (entry: ProgressEntry, count: number) => void) {
  const received: ProgressEntry[] = [];
  for await (const entry of events) {
    received.push(entry);
    onEach?.(entry, received.length);
  }
  return received;
}

describe('createVisionClient', () => {
  let server: TestServer;
  let client: VisionClient;
  beforeAll(async () => {
    // Slow enough generation that a connection can be cut while the batch runs.
    server = await startTestServer({ double: { generationTokensPerSecond: 40 } });
    client = createVisionClient({ serverUrl: server.url });
  });
  afterAll(() => server?.close());

  it('uploads files from disk and from memory, and the batch names them in upload order', async () => {
    const photos = validPhotos().slice(0, 2);
    const { batchId } = await client.uploadBatch({
      files: [
        photos[0]!.absolutePath,
        { name: 'renamed.jpg', path: photos[1]!.absolutePath },
        { name: 'red.png', data: await solidPng('red') },
      ],
      model: MODEL,
    });
    const events = await collect(client.followBatch(batchId));
    const results = events.flatMap(({ event }) => (event.type === 'item-finished' ? [event.result] : [])).sort((a, b) => a.index - b.index);
    expect(results.map((r) => [r.filename, r.entity])).toEqual([
      [photos[0]!.file.split('/').pop(), photos[0]!.label],
      ['renamed.jpg', photos[1]!.label],
      ['red.png', 'red'],
    ]);
    const view = await client.batches.get.query({ batchId });
    expect(view.items.map((item) => item.size)).toEqual([photos[0]!.bytes, photos[1]!.bytes, expect.any(Number)]);
  });

  it('sends the prompt and concurrency fields along with the images', async () => {
    const { batchId } = await client.uploadBatch({
      files: [{ name: 'blue.png', data: await solidPng('blue') }],
      model: MODEL,
      prompt: 'Name the colour.',
      concurrency: 1,
    });
    const events = await collect(client.followBatch(batchId));
    expect(events[0]?.event).toMatchObject({ type: 'batch-started', concurrency: 1 });
    expect((await client.batches.get.query({ batchId })).prompt).toBe('Name the colour.');
  });

  it("rejects an unknown model with a VisionApiError carrying the server's message", async () => {
    const upload = client.uploadBatch({ files: [{ name: 'red.png', data: await solidPng('red') }], model: 'no/such-model' });
    await expect(upload).rejects.toBeInstanceOf(VisionApiError);
    await expect(upload).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/no\/such-model/) });
  });

  it('rejects 36 images as one request with the limit in the message', async () => {
    const png = await solidPng('green');
    const files = Array.from({ length: 36 }, (_, i) => ({ name: `${i}.png`, data: png }));
    await expect(client.uploadBatch({ files, model: MODEL })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/35/) });
  });

  it('follows a batch to its final event, every event once and in order', async () => {
    const { batchId } = await client.uploadBatch({ files: await colourFiles(), model: MODEL });
    const events = await collect(client.followBatch(batchId));
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.event.type).toBe('batch-started');
    expect(events.at(-1)!.event).toMatchObject({ type: 'batch-finished', status: 'completed', stats: { total_images: 6, successful: 6 } });
    expect(events.filter((e) => e.event.type === 'item-finished')).toHaveLength(6);
  });

  it('starts after lastEventId when given one', async () => {
    const { batchId } = await client.uploadBatch({ files: await colourFiles(), model: MODEL });
    const all = await collect(client.followBatch(batchId));
    const rest = await collect(client.followBatch(batchId, { lastEventId: all[4]!.id }));
    expect(rest).toEqual(all.slice(5));
  });

  it('resumes after the connection is cut mid-stream, losing and repeating no event', async () => {
    const proxy = await startCuttableProxy(server.url);
    try {
      const viaProxy = createVisionClient({ serverUrl: proxy.url });
      const { batchId } = await viaProxy.uploadBatch({ files: await colourFiles(), model: MODEL });
      const reconnects: Array<string | undefined> = [];
      const events = await collect(
        viaProxy.followBatch(batchId, { onReconnecting: ({ lastEventId }) => reconnects.push(lastEventId) }),
        (entry) => entry.event.type === 'item-finished' && reconnects.length === 0 && proxy.cut(),
      );
      expect(reconnects.length).toBeGreaterThanOrEqual(1);
      expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)!.event.type).toBe('batch-finished');
      expect(events.map((e) => e.event)).toEqual((await collect(client.followBatch(batchId))).map((e) => e.event));
      // The second stream asked for what came after the last event received.
      const streams = proxy.requests.filter((r) => r.url.includes('batches.onProgress'));
      expect(streams.length).toBeGreaterThanOrEqual(2);
      expect(decodeURIComponent(streams[1]!.url)).toContain(`"lastEventId":"${reconnects[0]}"`);
    } finally {
      await proxy.close();
    }
  });

  it('waits through a server that refuses connections for a while, then carries on', async () => {
    const proxy = await startCuttableProxy(server.url);
    try {
      const viaProxy = createVisionClient({ serverUrl: proxy.url });
      const { batchId } = await viaProxy.uploadBatch({ files: await colourFiles(), model: MODEL });
      let refusedAt: number | undefined;
      const events = await collect(viaProxy.followBatch(batchId), (_entry, count) => {
        if (count !== 2) return;
        refusedAt = Date.now();
        proxy.refuse(true);
        proxy.cut();
        setTimeout(() => proxy.refuse(false), 1_200);
      });
      expect(Date.now() - refusedAt!).toBeGreaterThanOrEqual(1_000);
      expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)!.event).toMatchObject({ type: 'batch-finished', stats: { successful: 6 } });
    } finally {
      await proxy.close();
    }
  });

  it('gives up with a ConnectionError naming the URL when the server stays away', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const follow = collect(createVisionClient({ serverUrl: url }).followBatch('some-batch', { reconnectTimeoutMs: 500 }));
    await expect(follow).rejects.toBeInstanceOf(ConnectionError);
    await expect(follow).rejects.toThrow(`Cannot reach the Vision batch server at ${url}`);
  });

  it('rejects every kind of call to an unreachable server with a ConnectionError naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = createVisionClient({ serverUrl: url });
    for (const call of [
      () => down.models.list.query(),
      () => down.uploadBatch({ files: [{ name: 'a.png', data: new Uint8Array(8) }], model: MODEL }),
      () => down.exportBatch('x', 'csv'),
    ]) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ serverUrl: url, message: `Cannot reach the Vision batch server at ${url} (connection refused).` });
    }
  });

  it('rejects following an unknown batch with the server message, without retrying', async () => {
    await expect(collect(client.followBatch('no-such-batch'))).rejects.toThrow(/No batch with id "no-such-batch"/);
  });

  it("exports a batch in each format under the server's file name", async () => {
    const { batchId } = await client.uploadBatch({ files: [{ name: 'yellow.png', data: await solidPng('yellow') }], model: MODEL });
    await collect(client.followBatch(batchId));
    const csv = await client.exportBatch(batchId, 'csv');
    expect(csv.filename).toMatch(new RegExp(`${batchId.slice(0, 8)}\\.csv$`));
    expect(csv.body.split('\r\n')[1]).toMatch(/^0,yellow\.png,yellow,yellow,true,/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true); // kept, for spreadsheets
    const json = JSON.parse((await client.exportBatch(batchId, 'json')).body) as { results: Array<{ entity: string }> };
    expect(json.results.map((r) => r.entity)).toEqual(['yellow']);
    const jsonl = (await client.exportBatch(batchId, 'jsonl')).body.trim().split('\n');
    expect(jsonl.map((line) => JSON.parse(line).entity)).toEqual(['yellow']);
    await expect(client.exportBatch('no-such-batch', 'csv')).rejects.toMatchObject({ status: 404 });
  });

  it('compares models over one upload: a batch per model, label problems, the typed view and its exports', async () => {
    const labels = 'filename,label\nred.png,red\nblue.png,\n';
    const files = [
      { name: 'red.png', data: await solidPng('red') },
      { name: 'green.png', data: await solidPng('green') },
    ];
    const uploaded = await client.uploadComparison({ files, models: [MODEL, 'google/gemma-3-4b'], labelsCsv: labels, concurrency: 2 });
    expect(uploaded.batchIds).toHaveLength(2);
    expect(uploaded.labelProblems).toEqual(['line 3: no label for blue.png']);
    expect(uploaded.labelIssues).toEqual([{ kind: 'no-label', line: 3, file: 'blue.png' }]);
    for (const batchId of uploaded.batchIds) await collect(client.followBatch(batchId));

    const view = await client.comparisons.get.query({ comparisonId: uploaded.comparisonId });
    expect(view.models.map((model) => [model.model, model.batchId, model.accuracy])).toEqual([
      [MODEL, uploaded.batchIds[0], 1],
      ['google/gemma-3-4b', uploaded.batchIds[1], 1],
    ]);
    expect(view.images.map((image) => [image.filename, image.label, image.agree])).toEqual([
      ['red.png', 'red', true],
      ['green.png', null, true],
    ]);
    const csv = await client.exportComparison(uploaded.comparisonId, 'csv');
    expect(csv.filename).toMatch(new RegExp(`${uploaded.comparisonId.slice(0, 8)}\\.csv$`));
    expect(csv.body.split('\r\n')[1]).toBe(
      `0,red.png,red,${MODEL},red,red,true,red is red,${view.images[0]!.answers[0]!.processing_time},${view.images[0]!.answers[0]!.tokens_per_second ?? ''},${view.images[0]!.answers[0]!.time_to_first_token},,,agree,labels`,
    );
    expect((await client.exportComparison(uploaded.comparisonId, 'summary')).body).toMatch(/^\uFEFFmodel,accuracy,correct,labelled,/);
    await expect(client.exportComparison('no-such-comparison', 'json')).rejects.toMatchObject({ status: 404 });
  });

  it("rejects a comparison naming an unknown model with a VisionApiError carrying the server's message", async () => {
    const upload = client.uploadComparison({ files: [{ name: 'red.png', data: await solidPng('red') }], models: [MODEL, 'no/such-model'] });
    await expect(upload).rejects.toBeInstanceOf(VisionApiError);
    await expect(upload).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Comparison upload failed \(HTTP 400\): .*no\/such-model/),
    });
  });

  it('sends the token on every request, the upload and the progress stream included', async () => {
    const proxy = await startCuttableProxy(server.url);
    try {
      const withToken = createVisionClient({ serverUrl: proxy.url, token: 's3cret' });
      await withToken.models.list.query();
      const { batchId } = await withToken.uploadBatch({ files: [{ name: 'red.png', data: await solidPng('red') }], model: MODEL });
      await collect(withToken.followBatch(batchId));
      await withToken.exportBatch(batchId, 'json');
      const kinds = proxy.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'GET /trpc/models.list',
          'POST /api/batches',
          'GET /trpc/batches.onProgress',
          `GET /api/batches/${batchId}/export`,
        ]),
      );
      expect(proxy.requests.map((r) => r.headers.authorization)).toEqual(proxy.requests.map(() => 'Bearer s3cret'));
    } finally {
      await proxy.close();
    }
  });
});
