import { TRPCClientError } from '@trpc/client';
import { isConnectionError, VisionApiError } from '../errors';
import { EXIT } from './exit-codes';
import type { Terminal } from './terminal';
import { UsageError } from './usage-error';

/** One clear message on stderr per failure, and the exit code for it. */
export function reportError(error: unknown, terminal: Terminal, env: NodeJS.ProcessEnv): number {
  const style = terminal.stderrStyle;
  const say = (message: string, hint?: string) => {
    terminal.error(`${style.red('error:')} ${message}`);
    if (hint) terminal.error(style.dim(hint));
  };
  if (error instanceof UsageError) {
    say(error.message, 'Run "vision-batch help" for usage.');
  } else if (isConnectionError(error)) {
    say(error.message, 'Is the server running ("pnpm start")? Point to another one with --server or VISION_SERVER.');
  } else if (error instanceof VisionApiError) {
    say(error.message);
  } else if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    say(error.message, status === 401 || status === 403 ? 'The server needs a token: pass --token or set VISION_TOKEN.' : undefined);
  } else {
    say(error instanceof Error ? error.message : String(error));
    if (env.VISION_DEBUG && error instanceof Error && error.stack) terminal.error(error.stack);
  }
  return EXIT.usageOrConnection;
}
