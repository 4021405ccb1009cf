import type { FieldSpec } from '@vision/core/fields';
import type { ComparisonView, VisionClient } from '../../vision-client';
import type { LocalImage } from '../images/collect-images';
import { ProgressBar } from '../progress-bar';
import type { Terminal } from '../terminal';
import { watchBatch } from '../watch-batch';

export interface ComparisonPart {
  images: LocalImage[];
  /** The ground truth for this part's images, as CSV text; none when nothing is labelled. */
  labelsCsv?: string | undefined;
}

export interface RunComparisonsInput {
  parts: ComparisonPart[];
  models: string[];
  prompt?: string | undefined;
  concurrency?: number | undefined;
  fields?: FieldSpec[] | undefined;
  truthField?: string | undefined;
  /** Where the labels come from, for warnings ("labels.csv"); unset when there are none to expect. */
  labelsFrom?: string | undefined;
  signal: AbortSignal;
}

export interface RunComparisonsOutcome {
  /** Every part that was uploaded, with its comparison's view once its models had finished. */
  parts: Array<{ images: LocalImage[]; view: ComparisonView }>;
  /** Images of the parts not sent because the run stopped early. */
  notSent: LocalImage[];
  /** Ctrl-C (after cancelling on the server), or a model's batch cancelled elsewhere. */
  stopped?: 'interrupted' | 'cancelled' | undefined;
}

const LISTED_NAMES = 5;

/**
 * Uploads the parts one after another, each as one comparison, and follows each model's batch in turn
 * (the server runs them one after another: one GPU holds one model at a time). Finished images are printed
 * as they come, per model. On Ctrl-C the running comparison is cancelled on the server before returning.
 */
export async function runComparisons(client: VisionClient, terminal: Terminal, input: RunComparisonsInput): Promise<RunComparisonsOutcome> {
  const style = terminal.stderrStyle;
  const total = input.parts.reduce((sum, part) => sum + part.images.length, 0) * input.models.length;
  const bar = new ProgressBar(terminal, total);
  const outcome: RunComparisonsOutcome = { parts: [], notSent: [] };
  const reportedProblems = new Set<string>();
  let running: { comparisonId: string; batchIds: string[] } | undefined;
  try {
    for (const [position, part] of input.parts.entries()) {
      const partLabel = input.parts.length > 1 ? `part ${position + 1}/${input.parts.length}` : '';
      // Every other part runs the models in reverse, so the model loaded last goes on: one model swap fewer.
      const models = position % 2 === 0 ? input.models : [...input.models].reverse();
      bar.setLabel(partLabel ? `${partLabel} uploading` : 'uploading');
      const uploaded = await client.uploadComparison({
        files: part.images.map((image) => ({ name: image.name, path: image.path })),
        models,
        labelsCsv: part.labelsCsv,
        prompt: input.prompt,
        concurrency: input.concurrency,
        fields: input.fields,
        truthField: input.truthField,
        signal: input.signal,
      });
      running = uploaded;
      const count = `${part.images.length} image${part.images.length === 1 ? '' : 's'}`;
      terminal.err(
        style.dim(`Comparison ${uploaded.comparisonId}${partLabel ? ` (${partLabel})` : ''}: ${count} with ${models.join(', ')}`),
      );
      for (const problem of uploaded.labelProblems) {
        if (!reportedProblems.has(problem)) terminal.err(style.yellow(`${input.labelsFrom ?? 'labels'}: ${problem}`));
        reportedProblems.add(problem);
      }
      if (input.labelsFrom)
        warnUnlabelled(terminal, await client.comparisons.get.query({ comparisonId: uploaded.comparisonId }), part.images);

      let stoppedElsewhere = false;
      for (const [index, batchId] of uploaded.batchIds.entries()) {
        const model = models[index] ?? batchId;
        terminal.err(style.dim(`Batch ${batchId}: ${model}`));
        bar.setLabel([model, partLabel].filter(Boolean).join(' · '));
        const nameOf = (result: { index: number; filename: string }) => part.images[result.index]?.name ?? result.filename;
        const watched = await watchBatch(client, batchId, { terminal, bar, nameOf, signal: input.signal });
        if (watched.status !== 'completed') stoppedElsewhere = true;
      }
      running = undefined;
      outcome.parts.push({ images: part.images, view: await client.comparisons.get.query({ comparisonId: uploaded.comparisonId }) });
      if (stoppedElsewhere) {
        terminal.err(style.yellow(`Comparison ${uploaded.comparisonId} was stopped on the server; not starting the rest.`));
        outcome.stopped = 'cancelled';
        outcome.notSent = input.parts.slice(position + 1).flatMap((rest) => rest.images);
        break;
      }
    }
  } catch (error) {
    bar.stop();
    if (!input.signal.aborted) {
      if (running)
        terminal.err(
          style.yellow(
            `Comparison ${running.comparisonId} goes on on the server: "vision-batch compare ${running.comparisonId}" shows how it ends.`,
          ),
        );
      throw error;
    }
    outcome.stopped = 'interrupted';
    await cancelComparisonOnServer(client, terminal, running);
  } finally {
    bar.stop();
  }
  return outcome;
}

function warnUnlabelled(terminal: Terminal, view: ComparisonView, images: readonly LocalImage[]): void {
  const unlabelled = view.images.filter((image) => image.label === null).map((image) => images[image.index]?.name ?? image.filename);
  if (unlabelled.length === 0) return;
  const listed =
    unlabelled.slice(0, LISTED_NAMES).join(', ') +
    (unlabelled.length > LISTED_NAMES ? `, and ${unlabelled.length - LISTED_NAMES} more` : '');
  const what = `${unlabelled.length} of ${view.images.length} photo${view.images.length === 1 ? '' : 's'}`;
  terminal.err(terminal.stderrStyle.yellow(`${what} without a label (left out of the accuracy): ${listed}`));
}

/**
 * After Ctrl-C: cancels every model's batch of the running comparison, the last first, so a model still
 * waiting its turn is settled before the running one ends and would start it.
 */
async function cancelComparisonOnServer(
  client: VisionClient,
  terminal: Terminal,
  running: { comparisonId: string; batchIds: string[] } | undefined,
): Promise<void> {
  const style = terminal.stderrStyle;
  if (!running) {
    terminal.err(style.yellow('Interrupted before the server took the comparison: nothing to cancel.'));
    return;
  }
  terminal.err(style.yellow(`Interrupted: cancelling comparison ${running.comparisonId} on the server…`));
  for (const batchId of [...running.batchIds].reverse()) {
    try {
      await client.batches.cancel.mutate({ batchId }, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      terminal.err(style.red(`Could not cancel batch ${batchId}: ${(error as Error).message}`));
    }
  }
  terminal.err(`Comparison ${running.comparisonId} cancelled: "vision-batch compare ${running.comparisonId}" shows what had finished.`);
}
