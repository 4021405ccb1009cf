#!/usr/bin/env node
// The CLI, compiled to plain JavaScript by `pnpm build` (packages/client/build.mjs), run in this process so that
// Ctrl-C and the exit code reach the CLI itself rather than a wrapper.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(`vision-batch is not built (${fileURLToPath(cli)} is missing): run \`pnpm build\` in the repository first.\n`);
  process.exit(1);
}
await import(cli.href);
