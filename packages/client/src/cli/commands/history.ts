import { parseArgs } from 'node:util';
import type { TBatchSummary } from '@vision/api-contract';
import { commandTerminal, connect, wholeNumber, type CommandContext } from '../context';
import { dateTime, seconds, statsLines } from '../format';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { resultsTable } from '../results/results-table';
import { renderTable } from '../table';
import { printJson } from '../print-json';
import { UsageError } from '../usage-error';
import { singleBatchId } from './batch-id';

/** `batches`: the history, newest first, a page at a time. */
export async function batchesCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...GLOBAL_OPTIONS, json: { type: 'boolean' }, limit: { type: 'string', short: 'n' }, cursor: { type: 'string' } },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'batches');
  if (positionals.length > 0) throw new UsageError(`batches takes no arguments (got ${positionals.join(' ')}).`);
  const limit = wholeNumber('--limit', values.limit) ?? 20;
  if (limit > 100) throw new UsageError('--limit may be at most 100.');
  const page = await connect(context, values).batches.list.query({ limit, cursor: values.cursor });
  const terminal = commandTerminal(context, values);
  if (values.json) return printJson(terminal, page);
  if (page.batches.length === 0) {
    terminal.err('No batches yet: start one with "vision-batch analyze <folder> --model <id>".');
    return 0;
  }
  const style = terminal.stdoutStyle;
  const lines = renderTable<TBatchSummary>(
    page.batches,
    [
      { header: 'BATCH', value: (b) => b.batchId },
      { header: 'CREATED', value: (b) => dateTime(b.createdAt) },
      { header: 'STATUS', value: (b) => b.status, style: (text, b) => (b.status === 'completed' ? text : style.yellow(text)) },
      { header: 'MODEL', value: (b) => b.model },
      { header: 'IMAGES', value: (b) => String(b.total), align: 'right' },
      { header: 'OK', value: (b) => (b.stats ? String(b.stats.successful) : '-'), align: 'right' },
      {
        header: 'FAILED',
        value: (b) => (b.stats ? String(b.stats.failed) : '-'),
        align: 'right',
        style: (text, b) => (b.stats?.failed ? style.red(text) : text),
      },
      { header: 'WALL', value: (b) => seconds(b.stats?.wall_time), align: 'right' },
    ],
    style.bold,
  );
  for (const line of lines) terminal.out(line);
  if (page.nextCursor) terminal.err(`Older batches: vision-batch batches --limit ${limit} --cursor ${page.nextCursor}`);
  return 0;
}

/** `show <id>`: one batch with every image's result and the totals. */
export async function showCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, json: { type: 'boolean' } } }),
  );
  if (values.help) return printHelp(context.terminal, 'show');
  const batchId = singleBatchId('show', positionals);
  const view = await connect(context, values).batches.get.query({ batchId });
  const terminal = commandTerminal(context, values);
  if (values.json) return printJson(terminal, view);
  const style = terminal.stdoutStyle;
  terminal.out(`${style.bold('Batch')}     ${view.batchId}`);
  terminal.out(`${style.bold('Model')}     ${view.model}`);
  if (view.prompt) terminal.out(`${style.bold('Prompt')}    ${view.prompt}`);
  terminal.out(`${style.bold('Status')}    ${view.status}`);
  terminal.out(`${style.bold('Created')}   ${dateTime(view.createdAt)}${view.finishedAt ? `, finished ${dateTime(view.finishedAt)}` : ''}`);
  terminal.out('');
  const rows = view.items.map((item) => ({ index: item.index, name: item.filename, status: item.status, result: item.result }));
  for (const line of resultsTable(rows, style, { withIndex: true })) terminal.out(line);
  if (view.stats) {
    terminal.out('');
    for (const line of statsLines(view.stats, style)) terminal.out(line);
  }
  const hint = retryHint(view);
  if (hint) terminal.err(hint);
  return 0;
}

/** What a retry would do, as the server's view says (the web app offers the same): nothing, when only refused files failed. */
function retryHint(view: { batchId: string; status: string; items: ReadonlyArray<{ status: string; retryable: boolean }> }): string | null {
  if (view.status === 'queued' || view.status === 'running') return null;
  const failed = view.items.filter((item) => item.status === 'error' || item.status === 'cancelled').length;
  const again = view.items.filter((item) => item.retryable).length;
  if (again > 0) return `${again} image${again === 1 ? '' : 's'} can run again: vision-batch retry ${view.batchId}`;
  return failed > 0 ? 'Nothing can run again: the failed images were refused and are not kept; upload fixed copies.' : null;
}
