import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { debianChromium } from '@vision/testkit/chromium';
import { APP_PORT, DOUBLE_PORT, GUARDED_APP_PORT, GUARDED_TOKEN } from './support/ports';

// A fresh data folder per run, made once in the main process (workers inherit the variable and reuse it)
// and removed by the global teardown.
const dataDir = (process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'vision-e2e-')));
/** The one inference server of the run: testkit's double, answering as LM Studio. */
const inferenceHosts = `http://127.0.0.1:${DOUBLE_PORT}/v1`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: debianChromium,
  },
  webServer: [
    {
      command: `pnpm --filter @vision/testkit double --kind lmstudio --port ${DOUBLE_PORT} --generation-tps 40`,
      url: `http://127.0.0.1:${DOUBLE_PORT}/v1/models`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'pnpm --filter @vision/web build && pnpm --filter @vision/server build && pnpm --filter @vision/server start',
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      env: {
        PORT: String(APP_PORT),
        INFERENCE_HOSTS: inferenceHosts,
        DATA_DIR: dataDir,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The web app and the server are built by the server above; this one only serves it, with a token.
      command: 'pnpm --filter @vision/server start',
      url: `http://127.0.0.1:${GUARDED_APP_PORT}/api/auth`,
      env: {
        PORT: String(GUARDED_APP_PORT),
        AUTH_TOKEN: GUARDED_TOKEN,
        INFERENCE_HOSTS: inferenceHosts,
        DATA_DIR: path.join(dataDir, 'guarded'),
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
