import { createApp } from './app';
import { ConfigError, loadConfig } from './env';

async function main() {
  const config = loadConfig();
  const { app, lmstudio, batches } = await createApp(config).catch((error: Error & { code?: string }) => {
    throw new ConfigError(`Cannot use DATA_DIR ${config.dataDir}: ${error.message}`);
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Vision batch server on http://${config.host}:${port} (inference: ${lmstudio.baseUrl}, data: ${config.dataDir})`);
  });
  server.on('error', (error) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  const resumed = await batches.resumeUnfinished();
  if (resumed.length) console.log(`Resuming ${resumed.length} unfinished batch(es): ${resumed.join(', ')}`);
  const health = await lmstudio.health();
  for (const host of health.hosts) {
    if (host.reachable) console.log(`  ${host.baseUrl}: ${host.kind ?? 'unknown server'}, ${host.modelCount ?? 0} model(s), ${host.slots} slot(s)`);
    else console.warn(`Warning: ${host.error}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
