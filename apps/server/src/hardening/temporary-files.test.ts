import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { solidImage, type ColourName } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';
import { BOUNDARY, fieldPart, fileHeader } from '../testing/multipart';

const MODEL = 'qwen/qwen3-vl-4b';
const MB = 1024 * 1024;

const colourFiles = (colours: ColourName[]) =>
  Promise.all(colours.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));

/** Bytes in DATA_DIR/uploads right now, over every request's folder. */
async function bytesInUploads(uploadDir: string): Promise<number> {
  let total = 0;
  for (const dir of await readdir(uploadDir)) {
    for (const file of await readdir(path.join(uploadDir, dir)).catch(() => [])) {
      total += (await stat(path.join(uploadDir, dir, file)).catch(() => undefined))?.size ?? 0;
    }
  }
  return total;
}

/** The start of an upload: the model, one whole image, then the first bytes of a second one. */
async function halfAnUpload(): Promise<Buffer[]> {
  const red = await solidImage('red');
  return [
    Buffer.from(fieldPart('model', MODEL)),
    Buffer.from(fileHeader('red.png')),
    red,
    Buffer.from(`\r\n${fileHeader('big.png')}`),
    Buffer.alloc(2 * MB, 0x42),
  ];
}

describe('temporary files, however a batch or its upload ends', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1' }, double: { generationTokensPerSecond: 30 } });
  });
  afterEach(async () => {
    server.double.clearFaults();
    server.double.clearRequests();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
  afterAll(() => server.close());

  const uploadsLeft = () => readdir(server.uploadDir);
  const batchCount = async () => (await server.trpc.batches.list.query({ limit: 50 })).batches.length;

  it('keeps, after a cancel, only the originals of images never prepared (for a retry), and nothing once deleted', async () => {
    server.double.injectFault({ kind: 'hang', times: 1 });
    const { body } = await postBatch(
      server.url,
      '/api/batches',
      batchForm(await colourFiles(['red', 'green', 'blue', 'yellow']), { model: MODEL }),
    );
    const batchId = body.batchId as string;
    await expect.poll(() => server.double.requests.length, { timeout: 5_000 }).toBe(1);
    const view = await server.trpc.batches.cancel.mutate({ batchId });

    expect(await uploadsLeft()).toEqual([]);
    const left = await server.leftoverUploads([batchId]);
    for (const file of left) {
      const index = Number(/^batches\/[\w-]+\/(\d+)\.original$/.exec(file)?.[1]);
      expect(view.items[index]?.status, file).toBe('cancelled');
      expect(existsSync(path.join(server.dataDir, 'batches', batchId, `${index}.prepared.jpg`)), file).toBe(false);
    }

    await server.trpc.batches.delete.mutate({ batchId });
    expect(existsSync(path.join(server.dataDir, 'batches', batchId))).toBe(false);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it('removes a fetch upload aborted halfway, and takes no batch from it', async () => {
    const errors = vi.spyOn(console, 'error');
    const chunks = await halfAnUpload();
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      pull: (stream) => {
        const next = chunks.shift();
        if (next) stream.enqueue(next);
        else return new Promise(() => {}); // the rest never comes
      },
    });
    const before = await batchCount();
    const pending = fetch(`${server.url}/api/batches`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
      signal: controller.signal,
      duplex: 'half',
    } as RequestInit);
    await expect.poll(() => bytesInUploads(server.uploadDir), { timeout: 5_000 }).toBeGreaterThan(MB);
    controller.abort();
    await expect(pending).rejects.toThrow();

    await expect.poll(uploadsLeft, { timeout: 5_000 }).toEqual([]);
    expect(await batchCount()).toBe(before);
    expect(server.double.requests).toEqual([]);
    // A client leaving is not a server error: nothing is logged as one.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('removes a raw request destroyed mid-body, and takes no batch from it', async () => {
    const errors = vi.spyOn(console, 'error');
    const before = await batchCount();
    const req = http.request(`${server.url}/api/batches`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    req.on('error', () => {});
    for (const chunk of await halfAnUpload()) req.write(chunk);
    await expect.poll(() => bytesInUploads(server.uploadDir), { timeout: 5_000 }).toBeGreaterThan(MB);
    req.destroy();

    await expect.poll(uploadsLeft, { timeout: 5_000 }).toEqual([]);
    expect(await batchCount()).toBe(before);
    expect(server.double.requests).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('removes an oversized upload whose client leaves while the rest is being drained', async () => {
    const req = http.request(`${server.url}/api/batches`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    req.on('error', () => {});
    req.write(fieldPart('model', MODEL));
    req.write(fileHeader('too-big.png'));
    const chunk = Buffer.alloc(MB, 0x43);
    let written = 0;
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (written < 110 * MB) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        resolve();
      };
      pump();
    });
    req.destroy();

    await expect.poll(uploadsLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('finishes a batch whose client left /api/analyze-batch while waiting, and leaves nothing', async () => {
    const controller = new AbortController();
    const colours: ColourName[] = ['red', 'green', 'blue'];
    const pending = fetch(`${server.url}/api/analyze-batch`, {
      method: 'POST',
      body: batchForm(await colourFiles(colours), { model: MODEL }),
      signal: controller.signal,
    });
    await expect.poll(() => server.double.requests.length, { timeout: 5_000 }).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toThrow();

    const [latest] = (await server.trpc.batches.list.query({ limit: 1 })).batches;
    await expect
      .poll(async () => (await server.trpc.batches.get.query({ batchId: latest!.batchId })).status, { timeout: 10_000 })
      .toBe('completed');
    const view = await server.trpc.batches.get.query({ batchId: latest!.batchId });
    expect(view.items.map((item) => item.result?.entity)).toEqual(colours);
    expect(await server.leftoverUploads()).toEqual([]);
  });
});
