import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const project = (name: string, root: string) => ({ extends: true as const, test: { name, root } });

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Absolute: each project resolves it from its own root.
    globalSetup: [fileURLToPath(new URL('./tooling/build-for-tests.ts', import.meta.url))],
    projects: [
      project('core', 'packages/core'),
      project('testkit', 'packages/testkit'),
      project('api-contract', 'packages/api-contract'),
      project('client', 'packages/client'),
      project('server', 'apps/server'),
      project('web', 'apps/web'),
      project('lint', 'tooling/lint'),
    ],
  },
});
