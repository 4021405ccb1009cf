import { createApp } from './app';
import { ConfigError, loadConfig } from './env';
import { createLogger } from './logging/logger';
import { stopGracefully } from './shutdown';
import { openCluster } from './queue/cluster';
import { DataDirLockedError, lockDataDir } from './storage/data-dir-lock';
import { runWorkerProcess } from './worker/worker-process';
import { startWorker } from './worker/worker-role';

async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  if (config.role === 'worker') return runWorkerProcess(config, logger);
  // In a cluster Postgres and Redis coordinate the servers sharing DATA_DIR; alone, the folder's lock does.
  const clustered = config.databaseUrl !== undefined && config.redisUrl !== undefined;
  // First of all: a second server on the same DATA_DIR would resume the first one's batches and empty its uploads.
  const lock = clustered ? undefined : await takeLock(config.dataDir, { host: config.host, port: config.port });
  process.on('exit', () => lock?.release());
  const cluster = clustered ? openCluster(config.redisUrl!, { lockMs: config.queueLockMs }) : undefined;
  const created = await createApp(config, { logger, cluster }).catch((error: Error & { code?: string }) => {
    throw new ConfigError(`Cannot use DATA_DIR ${config.dataDir}: ${error.message}`);
  });
  const { app, inference, batches } = created;
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    lock?.setPort(port);
    logger.info(
      { url: `http://${config.host}:${port}`, inference: inference.baseUrl, dataDir: config.dataDir },
      `Vision batch server on http://${config.host}:${port}`,
    );
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, `Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  const worker = cluster && config.role === 'all' ? startWorker({ config, cluster, repository: created.repository, logger }) : undefined;
  stopGracefully({ server, app: created, lock, logger, graceMs: config.shutdownGraceMs, worker, cluster });
  const resumed = await batches.resumeUnfinished();
  if (resumed.length) logger.info({ batchIds: resumed }, `Resuming ${resumed.length} unfinished batch(es): ${resumed.join(', ')}`);
  const health = await inference.health();
  for (const host of health.hosts) {
    if (host.reachable)
      logger.info(
        { host: host.baseUrl, kind: host.kind, models: host.modelCount, slots: host.slots },
        `${host.baseUrl}: ${host.kind ?? 'unknown server'}, ${host.modelCount ?? 0} model(s), ${host.slots} slot(s)`,
      );
    else logger.warn({ host: host.baseUrl, kind: host.kind }, host.error ?? `${host.baseUrl} cannot be reached`);
  }
}

async function takeLock(dataDir: string, address: { host: string; port: number }) {
  try {
    return await lockDataDir(dataDir, address);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw error;
    throw new ConfigError(`Cannot use DATA_DIR ${dataDir}: ${(error as Error).message}`);
  }
}

main().catch((error: unknown) => {
  // Before the configuration is known the log goes out at the default level.
  const logger = createLogger({ level: 'info' });
  if (error instanceof ConfigError || error instanceof DataDirLockedError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'The server could not start');
  process.exit(1);
});
