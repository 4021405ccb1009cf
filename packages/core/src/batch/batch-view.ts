import { readFile } from 'node:fs/promises';
import { DomainError, notFound } from '../errors';
import { computeFieldFigures } from '../fields/field-stats';
import { canRunAgain } from '../retry/can-run-again';
import type { BatchView } from '../schemas';
import type { BatchFiles } from './batch-files';
import type { BatchRepository, StoredBatch, StoredItem } from './repository';
import { keptImages } from './stored-images';

export type LoadedBatch = { batch: StoredBatch; items: StoredItem[] };

/** The stored batch, or the `batch-not-found` refusal. */
export async function loadBatch(repository: Pick<BatchRepository, 'getBatch'>, batchId: string): Promise<LoadedBatch> {
  const stored = await repository.getBatch(batchId);
  if (!stored) throw notFound('batch', batchId);
  return stored;
}

/** A stored batch as clients see it; `kept` lists the items whose image is still on disk (none by default). */
export function toBatchView({ batch, items }: LoadedBatch, kept: ReadonlySet<number> = new Set()): BatchView {
  return {
    batchId: batch.batchId,
    model: batch.model,
    prompt: batch.prompt,
    status: batch.status,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    stats: statsWithFields({ batch, items }),
    comparisonId: batch.comparisonId,
    ...(batch.fields ? { fields: batch.fields } : {}),
    items: items.map(({ index, filename, size, status, result, label }) => ({
      index,
      filename,
      size,
      status,
      result,
      label,
      retryable: kept.has(index) && canRunAgain({ status, result }),
    })),
  };
}

/** A batch with fields: its stats add up each field's answers (counts per value, sums and means). */
function statsWithFields({ batch, items }: LoadedBatch): BatchView['stats'] {
  if (!batch.fields || !batch.stats) return batch.stats;
  return {
    ...batch.stats,
    fields: computeFieldFigures(
      batch.fields,
      items.map((item) => item.result?.fields),
    ),
  };
}

/** The batch's current view, each item saying whether it can run again. */
export async function viewBatch(
  deps: { repository: Pick<BatchRepository, 'getBatch'>; files: BatchFiles },
  batchId: string,
): Promise<BatchView> {
  const stored = await loadBatch(deps.repository, batchId);
  // Only an item that failed or was cancelled may run again, and only while its image is kept.
  const candidates = stored.items.filter((item) => canRunAgain(item)).map((item) => item.index);
  return toBatchView(stored, new Set(await keptImages(deps.files, batchId, candidates)));
}

/** The item's thumbnail, or the `thumbnail-not-found` refusal (not prepared yet, no such item or batch). */
export async function thumbnailOf(repository: Pick<BatchRepository, 'getThumbnail'>, batchId: string, index: number): Promise<Buffer> {
  const thumbnail = Number.isInteger(index) && index >= 0 ? await repository.getThumbnail(batchId, index) : undefined;
  if (!thumbnail) throw new DomainError('thumbnail-not-found', 'No thumbnail for this image (yet).');
  return thumbnail;
}

/** The item's prepared image as stored, or the `thumbnail-not-found` refusal (no such item, not prepared, or removed). */
export async function preparedImageOf(
  repository: Pick<BatchRepository, 'getBatch'>,
  files: Pick<BatchFiles, 'preparedPath'>,
  batchId: string,
  index: number,
): Promise<Buffer> {
  const { items } = await loadBatch(repository, batchId);
  const item = Number.isInteger(index) ? items.find((candidate) => candidate.index === index) : undefined;
  const image = item ? await readFile(files.preparedPath(batchId, item.index)).catch(() => undefined) : undefined;
  if (!image) throw new DomainError('thumbnail-not-found', 'No prepared image for this photo (yet).');
  return image;
}
