import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TBatchStats } from '@vision/api-contract';
import type { FieldSpec } from '@vision/core/fields';
import type { ItemErrorCode } from '@vision/core/schemas';
import type { VisionClient } from '../../vision-client';
import { listenForInterrupt } from '../context';
import { EXIT } from '../exit-codes';
import { mebibytes, statsLines } from '../format';
import type { LocalImage } from '../images/collect-images';
import { planBatches, type BatchLimits } from '../images/plan-batches';
import { ProgressBar } from '../progress-bar';
import { relativeName, type OutputTarget } from '../results/output-target';
import { resultsTable } from '../results/results-table';
import { failedResult, mergeStats, type ResultRow } from '../results/run-results';
import { writeCaptions } from '../results/write-captions';
import { writeResults } from '../results/write-results';
import { reopenBatches } from '../run/reopen-batches';
import { journalFileFor, RunJournal } from '../run/run-journal';
import { RunState, stampOf } from '../run/run-state';
import type { Terminal } from '../terminal';
import { runBatches } from './run-batches';

export interface AnalyzeDatasetInput {
  images: LocalImage[];
  limits: BatchLimits;
  model: string;
  prompt?: string | undefined;
  concurrency?: number | undefined;
  /** The questions asked of every image; today's main entity question when absent. */
  fields?: FieldSpec[] | undefined;
  output?: OutputTarget | undefined;
  /** Start over even if the output has an unfinished run's journal. */
  fresh: boolean;
  /** --quiet: no results table when they go to a file. */
  quiet: boolean;
}

/**
 * `analyze ... --model <id>`: every image once, in batches kept back to back on the server. With an output file
 * the run is journalled beside it, so the same command run again continues: images with a result are not sent
 * again and batches still on the server are followed, not resent. The output is rewritten whole (atomically)
 * after every batch and at the end, when it has exactly one row per image.
 */
export async function analyzeDataset(client: VisionClient, terminal: Terminal, input: AnalyzeDatasetInput): Promise<number> {
  const { images, output } = input;
  const style = terminal.stderrStyle;
  const identity = {
    model: input.model,
    prompt: input.prompt ?? null,
    format: output?.format ?? 'none',
    ...(input.fields ? { fields: JSON.stringify(input.fields) } : {}),
  };
  // The captions' --out folder holds the journal: it is made before the first image is sent.
  if (output?.format === 'captions') await mkdir(path.dirname(output.file), { recursive: true });
  const opened = output ? await RunJournal.open(journalFileFor(output.file), identity, { fresh: input.fresh }) : undefined;
  const state = new RunState(opened?.journal, opened?.previous);
  const interrupt = listenForInterrupt();
  try {
    const resumed = await reopenBatches(client, terminal, state, RunState.openBatches(opened?.previous, images));
    const onServer = new Set(resumed.flatMap((batch) => batch.images.map((image) => image.path)));
    const plan = planBatches(
      images.filter((image) => !state.has(image) && !onServer.has(image.path)),
      input.limits,
    );
    for (const image of plan.tooLarge) terminal.error(`${style.red('FAIL')}  ${image.name}  ${tooLargeError(image, input.limits)}`);
    const writer = new OutputWriter(input, state, new Set(plan.tooLarge.map((image) => image.path)));
    const done = images.filter((image) => state.has(image)).length;
    if (opened?.previous) {
      const still = resumed.length ? `, ${resumed.length} batch${resumed.length === 1 ? '' : 'es'} still on the server` : '';
      terminal.err(
        `Continuing an unfinished run (${opened.journal.file}): ${done} of ${images.length} images have results${still}; --fresh starts over`,
      );
    }
    if (plan.batches.length > 1) {
      terminal.err(
        `${plan.batches.flat().length} images in ${plan.batches.length} batches (${plan.batches.map((batch) => batch.length).join(' + ')})`,
      );
      if (!output)
        terminal.err(style.dim('Without --out nothing is kept if the run is interrupted: give --out <file> to make it resumable.'));
    }

    const bar = new ProgressBar(terminal, images.length - plan.tooLarge.length, { done });
    state.onBatchEnd = () => writer.schedule();
    const run = await runBatches(client, terminal, {
      resumed,
      batches: plan.batches.map((batch) => batch.map(stampOf)),
      model: input.model,
      prompt: input.prompt,
      concurrency: input.concurrency,
      fields: input.fields,
      signal: interrupt.signal,
      state,
      bar,
    }).catch(async (error: unknown) => {
      await writer.write().catch(() => undefined); // what arrived is kept in the output too
      throw error;
    });

    const { rows, stats, complete } = await writer.write(
      run.stopped ? { error: 'not sent: the run was stopped', code: 'not-sent' } : { error: 'not finished', code: 'not-finished' },
    );
    if (opened && complete) await opened.journal.remove();
    else if (opened)
      terminal.err(style.yellow(`${writer.missing().length} images have no result yet: run the same command again to continue.`));
    if (run.stopped === 'interrupted') return EXIT.interrupted;

    if (!(input.quiet && output)) {
      const out = terminal.stdoutStyle;
      const tableRows = rows.map((row) => ({ name: row.name, status: row.result.success ? 'success' : 'error', result: row.result }));
      for (const line of resultsTable(tableRows, out)) terminal.out(line);
      terminal.out('');
      for (const line of statsLines(stats, out)) terminal.out(line);
    }
    return stats.failed > 0 || run.stopped ? EXIT.someFailed : EXIT.allSucceeded;
  } finally {
    interrupt.dispose();
    opened?.journal.close();
  }
}

const tooLargeError = (image: LocalImage, limits: BatchLimits) =>
  `${mebibytes(image.size)} is more than a batch may upload (${mebibytes(limits.maxBytes)}); not sent`;

/** The run's rows, and the output file kept up to date with them (one write at a time). */
class OutputWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly startedAt = Date.now();

  constructor(
    private readonly input: AnalyzeDatasetInput,
    private readonly state: RunState,
    private readonly tooLarge: ReadonlySet<string>,
  ) {}

  /** Images still without a result (the ones too large for any batch have theirs). */
  missing(): LocalImage[] {
    return this.input.images.filter((image) => !this.state.has(image) && !this.tooLarge.has(image.path));
  }

  /** Rewrites the output after a batch, in the background; a failure shows in the final write. */
  schedule(): void {
    this.write().catch(() => undefined);
  }

  /**
   * One row per image in the order found; an image without a result gets one saying why (`missing`) for the
   * table. The file holds such rows only once the run is complete: until then it holds the answers so far.
   */
  async write(missing?: { error: string; code: ItemErrorCode }): Promise<{ rows: ResultRow[]; stats: TBatchStats; complete: boolean }> {
    const { images, limits, output, model, prompt, fields } = this.input;
    const entries: Array<{ image: LocalImage; row: ResultRow; answered: boolean }> = [];
    for (const image of images) {
      const row = this.state.row(image);
      const why = this.tooLarge.has(image.path) ? { error: tooLargeError(image, limits), code: 'not-sent' as const } : missing;
      const answered = row !== undefined || this.tooLarge.has(image.path);
      if (row || why)
        entries.push({
          image,
          row: row ?? { name: image.name, batchId: null, result: failedResult(image.name, why!.error, 0, why!.code) },
          answered,
        });
    }
    const rows = entries.map((entry) => entry.row);
    const wallS = (this.state.earlierWallMs + Date.now() - this.startedAt) / 1000;
    const complete = this.missing().length === 0;
    if (output) {
      const kept = complete ? entries : entries.filter((entry) => entry.answered);
      const root = output.root;
      const named = kept.map(({ image, row }) => (root === undefined ? row : { ...row, name: relativeName(root, image.path) }));
      const summary = {
        model,
        prompt: prompt ?? null,
        fields,
        batchIds: this.state.batchIds,
        rows: named,
        stats: mergeStats(named, [wallS]),
      };
      const format = output.format;
      const write = async () =>
        format === 'captions'
          ? void (await writeCaptions(
              kept.map(({ image, row }) => ({ path: image.path, name: image.name, result: row.result })),
              fields,
              root,
            ))
          : writeResults(output.file, summary, format);
      // One write at a time, in order: the last one holds the most.
      const written = this.queue.then(write, write);
      this.queue = written.catch(() => undefined);
      await written;
    }
    return { rows, stats: mergeStats(rows, [wallS]), complete };
  }
}
