import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The installed entry point, so the tests also prove that `vision-batch` starts from any folder. */
export const CLI_BIN = fileURLToPath(new URL('../../bin/vision-batch.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Resolves when stderr has printed text matching the pattern (to act mid-run, e.g. send Ctrl-C). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<CliResult>;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Written to the CLI's stdin, which is then closed; without it stdin is not connected. */
  stdin?: string;
}

/** Starts the CLI as a child process with pipes (not a terminal) and a clean environment. */
export function startCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const env = { ...process.env, ...options.env };
  // What the outer shell or pnpm set must not leak into the run under test.
  for (const name of ['VISION_SERVER', 'VISION_TOKEN', 'VISION_MODEL', 'INIT_CWD', 'npm_lifecycle_event', 'FORCE_COLOR']) {
    if (!options.env?.[name]) delete env[name];
  }
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd,
    env,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const check of waiters) check();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitForStderr: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stderr never matched ${pattern}; it was:\n${stderr}`)), timeoutMs);
        const check = () => {
          if (!pattern.test(stderr)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
