import type { FieldSpec } from '@vision/core/fields';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VisionClient } from '../../vision-client';
import { buildReport, allAnswered } from '../comparison/comparison-report';
import { comparisonLines } from '../comparison/comparison-tables';
import { writeComparison } from '../comparison/write-comparison';
import { listenForInterrupt, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import type { LocalImage } from '../images/collect-images';
import { labelFromFolder } from '../labels/folder-labels';
import { labelsCsv, labelsCsvFor, rowsNamingNoPhoto, splitLabelsCsv } from '../labels/labels-csv';
import { UsageError } from '../usage-error';
import { runComparisons, type ComparisonPart } from './run-comparisons';

/** Where the ground truth comes from: a `filename,label` CSV, the folders the images sit in, or nowhere. */
export type LabelSource = { kind: 'csv'; file: string } | { kind: 'folders' } | undefined;

export interface AnalyzeComparisonInput {
  models: string[];
  labels: LabelSource;
  /** The images in upload parts (the server's per-upload limits), and those too large for any. */
  parts: LocalImage[][];
  tooLarge: ReadonlyArray<{ name: string; error: string }>;
  /** Every image's name in the order found, for the table. */
  order: readonly string[];
  prompt?: string | undefined;
  concurrency?: number | undefined;
  fields?: FieldSpec[] | undefined;
  /** The field the labels judge; the server picks when unset. */
  truthField?: string | undefined;
  out?: string | undefined;
}

/** `analyze --models a,b [--labels file.csv | --labels-from-folders]`: every model over the images, side by side. */
export async function analyzeComparison(client: VisionClient, context: CommandContext, input: AnalyzeComparisonInput): Promise<number> {
  const { terminal } = context;
  const parts = await labelledParts(context, input);
  const interrupt = listenForInterrupt();
  try {
    const run = await runComparisons(client, terminal, {
      parts,
      models: input.models,
      prompt: input.prompt,
      concurrency: input.concurrency,
      fields: input.fields,
      truthField: input.truthField,
      labelsFrom: input.labels?.kind === 'csv' ? input.labels.file : input.labels ? 'folder labels' : undefined,
      signal: interrupt.signal,
    });
    if (run.stopped === 'interrupted') return EXIT.interrupted;

    const notSent = [
      ...input.tooLarge,
      ...run.notSent.map((image) => ({ name: image.name, error: 'not sent: an earlier comparison was stopped' })),
    ];
    const report = buildReport(
      run.parts.map(({ images, view }) => ({ view, names: images.map((image) => image.name) })),
      { models: input.models, notSent },
    );
    const position = new Map(input.order.map((name, at) => [name, at]));
    report.images.sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
    for (const line of comparisonLines(report, { style: terminal.stdoutStyle, marks: terminal.stdoutDecorated })) terminal.out(line);
    if (input.out) {
      await writeComparison(
        path.resolve(context.cwd, input.out),
        report,
        run.parts.map(({ view }) => view),
      );
      const rows = report.images.length * report.models.length;
      terminal.err(
        `Wrote ${rows} answer${rows === 1 ? '' : 's'} (${report.images.length} images × ${report.models.length} models) to ${input.out}`,
      );
    }
    return allAnswered(report) && !run.stopped ? EXIT.allSucceeded : EXIT.someFailed;
  } finally {
    interrupt.dispose();
  }
}

/** Each upload part with the labels of its own images only. */
async function labelledParts(context: CommandContext, input: AnalyzeComparisonInput): Promise<ComparisonPart[]> {
  const { labels } = input;
  if (labels?.kind === 'folders') {
    const atTop = input.parts.flat().filter((image) => image.folder !== undefined && !image.name.includes('/')).length;
    if (atTop > 0) {
      const hint = `${atTop} photo${atTop === 1 ? ' sits' : 's sit'} directly in the folder given, so no folder below it names a label`;
      context.terminal.err(
        context.terminal.stderrStyle.yellow(`${hint}: give the folder above the label folders (dataset, not dataset/dog).`),
      );
    }
    return input.parts.map((images) => {
      const entries = images.flatMap((image) => {
        const label = labelFromFolder(image);
        return label ? [{ file: image.name, label }] : [];
      });
      return { images, labelsCsv: entries.length ? labelsCsv(entries) : undefined };
    });
  }
  if (labels?.kind === 'csv') {
    const rows = splitLabelsCsv(await readLabelsFile(context, labels.file));
    const names = input.parts.flat().map((image) => image.name);
    const strays = rowsNamingNoPhoto(rows, names);
    if (strays.length > 0) {
      const listed =
        strays
          .slice(0, 3)
          .map((row) => `line ${row.line}: ${row.file}`)
          .join(', ') + (strays.length > 3 ? ', …' : '');
      context.terminal.err(
        context.terminal.stderrStyle.dim(
          `${labels.file}: ${strays.length} row${strays.length === 1 ? ' names' : 's name'} no photo given here (${listed})`,
        ),
      );
    }
    return input.parts.map((images, position) => ({
      images,
      labelsCsv: labelsCsvFor(
        rows,
        images.map((image) => image.name),
        position === 0,
      ),
    }));
  }
  return input.parts.map((images) => ({ images }));
}

async function readLabelsFile(context: CommandContext, file: string): Promise<string> {
  try {
    return await readFile(path.resolve(context.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read --labels ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`,
    );
  }
}
