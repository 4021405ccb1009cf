import type { Server } from 'node:http';
import type { App } from './app';
import type { ServerLogger } from './logging/logger';
import type { DataDirLock } from './storage/data-dir-lock';

/**
 * SIGTERM (systemd, docker, kill) or SIGINT (Ctrl-C) stops the server gracefully: no new uploads (503), the
 * requests already at LM Studio get `graceMs` to finish and their results are saved, the progress streams end,
 * then the process exits 0. What was still queued resumes at the next start. A repeated signal changes nothing
 * (a terminal's Ctrl-C or systemd's stop may reach this process and its launcher both); the grace bounds the stop.
 */
export function stopGracefully(deps: {
  server: Server;
  app: App;
  /** None in a cluster: the database coordinates the servers. */
  lock: DataDirLock | undefined;
  logger: ServerLogger;
  graceMs: number;
  /** SERVER_ROLE=all in a cluster: this process's worker drains beside the runs, then the shared parts close. */
  worker?: { drain(): Promise<void> } | undefined;
  cluster?: { close(): Promise<void> } | undefined;
}): void {
  const { server, app, lock, logger, graceMs } = deps;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    logger.info({ signal, graceS: graceMs / 1000 }, 'stopping: new uploads refused, waiting for the requests at LM Studio');
    // The server keeps listening meanwhile, so clients get a 503 with the reason rather than a refused connection.
    const [{ finished }] = await Promise.all([app.drain(graceMs), deps.worker?.drain()]);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (!finished) {
      logger.warn(
        { graceS: graceMs / 1000 },
        'stopping: requests still at LM Studio after the grace period; they run again at the next start',
      );
    } else {
      // The answers of waiting requests (e.g. /api/analyze-batch) and the ends of the streams go out first.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      server.closeAllConnections();
      await app.close();
      await deps.cluster?.close();
    }
    lock?.release();
    logger.info({ finished }, 'stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
}
