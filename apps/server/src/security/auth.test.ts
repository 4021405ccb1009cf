import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@vision/api-contract';
import { solidImage } from '@vision/testkit';
import { ConfigError, loadConfig } from '../env';
import { batchForm, startTestServer, type TestServer } from '../testing/server-harness';

const TOKEN = 'correct-horse-battery-staple';

describe('binding beyond loopback', () => {
  it('refuses to start on 0.0.0.0 without AUTH_TOKEN, saying why', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST=0\.0\.0\.0 makes the server reachable from other machines: set AUTH_TOKEN/);
    expect(() => loadConfig({ HOST: '192.168.1.20', AUTH_TOKEN: 'short' })).toThrow(/AUTH_TOKEN must be at least 16 characters/);
  });

  it('starts on 0.0.0.0 with a token, and on loopback without one', () => {
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_TOKEN: TOKEN }).authToken).toBe(TOKEN);
    expect(loadConfig({ HOST: '127.0.0.2' }).authToken).toBeUndefined();
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });
});

function trpcWith(url: string, headers: Record<string, string>) {
  const fetchWithHeaders: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: () => ({ fetch: (input: string | URL, init?: RequestInit) => fetchWithHeaders(input, init) }) as never,
        }),
        false: httpBatchLink({ url: `${url}/trpc`, headers }),
      }),
    ],
  });
}

describe('a server with AUTH_TOKEN', () => {
  let server: TestServer;
  let batchId: string;
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_TOKEN: TOKEN } });
    const response = await fetch(`${server.url}/api/batches`, {
      method: 'POST',
      headers: bearer,
      body: batchForm([{ name: 'red.png', data: await solidImage('red') }], { model: 'qwen/qwen3-vl-4b' }),
    });
    expect(response.status).toBe(202);
    batchId = ((await response.json()) as { batchId: string }).batchId;
    await server.batches.idle();
  });
  afterAll(() => server.close());

  it('answers liveness without the token, saying only that it is up; readiness needs the token', async () => {
    const live = await fetch(`${server.url}/api/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(401);
    const ready = await fetch(`${server.url}/api/ready`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, lmstudio: { reachable: true } });
  });

  it('refuses every route without the token, with 401 and a message', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/ready'],
      ['POST', '/api/analyze-batch'],
      ['POST', '/api/batches'],
      ['GET', `/api/batches/${batchId}`],
      ['GET', `/api/batches/${batchId}/export?format=csv`],
      ['GET', `/api/batches/${batchId}/items/0/thumbnail`],
      ['GET', '/trpc/models.list'],
      ['GET', `/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ batchId }))}`],
      ['GET', `/trpc/batches.onProgress?input=${encodeURIComponent(JSON.stringify({ batchId }))}`],
    ];
    for (const [method, route] of routes) {
      const response = await fetch(`${server.url}${route}`, { method, headers: { authorization: 'Bearer wrong-token-wrong-token' } });
      expect(response.status, `${method} ${route}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toEqual({
        success: false,
        code: 'access-token-required',
        error: expect.stringMatching(/needs its access token/),
      });
    }
  });

  it('takes no upload without the token, and keeps nothing of it', async () => {
    const response = await fetch(`${server.url}/api/analyze-batch`, {
      method: 'POST',
      body: batchForm([{ name: 'red.png', data: await solidImage('red') }], { model: 'qwen/qwen3-vl-4b' }),
    });
    expect(response.status).toBe(401);
    expect(await server.leftoverUploads()).toEqual([]);
  });

  it('serves queries, exports, thumbnails and subscriptions with the bearer token', async () => {
    const trpc = trpcWith(server.url, bearer);
    expect((await trpc.models.list.query()).length).toBeGreaterThan(0);
    expect((await trpc.batches.get.query({ batchId })).items[0]?.result?.entity).toBe('red');
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      trpc.batches.onProgress.subscribe(
        { batchId },
        { onData: ({ data }) => events.push(data.type), onComplete: resolve, onError: reject },
      );
    });
    expect(events.at(-1)).toBe('batch-finished');
    expect((await fetch(`${server.url}/api/batches/${batchId}/export?format=csv`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${server.url}/api/batches/${batchId}/items/0/thumbnail`, { headers: bearer })).status).toBe(200);
  });

  it('gives the browser a session cookie for the right token only', async () => {
    expect(await (await fetch(`${server.url}/api/auth`)).json()).toEqual({ required: true, authenticated: false });
    const wrong = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain(TOKEN);
    const session = { cookie: cookie.split(';')[0]! };
    expect(await (await fetch(`${server.url}/api/auth`, { headers: session })).json()).toEqual({ required: true, authenticated: true });
    expect((await fetch(`${server.url}/api/batches/${batchId}/export?format=json`, { headers: session })).status).toBe(200);
  });
});

describe('security headers and errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const web = path.join(server.dataDir, 'no-web');
    await mkdir(web, { recursive: true });
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>x</title>');
  });
  afterAll(() => server.close());

  it('sends security headers and no X-Powered-By', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown API paths with JSON 404, and tRPC errors without a stack trace', async () => {
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ success: false, code: 'endpoint-not-found', error: 'No such endpoint: GET /api/nothing-here' });
    const trpcError = await fetch(`${server.url}/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ batchId: 'nope' }))}`);
    const body = JSON.stringify(await trpcError.json());
    expect(body).toContain('No batch with id');
    expect(body).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it('does not list directories', async () => {
    const response = await fetch(`${server.url}/assets/`);
    expect(await response.text()).not.toMatch(/Index of|<ul/i);
  });
});
