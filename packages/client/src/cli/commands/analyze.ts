import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect, listenForInterrupt, wholeNumber, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { mebibytes, statsLines } from '../format';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { collectImages, IMAGE_EXTENSIONS } from '../images/collect-images';
import { DEFAULT_BATCH_LIMITS, planBatches } from '../images/plan-batches';
import { resultsTable } from '../results/results-table';
import { failedResult, mergeStats, type ResultRow } from '../results/run-results';
import { formatFromFileName, writeResults } from '../results/write-results';
import { UsageError } from '../usage-error';
import { analyzeComparison, type LabelSource } from './analyze-comparison';
import { runBatches } from './run-batches';

/**
 * `analyze <files or folders...> --model <id>`: the images' main entities, batch after batch. With `--models`
 * or labels it compares: every model over the same images, with accuracy when the images have labels.
 */
export async function analyzeCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...GLOBAL_OPTIONS,
        model: { type: 'string', short: 'm' },
        models: { type: 'string' },
        labels: { type: 'string', short: 'l' },
        'labels-from-folders': { type: 'boolean' },
        prompt: { type: 'string', short: 'p' },
        concurrency: { type: 'string', short: 'c' },
        out: { type: 'string', short: 'o' },
        'batch-size': { type: 'string' },
        'batch-mb': { type: 'string' },
      },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'analyze');
  if (positionals.length === 0) throw new UsageError('analyze needs at least one image file or folder.');
  const models = chosenModels(values.model, values.models);
  const labels = labelSource(values.labels, values['labels-from-folders']);
  if (values.out) formatFromFileName(values.out); // a wrong extension stops the run before any upload
  const concurrency = wholeNumber('--concurrency', values.concurrency);
  const limits = {
    maxImages: wholeNumber('--batch-size', values['batch-size']) ?? DEFAULT_BATCH_LIMITS.maxImages,
    maxBytes: (wholeNumber('--batch-mb', values['batch-mb']) ?? DEFAULT_BATCH_LIMITS.maxBytes / (1024 * 1024)) * 1024 * 1024,
  };
  const client = connect(context, values);
  const { terminal } = context;
  const style = terminal.stderrStyle;

  const { images, skipped } = await collectImages(positionals, context.cwd);
  for (const file of skipped) terminal.err(style.dim(`Skipped ${file.name}: ${file.reason}`));
  if (images.length === 0) throw new UsageError(`No images in ${positionals.join(', ')} (looked for ${IMAGE_EXTENSIONS.join(' ')}).`);
  const plan = planBatches(images, limits);
  const tooLarge: ResultRow[] = plan.tooLarge.map((image) => ({
    name: image.name,
    batchId: null,
    result: failedResult(image.name, `${mebibytes(image.size)} is more than a batch may upload (${mebibytes(limits.maxBytes)}); not sent`),
  }));
  for (const row of tooLarge) terminal.err(`${style.red('FAIL')}  ${row.name}  ${row.result.error}`);
  const comparing = values.models !== undefined || labels !== undefined;
  if (plan.batches.length > 1) {
    const parts = `${plan.batches.length} ${comparing ? 'comparisons' : 'batches'} (${plan.batches.map((batch) => batch.length).join(' + ')})`;
    terminal.err(`${images.length} images in ${parts}`);
  }
  if (comparing) {
    const notSent = tooLarge.map((row) => ({ name: row.name, error: row.result.error ?? 'not sent' }));
    return analyzeComparison(client, context, { models, labels, parts: plan.batches, tooLarge: notSent, order: images.map((image) => image.name), prompt: values.prompt, concurrency, out: values.out });
  }
  const model = models[0]!;

  const interrupt = listenForInterrupt();
  try {
    const run = await runBatches(client, terminal, {
      batches: plan.batches,
      model,
      prompt: values.prompt,
      concurrency,
      signal: interrupt.signal,
    });
    if (run.stopped === 'interrupted') return EXIT.interrupted;

    const order = new Map(images.map((image, position) => [image.name, position]));
    const rows = [...run.rows, ...tooLarge].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
    const stats = mergeStats(rows, run.wallTimes);
    const out = terminal.stdoutStyle;
    const tableRows = rows.map((row) => ({ name: row.name, status: row.result.success ? 'success' : 'error', result: row.result }));
    for (const line of resultsTable(tableRows, out)) terminal.out(line);
    terminal.out('');
    for (const line of statsLines(stats, out)) terminal.out(line);
    if (values.out) {
      await writeResults(path.resolve(context.cwd, values.out), { model, prompt: values.prompt ?? null, batchIds: run.batchIds, rows, stats });
      terminal.err(`Wrote ${rows.length} result${rows.length === 1 ? '' : 's'} to ${values.out}`);
    }
    return stats.failed > 0 || run.stopped ? EXIT.someFailed : EXIT.allSucceeded;
  } finally {
    interrupt.dispose();
  }
}

/** `--model a` or `--models a,b` (one model is fine there too), never both; repeated ids count once. */
function chosenModels(model: string | undefined, list: string | undefined): string[] {
  if (model !== undefined && list !== undefined) throw new UsageError('Give either --model <id> or --models <id,id,...>, not both.');
  if (list !== undefined) {
    const models = [...new Set(list.split(',').map((id) => id.trim()).filter(Boolean))];
    if (models.length === 0) throw new UsageError('--models needs model ids separated by commas, e.g. --models qwen/qwen3-vl-4b,google/gemma-3-4b.');
    return models;
  }
  if (!model) {
    throw new UsageError('analyze needs --model <id> (or --models a,b to compare models): "vision-batch models" lists the models LM Studio serves.');
  }
  return [model];
}

function labelSource(file: string | undefined, fromFolders: boolean | undefined): LabelSource {
  if (file !== undefined && fromFolders) throw new UsageError('Give either --labels <file.csv> or --labels-from-folders, not both.');
  if (file !== undefined) return { kind: 'csv', file };
  return fromFolders ? { kind: 'folders' } : undefined;
}
