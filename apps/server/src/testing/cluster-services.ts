import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Private Postgres and Redis servers for tests and the bench: each on a free loopback port, its files in a fresh
 * temporary folder, stopped and removed by `stop()`. CI installs both (`.ci/run`); a developer's machine without
 * them skips the tests that need them, saying why (`clusterServicesMissing`), and CI fails instead.
 */

const run = promisify(execFile);

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: a superuser, trusted on loopback. */
  url: string;
  port: number;
  /** A fresh empty database on this server, for one test. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  // A PATH entry is often a link to one tool: the others (pg_ctl, postgres) sit beside its target.
  const fromPath = (process.env.PATH ?? '').split(path.delimiter).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (fromPath) return path.dirname(realpathSync(path.join(fromPath, 'initdb')));
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => path.join(root, version, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
}

function redisBinary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  return dirs.map((dir) => path.join(dir, 'redis-server')).find((file) => existsSync(file));
}

/** Why the cluster's tests cannot run here, or undefined when Postgres and Redis are installed. */
export function clusterServicesMissing(): string | undefined {
  const missing = [postgresBinDir() ? undefined : 'Postgres (initdb, pg_ctl)', redisBinary() ? undefined : 'redis-server'].filter(Boolean);
  if (missing.length === 0) return undefined;
  const reason = `${missing.join(' and ')} not installed: apt-get install -y postgresql redis-server`;
  // CI installs both (.ci/run): there a missing one is a broken install step, which a skip would hide behind green.
  if (process.env.CI === 'true') throw new Error(`${reason} (CI must run the cluster's tests)`);
  return reason;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb and pg_ctl refuse root: as root they run as the `postgres` user, who then must own the folder. */
const asRoot = () => process.getuid?.() === 0;
const asPostgres = (binary: string, args: string[]) =>
  asRoot() ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args);

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(clusterServicesMissing());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vision-postgres-'));
  if (asRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  await chmod(dir, 0o700);
  const data = path.join(dir, 'data');
  await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).finally(() => client.end());
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`)));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const binary = redisBinary();
  if (!binary) throw new Error(clusterServicesMissing());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vision-redis-'));
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /Ready to accept connections/, 'redis-server');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
