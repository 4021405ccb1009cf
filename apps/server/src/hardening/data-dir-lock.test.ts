import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDouble, type InferenceDouble } from '@vision/testkit';
import { LOCK_DATABASE, OWNER_FILE, type LockOwner } from '../storage/data-dir-lock';
import {
  runServerUntilExit,
  startServerProcess,
  startServerUnderIdleParent,
  type ServerProcess,
  type ZombieableServerProcess,
} from '../testing/server-process';

describe('one server per DATA_DIR', () => {
  let double: InferenceDouble;
  let dataDir: string;
  const servers: ServerProcess[] = [];
  const idleParents: ZombieableServerProcess[] = [];

  beforeAll(async () => {
    double = await startDouble('lmstudio');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-lock-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const server of idleParents) await server.dispose();
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ DATA_DIR: dataDir, LMSTUDIO_BASE_URL: double.baseUrl, HOST: '127.0.0.1' });
  const lockOwner = async () => JSON.parse(await readFile(path.join(dataDir, OWNER_FILE), 'utf8')) as LockOwner;

  it('names the running server in its owner file: pid, host and port', async () => {
    const first = await startServerProcess(env());
    servers.push(first);
    await expect.poll(async () => (await lockOwner()).port).toBe(Number(new URL(first.url).port));
    expect(await lockOwner()).toMatchObject({ pid: first.pid, host: '127.0.0.1', hostname: os.hostname() });
  });

  it('refuses a second server on the same DATA_DIR, naming the folder and the running server, and touches nothing', async () => {
    const first = servers[0]!;
    // What a second server would wipe or change: a half-received upload and the database.
    const upload = path.join(dataDir, 'uploads', 'in-flight', '000.upload');
    await mkdir(path.dirname(upload), { recursive: true });
    await writeFile(upload, 'still arriving');
    const database = 'vision-batch.db';
    const before = await stat(path.join(dataDir, database));
    const ownerBefore = await readFile(path.join(dataDir, OWNER_FILE), 'utf8');

    const second = await runServerUntilExit({ ...env(), PORT: '0' });

    expect(second.code).toBe(1);
    expect(second.output).toContain(`DATA_DIR ${dataDir} is in use by another vision-batch server (pid ${first.pid}`);
    expect(second.output).toContain(first.url);
    expect(second.output).not.toMatch(/Vision batch server on/);
    expect(await readFile(upload, 'utf8')).toBe('still arriving');
    expect((await stat(path.join(dataDir, database))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(dataDir, OWNER_FILE), 'utf8')).toBe(ownerBefore);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
  });

  it('holds the lock as a kernel lock on the lock database, which /proc/locks lists under its pid', async () => {
    const { ino } = await stat(path.join(dataDir, LOCK_DATABASE));
    const locks = await readFile('/proc/locks', 'utf8');
    const ours = locks.split('\n').filter((line) => line.includes(` ${servers[0]!.pid} `) && line.includes(`:${ino} `));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours[0]).toMatch(/POSIX\s+ADVISORY\s+WRITE/);
  });

  it('starts at once after a kill -9 while the killed server is still a zombie with its pid', async () => {
    await servers.shift()!.stop();
    const doomed = await startServerUnderIdleParent(env());
    idleParents.push(doomed);
    await doomed.stop();

    const next = await startServerProcess(env());
    servers.push(next);
    expect(await doomed.isZombie()).toBe(true);
    expect((await lockOwner()).pid).toBe(next.pid);
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
  });

  it('starts over an owner file naming a live process: only the kernel lock counts, never a pid', async () => {
    await servers.shift()!.stop();
    await writeFile(path.join(dataDir, OWNER_FILE), JSON.stringify({ ...(await lockOwner()), pid: process.pid }));
    const next = await startServerProcess(env());
    servers.push(next);
    expect((await lockOwner()).pid).toBe(next.pid);
  });
});
