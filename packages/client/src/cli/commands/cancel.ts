import { parseArgs } from 'node:util';
import { connect, type CommandContext } from '../context';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { singleBatchId } from './batch-id';

/** `cancel <id>`: stops a running batch; a finished one is left as it is. */
export async function cancelCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() => parseArgs({ args: argv, allowPositionals: true, options: GLOBAL_OPTIONS }));
  if (values.help) return printHelp(context.terminal, 'cancel');
  const batchId = singleBatchId('cancel', positionals);
  const view = await connect(context, values).batches.cancel.mutate({ batchId });
  const count = (status: string) => view.items.filter((item) => item.status === status).length;
  const summary = `${count('success')} succeeded, ${count('error')} failed, ${count('cancelled')} cancelled of ${view.items.length}`;
  context.terminal.out(`Batch ${view.batchId} ${view.status}: ${summary}.`);
  return 0;
}
