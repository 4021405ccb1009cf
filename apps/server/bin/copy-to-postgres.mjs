#!/usr/bin/env node
// Runs the compiled copy command (dist/copy-to-postgres.js, made by `pnpm build`); see src/copy-to-postgres.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/copy-to-postgres.js', import.meta.url));
if (!existsSync(entry)) {
  console.error(`The server is not built (${entry} is missing): run \`pnpm build\` first.`);
  process.exit(1);
}
await import(entry);
