import { serverKindName } from '@vision/core/server-kinds';
import { parseArgs } from 'node:util';
import type { THostStatus, TModelInfo } from '@vision/api-contract';
import { commandTerminal, connect, type CommandContext } from '../context';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { renderTable } from '../table';
import type { Terminal } from '../terminal';
import { UsageError } from '../usage-error';
import { printJson } from '../print-json';

const yesNo = (value: boolean | null) => (value === null ? '?' : value ? 'yes' : 'no');

/** `models`: each inference server and whether it answers, then what they serve, vision models first. */
export async function modelsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, json: { type: 'boolean' } } }),
  );
  if (values.help) return printHelp(context.terminal, 'models');
  if (positionals.length > 0) throw new UsageError(`models takes no arguments (got ${positionals.join(' ')}).`);
  const client = connect(context, values);
  const terminal = commandTerminal(context, values);
  // JSON: the model list alone (each model names its hosts), as scripts already read it.
  if (values.json) return printJson(terminal, await client.models.list.query());
  const hosts = await client.models.hosts.query();
  printHosts(hosts, terminal);
  const models = await client.models.list.query();
  if (models.length === 0) {
    terminal.err('The inference servers serve no models: download or load one first (in LM Studio, `ollama pull`, ...).');
    return 0;
  }
  const lines = renderTable<TModelInfo>(
    models,
    [
      { header: 'MODEL', value: (m) => m.id, style: (text, m) => (m.vision ? terminal.stdoutStyle.bold(text) : text) },
      { header: 'VISION', value: (m) => yesNo(m.vision) },
      { header: 'LOADED', value: (m) => yesNo(m.loaded) },
      { header: 'TYPE', value: (m) => m.type ?? '-' },
      { header: 'QUANT', value: (m) => m.quantization ?? '-' },
      { header: 'CONTEXT', value: (m) => (m.maxContextLength === null ? '-' : String(m.maxContextLength)), align: 'right' },
      ...(hosts.length > 1
        ? [{ header: 'HOSTS', value: (m: TModelInfo) => (m.hosts ?? []).map((host) => host.baseUrl).join(', ') || '-' }]
        : []),
    ],
    terminal.stdoutStyle.bold,
  );
  for (const line of lines) terminal.out(line);
  return 0;
}

/** One line per server: its address, what it is, its slots, and whether it answers now. */
function printHosts(hosts: THostStatus[], terminal: Terminal): void {
  if (hosts.length === 0) return;
  const lines = renderTable<THostStatus>(
    hosts,
    [
      { header: 'HOST', value: (h) => h.baseUrl },
      { header: 'SERVER', value: (h) => (h.kind ? serverKindName(h.kind) : '?') },
      { header: 'SLOTS', value: (h) => String(h.slots), align: 'right' },
      { header: 'STATUS', value: (h) => (!h.reachable ? 'not answering' : h.inRotation ? 'answers' : 'back, rejoining') },
    ],
    terminal.stdoutStyle.bold,
  );
  for (const line of lines) terminal.out(line);
  for (const host of hosts) if (host.error && !host.reachable) terminal.err(host.error);
  terminal.out('');
}
