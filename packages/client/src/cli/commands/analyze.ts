import { parseArgs } from 'node:util';
import { truthFieldProblem, type FieldSpec } from '@vision/core/fields';
import { commandTerminal, connect, wholeNumber, type CommandContext } from '../context';
import { mebibytes } from '../format';
import { GLOBAL_OPTIONS, parseUsage, printHelp } from '../help';
import { collectImages, IMAGE_EXTENSIONS, readListedPaths, type ListedPath } from '../images/collect-images';
import { DEFAULT_BATCH_LIMITS, planBatches } from '../images/plan-batches';
import { fieldsFromFlags } from '../fields/field-options';
import { outputRequest, outputTarget } from '../results/output-target';
import { requireCaptionSource } from '../results/write-captions';
import { UsageError } from '../usage-error';
import { analyzeComparison, type LabelSource } from './analyze-comparison';
import { analyzeDataset } from './analyze-dataset';

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
        fields: { type: 'string' },
        field: { type: 'string', multiple: true },
        preset: { type: 'string' },
        'truth-field': { type: 'string' },
        concurrency: { type: 'string', short: 'c' },
        out: { type: 'string', short: 'o' },
        format: { type: 'string', short: 'f' },
        fresh: { type: 'boolean' },
        'batch-size': { type: 'string' },
        'batch-mb': { type: 'string' },
      },
    }),
  );
  if (values.help) return printHelp(context.terminal, 'analyze');
  if (positionals.length === 0) throw new UsageError('analyze needs at least one image file or folder (or "-" to read paths from stdin).');
  const labels = labelSource(values.labels, values['labels-from-folders']);
  const comparing = values.models !== undefined || labels !== undefined;
  const models = chosenModels(values.model, values.models, context.env.VISION_MODEL);
  const request = outputRequest(values.out, values.format); // a wrong extension or format stops the run before any upload
  const fields = await fieldsFromFlags({ file: values.fields, shortcuts: values.field, preset: values.preset }, context.cwd);
  if (request?.format === 'captions') requireCaptionSource(fields); // refused now, not after the run, when nothing can be a caption
  const truthField = chosenTruthField(values['truth-field'], fields);
  if (comparing && (values.fresh || request?.format === 'imagefolder' || values.format !== undefined)) {
    throw new UsageError('--fresh and --format are for one model; a comparison writes its --out by the extension.');
  }
  const concurrency = wholeNumber('--concurrency', values.concurrency);
  const limits = {
    maxImages: wholeNumber('--batch-size', values['batch-size']) ?? DEFAULT_BATCH_LIMITS.maxImages,
    maxBytes: (wholeNumber('--batch-mb', values['batch-mb']) ?? DEFAULT_BATCH_LIMITS.maxBytes / (1024 * 1024)) * 1024 * 1024,
  };
  const client = connect(context, values);
  const terminal = commandTerminal(context, values);
  const style = terminal.stderrStyle;

  const { images, skipped } = await collectImages(await expandStdin(positionals, context), context.cwd);
  for (const file of skipped) terminal.err(style.dim(`Skipped ${file.name}: ${file.reason}`));
  if (images.length === 0) throw new UsageError(`No images in ${positionals.join(', ')} (looked for ${IMAGE_EXTENSIONS.join(' ')}).`);
  if (!comparing) {
    const output = request ? outputTarget(request, images, context.cwd) : undefined;
    return analyzeDataset(client, terminal, {
      images,
      limits,
      model: models[0]!,
      prompt: values.prompt,
      concurrency,
      fields,
      output,
      fresh: Boolean(values.fresh),
      quiet: Boolean(values.quiet),
    });
  }

  const plan = planBatches(images, limits);
  const tooLarge = plan.tooLarge.map((image) => ({
    name: image.name,
    error: `${mebibytes(image.size)} is more than a batch may upload (${mebibytes(limits.maxBytes)}); not sent`,
  }));
  for (const row of tooLarge) terminal.error(`${style.red('FAIL')}  ${row.name}  ${row.error}`);
  if (plan.batches.length > 1)
    terminal.err(
      `${images.length} images in ${plan.batches.length} comparisons (${plan.batches.map((batch) => batch.length).join(' + ')})`,
    );
  const order = images.map((image) => image.name);
  return analyzeComparison(
    client,
    { ...context, terminal },
    { models, labels, parts: plan.batches, tooLarge, order, prompt: values.prompt, concurrency, fields, truthField, out: values.out },
  );
}

/** `--truth-field <name>`: one of the asked fields the labels can judge, refused before any upload otherwise. */
function chosenTruthField(name: string | undefined, fields: readonly FieldSpec[] | undefined): string | undefined {
  const problem = truthFieldProblem(fields, name);
  if (problem) throw new UsageError(problem.replace('"truthField"', '--truth-field'));
  return name;
}

/** `-` among the arguments stands for the paths on stdin, one per line. */
async function expandStdin(positionals: readonly string[], context: CommandContext): Promise<Array<string | ListedPath>> {
  if (!positionals.includes('-')) return [...positionals];
  const listed = await readListedPaths(context.stdin);
  return positionals.flatMap((input): Array<string | ListedPath> => (input === '-' ? listed : [input]));
}

/** `--model a` or `--models a,b` (one model is fine there too), never both; repeated ids count once. VISION_MODEL is the default. */
function chosenModels(flag: string | undefined, list: string | undefined, fromEnv: string | undefined): string[] {
  if (flag !== undefined && list !== undefined) throw new UsageError('Give either --model <id> or --models <id,id,...>, not both.');
  if (list !== undefined) {
    const models = [
      ...new Set(
        list
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ];
    if (models.length === 0)
      throw new UsageError('--models needs model ids separated by commas, e.g. --models qwen/qwen3-vl-4b,google/gemma-3-4b.');
    return models;
  }
  const model = flag || fromEnv?.trim();
  if (!model) {
    throw new UsageError(
      'analyze needs --model <id> or VISION_MODEL (or --models a,b to compare models): "vision-batch models" lists the models LM Studio serves.',
    );
  }
  return [model];
}

function labelSource(file: string | undefined, fromFolders: boolean | undefined): LabelSource {
  if (file !== undefined && fromFolders) throw new UsageError('Give either --labels <file.csv> or --labels-from-folders, not both.');
  if (file !== undefined) return { kind: 'csv', file };
  return fromFolders ? { kind: 'folders' } : undefined;
}
