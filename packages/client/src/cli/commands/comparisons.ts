import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TComparisonSummary } from '@vision/api-contract';
import { buildReport } from '../comparison/comparison-report';
import { comparisonLines } from '../comparison/comparison-tables';
import { writeComparison } from '../comparison/write-comparison';
import { commandTerminal, connect, wholeNumber, type CommandContext } from '../context';
import { dateTime } from '../format';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { formatFromFileName } from '../results/write-results';
import { renderTable } from '../table';
import { printJson } from '../print-json';
import { UsageError } from '../usage-error';

/** `comparisons`: the comparisons the server keeps, newest first, a page at a time. */
export async function comparisonsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...GLOBAL_OPTIONS, json: { type: 'boolean' }, limit: { type: 'string', short: 'n' }, cursor: { type: 'string' } },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'comparisons');
  if (positionals.length > 0) throw new UsageError(`comparisons takes no arguments (got ${positionals.join(' ')}).`);
  const limit = wholeNumber('--limit', values.limit) ?? 20;
  if (limit > 100) throw new UsageError('--limit may be at most 100.');
  const page = await connect(context, values).comparisons.list.query({ limit, cursor: values.cursor });
  const terminal = commandTerminal(context, values);
  if (values.json) return printJson(terminal, page);
  if (page.comparisons.length === 0) {
    terminal.err('No comparisons yet: start one with "vision-batch analyze <folder> --models <id,id>".');
    return 0;
  }
  const style = terminal.stdoutStyle;
  const lines = renderTable<TComparisonSummary>(
    page.comparisons,
    [
      { header: 'COMPARISON', value: (c) => c.comparisonId },
      { header: 'CREATED', value: (c) => dateTime(c.createdAt) },
      { header: 'IMAGES', value: (c) => String(c.images), align: 'right' },
      { header: 'LABELLED', value: (c) => String(c.labelled), align: 'right' },
      { header: 'MODELS', value: (c) => c.models.join(', ') },
    ],
    style.bold,
  );
  for (const line of lines) terminal.out(line);
  if (page.nextCursor) terminal.err(`Older comparisons: vision-batch comparisons --limit ${limit} --cursor ${page.nextCursor}`);
  return 0;
}

/** `compare <id> [--out file]`: a comparison's tables, as analyze printed them. */
export async function compareCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, out: { type: 'string', short: 'o' } } }),
  );
  if (values.help) return printHelp(context.terminal, 'compare');
  const [comparisonId, ...extra] = positionals;
  if (!comparisonId) throw new UsageError('compare needs a comparison id: "vision-batch comparisons" lists them.');
  if (extra.length > 0) throw new UsageError(`compare takes one comparison id (got ${positionals.join(' ')}).`);
  if (values.out) formatFromFileName(values.out);
  const view = await connect(context, values).comparisons.get.query({ comparisonId });
  const terminal = commandTerminal(context, values);
  const style = terminal.stdoutStyle;
  terminal.out(`${style.bold('Comparison')}  ${view.comparisonId}`);
  terminal.out(`${style.bold('Created')}     ${dateTime(view.createdAt)}`);
  if (view.prompt) terminal.out(`${style.bold('Prompt')}      ${view.prompt}`);
  terminal.out(`${style.bold('Status')}      ${view.status}`);
  terminal.out('');
  if (view.status === 'running' || view.status === 'queued')
    terminal.err(terminal.stderrStyle.yellow(`Comparison ${comparisonId} is still ${view.status}: these are the answers so far.`));
  const report = buildReport([{ view }]);
  for (const line of comparisonLines(report, { style, marks: terminal.stdoutDecorated })) terminal.out(line);
  if (values.out) {
    await writeComparison(path.resolve(context.cwd, values.out), report, [view]);
    terminal.err(`Wrote ${report.images.length * report.models.length} answers to ${values.out}`);
  }
  return 0;
}
