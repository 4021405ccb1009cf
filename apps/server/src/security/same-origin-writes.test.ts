import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage } from '@vision/testkit';
import { rawRequest } from '../testing/raw-request';
import { batchForm, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const TOKEN = 'same-origin-token-0123456789';

/** A multipart upload as a browser's no-cors fetch sends it: the body bytes and their content type. */
async function uploadBody() {
  const request = new Request('http://upload.invalid/', {
    method: 'POST',
    body: batchForm([{ name: 'red.png', data: await solidImage('red') }], { model: MODEL }),
  });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

async function upload(server: TestServer, headers: Record<string, string>, host?: string) {
  const { body, contentType } = await uploadBody();
  return rawRequest(`${server.url}/api/batches`, { method: 'POST', host, body, headers: { 'content-type': contentType, ...headers } });
}

const batchCount = async (server: TestServer) => (await server.trpc.batches.list.query({ limit: 50 })).batches.length;

describe('uploads from browsers', () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({ env: { ALLOWED_ORIGINS: 'http://localhost:5173' } });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.close());

  it('refuses a cross-site upload with 403 naming ALLOWED_ORIGINS, and keeps nothing of it', async () => {
    const attempts: Array<Record<string, string>> = [
      { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://attacker.example' },
      // Another port on the same host is the same site but another origin: only Origin tells.
      { origin: `http://127.0.0.1:${port + 1}`, 'sec-fetch-site': 'same-site' },
      { origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const response = await upload(server, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(response.body).error, JSON.stringify(headers)).toMatch(
        /^Refused POST \/api\/batches: it came from a page on .*ALLOWED_ORIGINS/,
      );
    }
    expect(await batchCount(server)).toBe(0);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it("takes the same upload from the app's own page, by each of the server's names", async () => {
    const before = await batchCount(server);
    for (const [host, origin] of [
      [`127.0.0.1:${port}`, server.url],
      [`localhost:${port}`, `http://localhost:${port}`],
      [`[::1]:${port}`, `http://[::1]:${port}`],
    ] as const) {
      const response = await upload(server, { origin, 'sec-fetch-site': 'same-origin' }, host);
      expect(response.status, origin).toBe(202);
    }
    expect(await batchCount(server)).toBe(before + 3);
  });

  it('takes an upload from a page whose origin is in ALLOWED_ORIGINS (the Vite dev server, say)', async () => {
    const response = await upload(server, { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' });
    expect(response.status).toBe(202);
  });

  it('takes an upload that carries neither Origin nor Sec-Fetch-Site, as curl sends it', async () => {
    const response = await upload(server, {});
    expect(response.status).toBe(202);
  });

  it('lets a foreign page send reads, which CORS keeps it from reading', async () => {
    const response = await rawRequest(`${server.url}/api/health`, {
      headers: { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('tRPC mutations and the session from browsers', () => {
  let server: TestServer;
  let batchId: string;
  const bearer = { authorization: `Bearer ${TOKEN}` };
  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_TOKEN: TOKEN } });
    const response = await upload(server, bearer);
    expect(response.status).toBe(202);
    batchId = (JSON.parse(response.body) as { batchId: string }).batchId;
    await server.batches.idle();
  });
  afterAll(() => server.close());

  const mutation = (path: string, body: unknown, headers: Record<string, string>) =>
    rawRequest(`${server.url}/trpc/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('refuses a tRPC delete from a foreign origin even with the token, and the batch stays', async () => {
    const response = await mutation(
      'batches.delete',
      { batchId },
      { ...bearer, origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error).toMatch(
      /^Refused POST \/trpc\/batches\.delete: it came from a page on http:\/\/attacker\.example/,
    );
    expect(await server.batches.get(batchId)).toMatchObject({ batchId });
  });

  it('refuses a cross-site POST /api/session: no session cookie for another site', async () => {
    const response = await rawRequest(`${server.url}/api/session`, {
      method: 'POST',
      body: JSON.stringify({ token: TOKEN }),
      headers: { 'content-type': 'application/json', origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it("takes the app's own session login and tRPC delete", async () => {
    const own = { origin: server.url, 'sec-fetch-site': 'same-origin' };
    const login = await rawRequest(`${server.url}/api/session`, {
      method: 'POST',
      body: JSON.stringify({ token: TOKEN }),
      headers: { 'content-type': 'application/json', ...own },
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const deleted = await mutation('batches.delete', { batchId }, { cookie, ...own });
    expect(deleted.status).toBe(200);
    await expect(server.batches.get(batchId)).rejects.toMatchObject({ code: 'batch-not-found' });
  });
});
