import { parseArgs } from 'node:util';
import { commandTerminal, connect, type CommandContext } from '../context';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { UsageError } from '../usage-error';

/** `delete <batch-id|comparison-id>`: removes it for good, photos, results and review decisions included. */
export async function deleteCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() => parseArgs({ args: argv, allowPositionals: true, options: GLOBAL_OPTIONS }));
  if (values.help) return printHelp(context.terminal, 'delete');
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError('delete needs a batch or comparison id: "vision-batch batches" and "vision-batch comparisons" list them.');
  if (extra.length > 0) throw new UsageError(`delete takes one id (got ${positionals.join(' ')}).`);
  const deleted = await connect(context, values).deleteById(id);
  const what = deleted.kind === 'batch' ? 'Batch' : "Comparison (with every model's batch)";
  commandTerminal(context, values).out(`${what} ${deleted.id} deleted.`);
  return 0;
}
