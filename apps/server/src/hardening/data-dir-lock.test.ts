import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLmStudioDouble, type LmStudioDouble } from '@vision/testkit';
import { LOCK_FILE, type LockOwner } from '../storage/data-dir-lock';
import { runServerUntilExit, startServerProcess, type ServerProcess } from '../testing/server-process';

describe('one server per DATA_DIR', () => {
  let double: LmStudioDouble;
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    double = await startLmStudioDouble();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-lock-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl, HOST: '127.0.0.1' });
  const lockOwner = async () => JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as LockOwner;

  it('holds a lock file naming the running server: pid, host and port', async () => {
    const first = await startServerProcess(env());
    servers.push(first);
    await expect.poll(async () => (await lockOwner()).port).toBe(Number(new URL(first.url).port));
    expect(await lockOwner()).toMatchObject({ pid: first.pid, host: '127.0.0.1', hostname: os.hostname() });
  });

  it('refuses a second server on the same DATA_DIR at once, naming the folder and the running server, and touches nothing', async () => {
    const first = servers[0]!;
    // What a second server would wipe or change: a half-received upload and the database.
    const upload = path.join(dataDir, 'uploads', 'in-flight', '000.upload');
    await mkdir(path.dirname(upload), { recursive: true });
    await writeFile(upload, 'still arriving');
    const database = 'vision-batch.db';
    const before = await stat(path.join(dataDir, database));
    const lockBefore = await readFile(path.join(dataDir, LOCK_FILE), 'utf8');

    const second = await runServerUntilExit({ ...env(), PORT: '0' });

    expect(second.code).toBe(1);
    expect(second.output).toContain(`DATA_DIR ${dataDir} is in use by another vision-batch server (pid ${first.pid}`);
    expect(second.output).toContain(first.url);
    expect(second.output).not.toMatch(/Vision batch server on/);
    expect(await readFile(upload, 'utf8')).toBe('still arriving');
    expect((await stat(path.join(dataDir, database))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).toBe(lockBefore);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
  });

  it('takes over the lock of a server that is gone', async () => {
    await servers.shift()!.stop(); // SIGKILL: no chance to remove its lock.
    const stale = await lockOwner();
    expect(stale.pid).toBeGreaterThan(0);
    const next = await startServerProcess(env());
    servers.push(next);
    expect((await lockOwner()).pid).toBe(next.pid);
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    await servers.shift()!.stop();
    // A pid that is alive (this test runner) but started at another time than the lock says.
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ ...(await lockOwner()), pid: process.pid, processStart: '1' }));
    const next = await startServerProcess(env());
    servers.push(next);
    expect((await lockOwner()).pid).toBe(next.pid);
  });
});
