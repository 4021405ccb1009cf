import express from 'express';
import type { ServerConfig } from '../env';
import type { ServerLogger } from '../logging/logger';
import { openCluster } from '../queue/cluster';
import { openRepository } from '../storage/open-repository';
import { startWorker } from './worker-role';

/**
 * SERVER_ROLE=worker: no web app, no API, only `GET /api/health` on PORT (what the worker serves and how busy it
 * is), and the queue's images for its hosts. SIGTERM drains it: no new image, the running ones finish and are
 * saved (up to SHUTDOWN_GRACE_S; past it they go to another worker once their hold expires), then it exits 0.
 */
export async function runWorkerProcess(config: ServerConfig, logger: ServerLogger): Promise<void> {
  const repository = await openRepository(config);
  const cluster = openCluster(config.redisUrl!, { lockMs: config.queueLockMs });
  const worker = startWorker({ config, cluster, repository, logger });
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, role: 'worker', ...worker.announcement() });
  });
  app.use((_req, res) => {
    res.status(404).json({ success: false, error: 'A worker serves only GET /api/health.', code: 'endpoint-not-found' });
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}`, dataDir: config.dataDir }, `Vision batch worker on http://${config.host}:${port}`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, `Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceS: config.shutdownGraceMs / 1000 }, 'stopping: no new images, waiting for the running ones');
    const drained = worker.close().then(() => true);
    const grace = new Promise<boolean>((resolve) => setTimeout(resolve, config.shutdownGraceMs, false).unref());
    const finished = await Promise.race([drained, grace]);
    if (finished) await Promise.all([cluster.close(), repository.close()]).catch(() => undefined);
    logger.info({ finished }, 'stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
}
