import type { TItemResult } from '@vision/api-contract';
import { isCancelled } from '@vision/core/stats';
import type { LocalImage } from '../images/collect-images';
import type { ResultRow } from '../results/run-results';
import type { ImageStamp, JournalState, RunJournal } from './run-journal';

/** One image of a batch as it was sent, under the name results show it by. */
export interface SentImage extends ImageStamp {
  name: string;
}

/** A batch of this run that is already on the server: sent now, or by an earlier session and not seen to end. */
export interface ServerBatch {
  batchId: string;
  images: SentImage[];
}

interface Known {
  batchId: string;
  result: TItemResult;
  stamp: ImageStamp;
}

export const stampOf = (image: LocalImage): SentImage => ({ path: image.path, size: image.size, mtimeMs: image.mtimeMs, name: image.name });
const sameFile = (a: ImageStamp, b: ImageStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * What a run knows: each image's latest result, by path, and the batches it sent. Everything it learns is also
 * written to the run's journal, when it has one, so the next session starts from here.
 */
export class RunState {
  private readonly known = new Map<string, Known>();
  readonly batchIds: string[] = [];
  /** Wall time of earlier sessions. */
  readonly earlierWallMs: number;

  constructor(
    private readonly journal?: RunJournal,
    previous?: JournalState,
  ) {
    this.earlierWallMs = previous?.wallMs ?? 0;
    if (!previous) return;
    this.batchIds.push(...previous.batches.keys());
    for (const { batchId, index, result } of previous.results) {
      const stamp = previous.batches.get(batchId)?.images[index];
      if (stamp) this.remember(batchId, stamp, result);
    }
  }

  /** The batches an earlier session sent and did not see end, with their images named as this run names them. */
  static openBatches(previous: JournalState | undefined, images: readonly LocalImage[]): ServerBatch[] {
    if (!previous) return [];
    const byPath = new Map(images.map((image) => [image.path, image]));
    return [...previous.batches]
      .filter(([, batch]) => !batch.ended)
      .map(([batchId, batch]) => ({
        batchId,
        images: batch.images.map((stamp) => ({ ...stamp, name: byPath.get(stamp.path)?.name ?? stamp.path })),
      }));
  }

  /** Whether the image, as it is on disk now, has a result (a failure counts: only a cancelled image is sent again). */
  has(image: LocalImage): boolean {
    const known = this.known.get(image.path);
    return known !== undefined && sameFile(known.stamp, image);
  }

  row(image: LocalImage): ResultRow | undefined {
    const known = this.known.get(image.path);
    if (!known || !sameFile(known.stamp, image)) return undefined;
    return { name: image.name, batchId: known.batchId, result: known.result };
  }

  uploaded(batch: ServerBatch): void {
    this.batchIds.push(batch.batchId);
    this.journal?.recordBatch(
      batch.batchId,
      batch.images.map(({ path, size, mtimeMs }) => ({ path, size, mtimeMs })),
    );
  }

  /** Takes an image's result from the server; answers false when it was known already (a batch followed again). */
  record(batch: ServerBatch, result: TItemResult): boolean {
    const image = batch.images[result.index];
    if (!image) return false;
    const known = this.known.get(image.path);
    if (known?.batchId === batch.batchId && known.result.index === result.index && known.result.success === result.success) return false;
    if (!this.remember(batch.batchId, image, result)) return true;
    this.journal?.recordResult(batch.batchId, result.index, result);
    return true;
  }

  /** Told when a batch has ended, e.g. to bring the output file up to date. */
  onBatchEnd: (() => void) | undefined;

  ended(batchId: string, status: string): void {
    this.journal?.recordBatchEnd(batchId, status);
    this.onBatchEnd?.();
  }

  private remember(batchId: string, stamp: ImageStamp, result: TItemResult): boolean {
    // A cancelled image has no answer: the next session sends it again.
    if (isCancelled(result)) return false;
    this.known.set(stamp.path, { batchId, result, stamp });
    return true;
  }
}
