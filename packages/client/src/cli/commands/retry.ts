import { parseArgs } from 'node:util';
import type { VisionClient } from '../../vision-client';
import { commandTerminal, connect, listenForInterrupt, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { statsLines } from '../format';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { ProgressBar } from '../progress-bar';
import { resultsTable } from '../results/results-table';
import { UsageError } from '../usage-error';
import { cancelOnServer, watchBatch } from '../watch-batch';
import { singleBatchId } from './batch-id';

/** `retry <id> [--indexes 0,3]`: runs images again and follows them like analyze. */
export async function retryCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...GLOBAL_OPTIONS, indexes: { type: 'string', short: 'i' }, detach: { type: 'boolean' } },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'retry');
  const batchId = singleBatchId('retry', positionals);
  const indexes = values.indexes === undefined ? undefined : parseIndexes(values.indexes);
  const client = connect(context, values);
  const terminal = commandTerminal(context, values);

  // The batch's log keeps its earlier runs: follow only what comes after its current last event.
  const lastEventId = values.detach ? undefined : await lastEventIdOf(client, batchId);
  const retried = await client.batches.retry.mutate({ batchId, indexes });
  terminal.err(
    `Retrying ${retried.indexes.length} image${retried.indexes.length === 1 ? '' : 's'} of batch ${batchId} (index ${retried.indexes.join(', ')})`,
  );
  if (values.detach) return 0;

  const interrupt = listenForInterrupt();
  const bar = new ProgressBar(terminal, retried.indexes.length);
  try {
    await watchBatch(client, batchId, { terminal, bar, nameOf: (result) => result.filename, signal: interrupt.signal, lastEventId });
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    bar.stop();
    await cancelOnServer(client, terminal, batchId);
    return EXIT.interrupted;
  } finally {
    bar.stop();
    interrupt.dispose();
  }

  const view = await client.batches.get.query({ batchId });
  const style = terminal.stdoutStyle;
  const rows = view.items.map((item) => ({ index: item.index, name: item.filename, status: item.status, result: item.result }));
  for (const line of resultsTable(rows, style, { withIndex: true })) terminal.out(line);
  if (view.stats) {
    terminal.out('');
    for (const line of statsLines(view.stats, style)) terminal.out(line);
  }
  return view.items.every((item) => item.status === 'success') ? EXIT.allSucceeded : EXIT.someFailed;
}

function parseIndexes(text: string): number[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const indexes = parts.map(Number);
  if (parts.length === 0 || indexes.some((index) => !Number.isInteger(index) || index < 0)) {
    throw new UsageError(`--indexes takes image indexes as "show" numbers them, e.g. --indexes 0,3 (got "${text}").`);
  }
  return indexes;
}

/** Reads the batch's log to its end; for a batch that is not running the server ends the stream there. */
async function lastEventIdOf(client: VisionClient, batchId: string): Promise<string | undefined> {
  const view = await client.batches.get.query({ batchId });
  if (view.status === 'running' || view.status === 'queued') return undefined; // the server refuses the retry anyway
  let last: string | undefined;
  for await (const entry of client.followBatch(batchId)) last = entry.id;
  return last;
}
