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

const SERVER_ARGS = ['--enable-source-maps', 'dist/index.js'];

function collectOutput(child: ChildProcess) {
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return () => output;
}

function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, SERVER_ARGS, { cwd: SERVER_DIR, env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, output: collectOutput(child) };
}

/** Resolves with the address the server prints once it listens; rejects if `child` exits first. */
function listeningUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 20_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', () => {
      // A fatal line: the server gives up (under an idle parent its exit would not be seen).
      if (output().includes('"level":60')) {
        clearTimeout(timer);
        reject(new Error(`server did not start:\n${output()}`));
      }
      const match = /Vision batch (?:server|worker) on (http:\/\/\S+:\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(match[1]!);
    });
  });
}

/**
 * The compiled server (dist/index.js, built by the tests' global setup) as a user runs it, in its own process;
 * resolves once it prints where it listens.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output } = spawnServer(env);
  const url = await listeningUrl(child, output);
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

export interface ZombieableServerProcess extends ServerProcess {
  /** `child` is the idle parent; `pid` the server's. `stop` kills the server (SIGKILL) and resolves once it is a zombie. */
  isZombie(): Promise<boolean>;
  /** Ends the idle parent, which lets the system reap the server. */
  dispose(): Promise<void>;
}

/**
 * The server under a parent that never reaps it (a shell that becomes `sleep`), as under a launcher killed along
 * with it: once killed, the server stays a zombie whose pid still answers `kill -0` until `dispose`.
 */
export async function startServerUnderIdleParent(env: Record<string, string>): Promise<ZombieableServerProcess> {
  const script = '"$0" "$@" & echo "server pid $!"; exec sleep 600';
  const child = spawn('/bin/sh', ['-c', script, process.execPath, ...SERVER_ARGS], {
    cwd: SERVER_DIR,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const url = await listeningUrl(child, output);
  const pid = Number(/^server pid (\d+)$/m.exec(output())![1]);
  const isZombie = async () => (await processState(pid)) === 'Z';
  return {
    child,
    pid,
    url,
    output,
    memory: () => processMemory(pid),
    isZombie,
    stop: async () => {
      process.kill(pid, 'SIGKILL');
      while (!(await isZombie())) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    dispose: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The one-letter state of a process (R, S, D, Z...) from /proc, or null once it is gone. */
export async function processState(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the state follows it.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
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
