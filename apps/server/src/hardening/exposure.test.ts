import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerUntilExit, startServerProcess, type ServerProcess } from '../testing/server-process';

const TOKEN = 'hardening-token-0123456789abcdef';

/** This machine's own addresses that other machines could reach (IPv6 link-local needs a scope: left out). */
function nonLoopbackAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal && !entry.address.startsWith('fe80:'))
    .map((entry) => entry!.address);
}

const hostForUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** Resolves 'connected' or the connection error's code; only ever aimed at this machine's own addresses. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('starting beyond loopback without AUTH_TOKEN', () => {
  let sandbox: string;
  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(os.tmpdir(), 'vision-exposure-'));
  });
  afterAll(() => rm(sandbox, { recursive: true, force: true }));

  for (const host of ['0.0.0.0', '::']) {
    it(`refuses HOST=${host}: exits non-zero, names AUTH_TOKEN, and touches no data`, async () => {
      const dataDir = path.join(sandbox, `data-${host.replace(/\W/g, '_')}`);
      const { code, output } = await runServerUntilExit({ HOST: host, DATA_DIR: dataDir, LMSTUDIO_BASE_URL: 'http://127.0.0.1:9/v1' });
      expect(code).not.toBe(0);
      expect(output).toContain(`HOST=${host} makes the server reachable from other machines: set AUTH_TOKEN`);
      expect(output).not.toMatch(/Vision batch server on/);
      expect(existsSync(dataDir)).toBe(false);
    });
  }
});

describe('a server started with its defaults', () => {
  let sandbox: string;
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(os.tmpdir(), 'vision-exposure-'));
    // No HOST: the default is what is under test.
    server = await startServerProcess({ DATA_DIR: sandbox, LMSTUDIO_BASE_URL: 'http://127.0.0.1:9/v1' });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.stop();
    await rm(sandbox, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and says so', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("cannot be reached through this machine's other addresses", async () => {
    const addresses = nonLoopbackAddresses();
    // A machine with only loopback has nothing else to try; the printed address above still holds.
    for (const address of addresses) expect(await tryConnect(address, port), address).toBe('ECONNREFUSED');
  });
});

describe('a server bound to 0.0.0.0 with AUTH_TOKEN', () => {
  let sandbox: string;
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(os.tmpdir(), 'vision-exposure-'));
    server = await startServerProcess({
      HOST: '0.0.0.0',
      AUTH_TOKEN: TOKEN,
      DATA_DIR: sandbox,
      LMSTUDIO_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.stop();
    await rm(sandbox, { recursive: true, force: true });
  });

  it('lets in, over every address of this machine, only requests that carry the token', async () => {
    const ipv4 = nonLoopbackAddresses().filter((address) => !address.includes(':'));
    for (const address of ['127.0.0.1', ...ipv4]) {
      const url = `http://${hostForUrl(address)}:${port}`;
      const without = await fetch(`${url}/api/ready`);
      expect(without.status, address).toBe(401);
      expect(await without.json()).toEqual({
        success: false,
        code: 'access-token-required',
        error: expect.stringMatching(/needs its access token/),
      });
      expect((await fetch(`${url}/trpc/models.list`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status, address).toBe(
        401,
      );
      // Past the guard: readiness answers, 503 because no LM Studio runs here.
      expect((await fetch(`${url}/api/ready`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, address).toBe(503);
    }
    expect(server.output()).not.toContain(TOKEN);
  });
});
