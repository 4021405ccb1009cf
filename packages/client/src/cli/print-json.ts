import type { Terminal } from './terminal';

/** `--json`: what the server answered, as one JSON document on stdout, for scripts (`jq`) rather than eyes. */
export function printJson(terminal: Terminal, value: unknown): number {
  terminal.out(JSON.stringify(value, null, 2));
  return 0;
}
