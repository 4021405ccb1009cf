import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * What `pnpm start` runs: the server's launcher, which starts the compiled dist/index.js in a child process (the
 * bench's scripts build it first).
 */
const LAUNCHER = fileURLToPath(new URL('../bin/start.mjs', import.meta.resolve('@vision/server')));

const SERVER_SETTING =
  /^(PORT|HOST|DATA_DIR|AUTH_TOKEN|LMSTUDIO_\w+|INFERENCE_HOSTS|MAX_\w+|REQUEST_TIMEOUT_S|ALLOWED_\w+|LOG_LEVEL|SHUTDOWN_GRACE_S|NODE_OPTIONS)$/;

export interface ServerProcess {
  url: string;
  /** The server's own process (the launcher's child). */
  pid: number;
  /** The server process's peak resident memory so far (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  stop(): Promise<void>;
}

/** The real server, started the way `pnpm start` starts it, on a free port. Linux only (/proc). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // The server's own settings come from the bench alone, not from whatever the shell running it has set.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVER_SETTING.test(name)));
  const launcher = spawn(process.execPath, [LAUNCHER], {
    env: { ...inherited, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    launcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /server on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    launcher.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  const children = await readFile(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8');
  const pid = Number(children.trim().split(/\s+/)[0]);
  return {
    url,
    pid,
    peakRss: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
    },
    stop: async () => {
      launcher.kill('SIGTERM');
      await exited;
    },
  };
}
