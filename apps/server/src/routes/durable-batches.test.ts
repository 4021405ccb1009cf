import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { solidImage, startDouble, type ColourName, type InferenceDouble } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const colourFiles = (colours: ColourName[]) =>
  Promise.all(colours.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));

async function startBatch(server: TestServer, colours: ColourName[]): Promise<string> {
  const { status, body } = await postBatch(server.url, '/api/batches', batchForm(await colourFiles(colours), { model: MODEL }));
  expect(status).toBe(202);
  return body.batchId as string;
}

const finished = (server: TestServer, batchId: string) =>
  expect.poll(async () => (await server.trpc.batches.get.query({ batchId })).status, { timeout: 10_000 }).not.toMatch(/queued|running/);

describe('durable batches over the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1' } });
  });
  beforeEach(() => {
    server.double.clearFaults();
    server.double.clearRequests();
  });
  afterAll(() => server.close());

  it('cancels a running batch: the in-flight request is closed and no further one is sent', async () => {
    server.double.injectFault({ kind: 'hang', times: 1 });
    const batchId = await startBatch(server, ['red', 'green', 'blue']);
    await expect.poll(() => server.double.requests.length).toBe(1);
    const view = await server.trpc.batches.cancel.mutate({ batchId });
    expect(view.status).toBe('cancelled');
    expect(view.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect.poll(() => server.double.requests[0]?.closedByClient).toBe(true);
    // Only a run sends requests: once no batch runs or waits to, whatever was sent is in the double's log.
    await server.batches.idle();
    expect(server.double.requests).toHaveLength(1);
  });

  it('retries failed items after injected faults without a new upload', async () => {
    server.double.injectFault({ kind: 'http-500', times: 2 });
    const batchId = await startBatch(server, ['red', 'green', 'blue']);
    await finished(server, batchId);
    expect((await server.trpc.batches.get.query({ batchId })).stats).toMatchObject({ successful: 1, failed: 2 });

    const retry = await server.trpc.batches.retry.mutate({ batchId });
    expect(retry.indexes).toEqual([0, 1]);
    await finished(server, batchId);
    const view = await server.trpc.batches.get.query({ batchId });
    expect(view.items.map((item) => item.result?.entity)).toEqual(['red', 'green', 'blue']);
    expect(view.stats).toMatchObject({ total_images: 3, successful: 3, failed: 0 });
    expect(await server.leftoverUploads([batchId])).toEqual([]);
  });

  it('refuses to retry a batch that is still running with CONFLICT', async () => {
    server.double.injectFault({ kind: 'hang', times: 1 });
    const batchId = await startBatch(server, ['red']);
    await expect.poll(() => server.double.requests.length).toBe(1);
    await expect(server.trpc.batches.retry.mutate({ batchId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    await server.trpc.batches.cancel.mutate({ batchId });
  });

  it('exports CSV, JSON and JSONL as downloads with sensible names', async () => {
    const batchId = await startBatch(server, ['red', 'blue']);
    await finished(server, batchId);
    const csv = await fetch(`${server.url}/api/batches/${batchId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      new RegExp(`attachment; filename="?vision-batch-qwen-qwen3-vl-4b-[\\d-]+-${batchId.slice(0, 8)}\\.csv"?$`),
    );
    const rows = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toMatch(/^index,filename,entity,model_answer,success,error,processing_time,/);
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 5).join(','))).toEqual([
      '0,red.png,red,red,true',
      '1,blue.png,blue,blue,true',
    ]);

    const json = (await (await fetch(`${server.url}/api/batches/${batchId}/export?format=json`)).json()) as {
      results: Array<{ entity: string }>;
    };
    expect(json).toMatchObject({ success: true, batch_id: batchId, stats: { total_images: 2, successful: 2 } });
    expect(json.results.map((r: { entity: string }) => r.entity)).toEqual(['red', 'blue']);

    const jsonl = await (await fetch(`${server.url}/api/batches/${batchId}/export?format=jsonl`)).text();
    expect(
      jsonl
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).entity),
    ).toEqual(['red', 'blue']);

    expect((await fetch(`${server.url}/api/batches/${batchId}/export?format=xml`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/batches/nope/export?format=csv`)).status).toBe(404);
  });

  it('serves a thumbnail per prepared image', async () => {
    const batchId = await startBatch(server, ['red']);
    await finished(server, batchId);
    const response = await fetch(`${server.url}/api/batches/${batchId}/items/0/thumbnail`);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await fetch(`${server.url}/api/batches/${batchId}/items/7/thumbnail`)).status).toBe(404);
  });

  it('serves the image the model saw, larger than its thumbnail, for review', async () => {
    const large = await solidImage('green', { width: 900, height: 600 });
    const { body } = await postBatch(server.url, '/api/batches', batchForm([{ name: 'green.png', data: large }], { model: MODEL }));
    const batchId = body.batchId as string;
    await finished(server, batchId);
    const response = await fetch(`${server.url}/api/batches/${batchId}/items/0/image`);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const image = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([image.format, image.width, image.height]).toEqual(['jpeg', 900, 600]);
    expect((await fetch(`${server.url}/api/batches/${batchId}/items/1/image`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/batches/nope/items/0/image`)).status).toBe(404);
  });

  it('lists history newest first, a page at a time, and deletes a batch with its files', async () => {
    const ids = [];
    for (const colour of ['red', 'green', 'blue'] as const) {
      const batchId = await startBatch(server, [colour]);
      await finished(server, batchId);
      ids.push(batchId);
    }
    const first = await server.trpc.batches.list.query({ limit: 2 });
    expect(first.batches.map((batch) => batch.batchId)).toEqual([ids[2], ids[1]]);
    expect(first.batches[0]).toMatchObject({ model: MODEL, status: 'completed', total: 1, stats: { successful: 1 } });
    const second = await server.trpc.batches.list.query({ limit: 2, cursor: first.nextCursor });
    expect(second.batches[0]?.batchId).toBe(ids[0]);

    await server.trpc.batches.delete.mutate({ batchId: ids[2]! });
    await expect(server.trpc.batches.get.query({ batchId: ids[2]! })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await fetch(`${server.url}/api/batches/${ids[2]}/items/0/thumbnail`)).status).toBe(404);
  });
});

describe('a restart', () => {
  let double: InferenceDouble;
  beforeAll(async () => {
    double = await startDouble('lmstudio', { labelCorpus: true });
  });
  afterAll(() => double.close());

  it('keeps history, results, thumbnails and exports', async () => {
    const first = await startTestServer({ existingDouble: double });
    const batchId = await startBatch(first, ['red', 'green']);
    await finished(first, batchId);
    await first.stop();

    const second = await startTestServer({ existingDouble: double, dataDir: first.dataDir });
    try {
      const page = await second.trpc.batches.list.query({ limit: 10 });
      expect(page.batches.map((batch) => batch.batchId)).toEqual([batchId]);
      const view = await second.trpc.batches.get.query({ batchId });
      expect(view.items.map((item) => item.result?.entity)).toEqual(['red', 'green']);
      expect((await fetch(`${second.url}/api/batches/${batchId}/items/1/thumbnail`)).status).toBe(200);
      const csv = await (await fetch(`${second.url}/api/batches/${batchId}/export?format=csv`)).text();
      expect(csv).toContain('1,green.png,green,green,true');
    } finally {
      await second.close();
    }
  });
});
