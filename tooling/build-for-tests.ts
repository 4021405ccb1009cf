import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: tests that start the server or the CLI as their own process run the compiled output, as
 * users do, so it is built from the current source first (esbuild: well under a second each). Every project
 * inherits this setup; the marker makes one run build once.
 */
export default function buildForTests(): void {
  if (process.env.VISION_BUILT_FOR_TESTS) return;
  process.env.VISION_BUILT_FOR_TESTS = '1';
  for (const script of ['../apps/server/build.mjs', '../packages/client/build.mjs']) {
    execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  }
}
