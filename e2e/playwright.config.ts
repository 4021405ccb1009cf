import { defineConfig } from '@playwright/test';

const DOUBLE_PORT = 41234;
const APP_PORT = 43100;

// Debian's Chromium (installed by .ci/run); Playwright never downloads a browser here.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: [
    {
      command: `pnpm --filter @vision/testkit double --port ${DOUBLE_PORT} --generation-tps 40`,
      url: `http://127.0.0.1:${DOUBLE_PORT}/v1/models`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'pnpm --filter @vision/web build && pnpm --filter @vision/server start',
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      env: {
        PORT: String(APP_PORT),
        LMSTUDIO_BASE_URL: `http://127.0.0.1:${DOUBLE_PORT}/v1`,
        DATA_DIR: '../../.data/e2e',
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
