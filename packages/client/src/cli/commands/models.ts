import { parseArgs } from 'node:util';
import type { TModelInfo } from '@vision/api-contract';
import { commandTerminal, connect, type CommandContext } from '../context';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { renderTable } from '../table';
import { UsageError } from '../usage-error';
import { printJson } from '../print-json';

const yesNo = (value: boolean | null) => (value === null ? '?' : value ? 'yes' : 'no');

/** `models`: what LM Studio serves, vision models first. */
export async function modelsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() => parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, json: { type: 'boolean' } } }));
  if (values.help) return printHelp(context.terminal, 'models');
  if (positionals.length > 0) throw new UsageError(`models takes no arguments (got ${positionals.join(' ')}).`);
  const models = await connect(context, values).models.list.query();
  const terminal = commandTerminal(context, values);
  if (values.json) return printJson(terminal, models);
  if (models.length === 0) {
    terminal.err('LM Studio serves no models: download one in LM Studio first.');
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
    ],
    terminal.stdoutStyle.bold,
  );
  for (const line of lines) terminal.out(line);
  return 0;
}
