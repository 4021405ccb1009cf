import { mkdir } from 'node:fs/promises';
import { createApp } from './app';
import { ConfigError, loadConfig } from './env';

async function main() {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true }).catch((error: Error) => {
    throw new ConfigError(`DATA_DIR ${config.dataDir} cannot be created: ${error.message}`);
  });
  const { app, lmstudio } = createApp(config);
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Vision batch server on http://${config.host}:${port} (LM Studio: ${lmstudio.baseUrl})`);
  });
  server.on('error', (error) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  const health = await lmstudio.health();
  if (!health.reachable) console.warn(`Warning: ${health.error}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
