import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage } from '@vision/testkit';
import { ConfigError, loadConfig } from '../env';
import { rawRequest } from '../testing/raw-request';
import { batchForm, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';
const TOKEN = 'host-check-token-0123456789';
const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

/** A server with the web app's files in place and one finished batch, so every kind of route has something to serve. */
async function serverWithABatch(env: Record<string, string> = {}, headers: Record<string, string> = {}) {
  // The web app's files must exist before the app starts, which is when it decides to serve them.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-hosts-'));
  const web = path.join(dataDir, 'no-web');
  await mkdir(path.join(web, 'assets'), { recursive: true });
  await writeFile(path.join(web, 'index.html'), '<!doctype html><title>Vision batch</title>');
  await writeFile(path.join(web, 'assets', 'app.js'), 'console.log("app")');
  const started = await startTestServer({ env, dataDir });
  const server = { ...started, close: () => started.close().finally(() => rm(dataDir, { recursive: true, force: true })) };
  const response = await fetch(`${server.url}/api/batches`, {
    method: 'POST',
    headers,
    body: batchForm([{ name: 'red.png', data: await solidImage('red') }], { model: MODEL }),
  });
  expect(response.status).toBe(202);
  const { batchId } = (await response.json()) as { batchId: string };
  await server.batches.idle();
  return { server, batchId, port: Number(new URL(server.url).port) };
}

/** One route of each kind: the API, tRPC queries, the SSE subscription, files, and the web app itself. */
const everyKindOfRoute = (batchId: string): Array<[string, string]> => [
  ['health', '/api/health'],
  ['batch API', `/api/batches/${batchId}`],
  ['tRPC query', `/trpc/batches.get?${input({ batchId })}`],
  ['tRPC subscription (SSE)', `/trpc/batches.onProgress?${input({ batchId })}`],
  ['thumbnail', `/api/batches/${batchId}/items/0/thumbnail`],
  ['export', `/api/batches/${batchId}/export?format=csv`],
  ['the page', '/'],
  ['a deep link', '/history'],
  ['a static asset', '/assets/app.js'],
];

describe('the Host allow-list on a loopback server', () => {
  let server: TestServer;
  let batchId: string;
  let port: number;
  beforeAll(async () => ({ server, batchId, port } = await serverWithABatch({ ALLOWED_HOSTS: 'vision.example.com,mypc.lan:8443' })));
  afterAll(() => server.close());

  it('refuses a foreign Host on every kind of route with 403 naming ALLOWED_HOSTS, and leaks nothing', async () => {
    for (const [kind, route] of everyKindOfRoute(batchId)) {
      const response = await rawRequest(`${server.url}${route}`, { host: `attacker.example:${port}` });
      expect(response.status, kind).toBe(403);
      expect(response.body, kind).toContain('ALLOWED_HOSTS=attacker.example');
      expect(response.body, kind).not.toMatch(/red|<title>|console\.log|"ok"/);
      // The API answers JSON as its other errors do; the web app's pages plain text.
      if (route.startsWith('/api') || route.startsWith('/trpc')) expect(JSON.parse(response.body), kind).toMatchObject({ success: false });
      else expect(response.headers['content-type'], kind).toMatch(/^text\/plain/);
    }
  });

  it('refuses a rebinding name, a look-alike and a malformed Host', async () => {
    for (const host of [
      `rebind.attacker.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost.attacker.example:${port}`,
      `[::2]:${port}`,
      '%%%',
    ]) {
      expect((await rawRequest(`${server.url}/api/health`, { host })).status, host).toBe(403);
    }
  });

  it("serves every kind of route to the server's own names with the port it listens on (PORT=0 included)", async () => {
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      for (const [kind, route] of everyKindOfRoute(batchId).filter(([kind]) => !kind.includes('SSE'))) {
        expect((await rawRequest(`${server.url}${route}`, { host })).status, `${host} ${kind}`).toBe(200);
      }
    }
  });

  it('serves its own names on another port or none, as an SSH tunnel or a port forward presents them', async () => {
    for (const host of [`localhost:${port + 1}`, 'localhost', '127.0.0.1:8080', '[::1]']) {
      expect((await rawRequest(`${server.url}/api/health`, { host })).status, host).toBe(200);
    }
  });

  it('serves the progress stream to its own name', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      server.trpc.batches.onProgress.subscribe(
        { batchId },
        { onData: ({ data }) => events.push(data.type), onComplete: resolve, onError: reject },
      );
    });
    expect(events.at(-1)).toBe('batch-finished');
  });

  it('serves the names in ALLOWED_HOSTS, on any port unless the entry names one', async () => {
    for (const host of ['vision.example.com', 'vision.example.com:443', `VISION.example.com:${port}`, 'mypc.lan:8443']) {
      expect((await rawRequest(`${server.url}/api/health`, { host })).status, host).toBe(200);
    }
    for (const host of ['mypc.lan:3000', 'sub.vision.example.com', 'example.com']) {
      expect((await rawRequest(`${server.url}/api/health`, { host })).status, host).toBe(403);
    }
  });
});

describe('the Host allow-list with AUTH_TOKEN, on 0.0.0.0', () => {
  let server: TestServer;
  let port: number;
  const bearer = { authorization: `Bearer ${TOKEN}` };
  beforeAll(
    async () => ({ server, port } = await serverWithABatch({ HOST: '0.0.0.0', AUTH_TOKEN: TOKEN, ALLOWED_HOSTS: '.home.arpa' }, bearer)),
  );
  afterAll(() => server.close());

  it('refuses a foreign Host even with the right token, before asking for one', async () => {
    const withToken = await rawRequest(`${server.url}/api/health`, { host: `attacker.example:${port}`, headers: bearer });
    expect(withToken.status).toBe(403);
    const without = await rawRequest(`${server.url}/api/health`, { host: `attacker.example:${port}` });
    expect(without.status).toBe(403);
    expect(without.headers['www-authenticate']).toBeUndefined();
  });

  it('answers to the address a connection arrived on, without configuration, and to no other address', async () => {
    // 127.0.0.3 stands in for a LAN address: only loopback is ever a target here.
    const lan = `http://127.0.0.3:${port}/api/health`;
    expect((await rawRequest(lan, { host: `127.0.0.3:${port}`, headers: bearer })).status).toBe(200);
    expect((await rawRequest(lan, { host: `127.0.0.4:${port}`, headers: bearer })).status).toBe(403);
  });

  it('answers to a name under a leading-dot ALLOWED_HOSTS entry', async () => {
    expect((await rawRequest(`${server.url}/api/health`, { host: `mypc.home.arpa:${port}`, headers: bearer })).status).toBe(200);
    expect((await rawRequest(`${server.url}/api/health`, { host: `home.arpa.attacker.example:${port}`, headers: bearer })).status).toBe(
      403,
    );
  });
});

describe('ALLOWED_HOSTS=*', () => {
  it('turns the check off (documented as unsafe)', async () => {
    const server = await startTestServer({ env: { ALLOWED_HOSTS: '*' } });
    try {
      expect((await rawRequest(`${server.url}/api/health`, { host: 'anything.example' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('ALLOWED_HOSTS and ALLOWED_ORIGINS in the environment', () => {
  it('names the entry that is not a host name or an origin', () => {
    expect(() => loadConfig({ ALLOWED_HOSTS: 'vision.example.com, http://mypc.lan/' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'vision.example.com, http://mypc.lan/' })).toThrow(
      /ALLOWED_HOSTS: "http:\/\/mypc\.lan\/" is not a host name/,
    );
    expect(() => loadConfig({ ALLOWED_HOSTS: '*,vision.example.com' })).toThrow(/use \* alone/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'localhost:5173' })).toThrow(/ALLOWED_ORIGINS: "localhost:5173" is not an origin/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://tools.example.com/app' })).toThrow(/ALLOWED_ORIGINS: ".*\/app" is not an origin/);
  });

  it('reads lists with spaces and case as written by people', () => {
    const config = loadConfig({
      ALLOWED_HOSTS: ' Vision.Example.com , [fd00::5]:3000,',
      ALLOWED_ORIGINS: 'HTTPS://Tools.Example.com/, http://localhost:5173',
    });
    expect(config.allowedHosts).toEqual([
      { name: 'vision.example.com', port: undefined, subdomains: false },
      { name: '[fd00::5]', port: 3000, subdomains: false },
    ]);
    expect(config.allowedOrigins).toEqual(['https://tools.example.com', 'http://localhost:5173']);
    expect(loadConfig({}).allowedHosts).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: '*' }).allowedHosts).toBe('any');
  });
});
