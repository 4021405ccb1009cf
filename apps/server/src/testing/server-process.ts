import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Settings the test runner's own environment must not leak into a server under test. */
const SERVER_VARIABLES = [
  'PORT',
  'HOST',
  'AUTH_TOKEN',
  'DATA_DIR',
  'LMSTUDIO_BASE_URL',
  'LMSTUDIO_API_KEY',
  'LMSTUDIO_CONCURRENCY',
  'MAX_IMAGES_PER_BATCH',
  'MAX_UPLOAD_MB',
  'MAX_IMAGE_SIDE',
  'REQUEST_TIMEOUT_S',
  'ALLOWED_HOSTS',
  'ALLOWED_ORIGINS',
  'LOG_LEVEL',
  'SHUTDOWN_GRACE_S',
  'DATABASE_URL',
  'REDIS_URL',
  'SERVER_ROLE',
  'QUEUE_LOCK_S',
];

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** The address the server printed, e.g. `http://127.0.0.1:41234`. */
  url: string;
  output(): string;
  /** Resident memory now and at its peak (VmHWM), in bytes, from /proc. */
  memory(): Promise<{ rss: number; peak: number }>;
  stop(): Promise<void>;
}

function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of SERVER_VARIABLES) delete base[name];
  return { ...base, PORT: '0', ...env };
}

function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/index.js'], {
    cwd: SERVER_DIR,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/**
 * The compiled server (dist/index.js, built by the tests' global setup) as a user runs it, in its own process;
 * resolves once it prints where it listens.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output } = spawnServer(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 20_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', () => {
      const match = /Vision batch (?:server|worker) on (http:\/\/\S+:\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(match[1]!);
    });
  });
  return {
    child,
    pid: child.pid!,
    url,
    output,
    memory: () => processMemory(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the server and waits for it to exit by itself (it is expected to refuse to start). */
export async function runServerUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnServer(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output: output() };
}

export async function processMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes('VmRSS') * 1024, peak: kilobytes('VmHWM') * 1024 };
}
