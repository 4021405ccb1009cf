import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../export-batch';
import { commandTerminal, connect, type CommandContext } from '../context';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { formatFromFileName } from '../results/write-results';
import { UsageError } from '../usage-error';
import { singleBatchId } from './batch-id';

/** `export <id> --format csv|json|jsonl [--out file] [--reviewed-only | --reviewed-field name]`: the server's export, to stdout or a file. */
export async function exportCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...GLOBAL_OPTIONS,
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        'reviewed-only': { type: 'boolean' },
        'reviewed-field': { type: 'string' },
      },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'export');
  const batchId = singleBatchId('export', positionals);
  const target = values.out ? path.resolve(context.cwd, values.out) : undefined;
  const intoFolder = target
    ? Boolean(
        await stat(target).then(
          (info) => info.isDirectory(),
          () => false,
        ),
      )
    : false;
  const format = chooseFormat(values.format, target && !intoFolder ? values.out : undefined);

  const file = await connect(context, values).exportBatch(batchId, format, {
    reviewedOnly: values['reviewed-only'],
    reviewedField: values['reviewed-field'],
  });
  if (!target) {
    await context.terminal.writeOut(file.body);
    return 0;
  }
  // The server's suggested name is only ever used as a base name inside the folder the user chose.
  const suggested = path.basename(file.filename);
  const destination = intoFolder ? path.join(target, /^\.*$/.test(suggested) ? `vision-batch-${batchId}.${format}` : suggested) : target;
  await writeFile(destination, file.body);
  commandTerminal(context, values).err(
    `Wrote ${path.relative(context.cwd, destination) || destination} (${format}, ${Buffer.byteLength(file.body)} bytes)`,
  );
  return 0;
}

function chooseFormat(flag: string | undefined, outFile: string | undefined): ExportFormat {
  if (flag !== undefined) {
    if (!isExportFormat(flag)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${flag}".`);
    return flag;
  }
  if (outFile) return formatFromFileName(outFile);
  throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')} (or an --out file with one of those extensions).`);
}
