import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { apiProxy } from './api-proxy';

/** Stands in for the API server: answers with the Host and Origin it received. */
function startEchoServer(): Promise<http.Server> {
  const echo = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ host: req.headers.host, origin: req.headers.origin ?? null })),
    );
  });
  return new Promise((resolve) => echo.listen(0, '127.0.0.1', () => resolve(echo)));
}

describe('the dev server proxy to the API server', () => {
  let api: http.Server;
  let apiOrigin: string;
  let vite: ViteDevServer;
  let viteOrigin: string;
  beforeAll(async () => {
    api = await startEchoServer();
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    vite = await createServer({
      configFile: false,
      root: import.meta.dirname,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, proxy: { '/api': apiProxy(apiOrigin) } },
    });
    await vite.listen();
    viteOrigin = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await vite.close();
    await new Promise((resolve) => api.close(resolve));
  });

  const post = async (headers: Record<string, string>) => {
    const response = await fetch(`${viteOrigin}/api/batches`, { method: 'POST', body: 'x', headers });
    return (await response.json()) as { host: string; origin: string | null };
  };

  it("presents the app's own pages to the API server as its own origin and host", async () => {
    expect(await post({ origin: viteOrigin, 'sec-fetch-site': 'same-origin' })).toEqual({
      host: new URL(apiOrigin).host,
      origin: apiOrigin,
    });
  });

  it("passes another page's Origin through unchanged, so the API server refuses it", async () => {
    expect(await post({ origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' })).toEqual({
      host: new URL(apiOrigin).host,
      origin: 'http://attacker.example',
    });
    expect(await post({ origin: 'null' })).toMatchObject({ origin: 'null' });
  });

  it('adds no Origin to a request that had none (curl through the dev server)', async () => {
    expect(await post({})).toEqual({ host: new URL(apiOrigin).host, origin: null });
  });
});
