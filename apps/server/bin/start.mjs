#!/usr/bin/env node
/**
 * `pnpm start` for the server: runs the compiled server (dist/index.js, made by `pnpm build`) with plain node, in
 * a child process that starts with the memory settings a process can only be given before it starts. This parent
 * stays small, relays signals and passes the exit code on.
 *
 * - MALLOC_ARENA_MAX=2: sharp's libvips decodes on several threads, and glibc's allocator gives threads their own
 *   arenas that keep freed memory; on a 35-photo batch that was ~100 MB of peak RSS (sharp's docs advise it).
 *   Other C libraries ignore it.
 * - --max-semi-space-size=4 (MB): V8's young generation otherwise grows to 16 MB per semi-space for the short-lived
 *   request bodies and strings of a batch; its collections stay well under a millisecond at this size.
 * A value already set in the environment (MALLOC_ARENA_MAX) or in NODE_OPTIONS wins.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.error(`The server is not built (${entry} is missing): run \`pnpm build\` first, or \`pnpm start\` from the repository's root.`);
  process.exit(1);
}
const child = spawn(process.execPath, ['--max-semi-space-size=4', '--enable-source-maps', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { MALLOC_ARENA_MAX: '2', ...process.env },
});

// The server stops gracefully on the first SIGINT or SIGTERM and ignores repeats (a terminal's Ctrl-C or systemd
// reach both processes, so the child may get the signal twice).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
