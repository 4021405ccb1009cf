import { createVisionClient, type VisionClient } from '../vision-client';
import { quietTerminal, type Terminal } from './terminal';
import { UsageError } from './usage-error';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:3000';

/** What every command receives: where to write, where it runs, and how to reach the server. */
export interface CommandContext {
  terminal: Terminal;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where `analyze -` reads its paths; the process's stdin in the real CLI. */
  stdin?: AsyncIterable<string | Buffer> | Iterable<string | Buffer> | undefined;
}

/** The terminal a command writes to: with `--quiet`, one that prints only errors on stderr. */
export function commandTerminal(context: CommandContext, options: { quiet?: boolean | undefined }): Terminal {
  return options.quiet ? quietTerminal(context.terminal) : context.terminal;
}

export interface ConnectionOptions {
  server?: string | undefined;
  token?: string | undefined;
}

/** `--server` / `VISION_SERVER` and `--token` / `VISION_TOKEN`; flags win over the environment. */
export function connect(context: CommandContext, options: ConnectionOptions): VisionClient {
  const serverUrl = options.server || context.env.VISION_SERVER || DEFAULT_SERVER_URL;
  try {
    return createVisionClient({ serverUrl, token: options.token || context.env.VISION_TOKEN || undefined });
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (from ${options.server ? '--server' : 'VISION_SERVER'})`);
  }
}

/**
 * Ctrl-C as an AbortSignal, for commands that have something to undo on the server (a running batch).
 * A second Ctrl-C leaves at once.
 */
export function listenForInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}

/** `--concurrency 2` → 2; anything but a whole number from `min` up is a usage error. */
export function wholeNumber(flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${value}".`);
  return number;
}
