import { readFile } from 'node:fs/promises';
import { prepareImage, probeImage, sniffFile, SNIFF_ITEM_ERRORS, type PreparedImage, type PrepareOptions } from '../images';
import type { BatchFiles } from './batch-files';
import type { BatchRepository, StoredItem } from './repository';
import type { ItemFailure } from './item-result';
import type { BatchItemInput } from './run-batch';
import { makeThumbnail } from './thumbnail';

/** A stored item as the runner takes it: refused at once when its original is gone or is not an image. */
export async function toRunItem(files: BatchFiles, batchId: string, item: StoredItem): Promise<BatchItemInput> {
  const original = files.originalPath(batchId, item.index);
  const run = { index: item.index, filename: item.filename, path: original, rejection: null as ItemFailure | null };
  if (await files.exists(files.preparedPath(batchId, item.index))) return run;
  if (!(await files.exists(original))) {
    return { ...run, rejection: { code: 'file-not-kept', message: 'the file was refused before and is not kept; upload a fixed copy' } };
  }
  const sniffed = await sniffFile(original);
  return { ...run, rejection: sniffed.ok ? null : { code: SNIFF_ITEM_ERRORS[sniffed.rejection], message: sniffed.reason } };
}

export interface PrepareStoredDeps {
  files: BatchFiles;
  repository: Pick<BatchRepository, 'saveThumbnail'>;
  prepareOptions: PrepareOptions;
}

/** The item's prepared image: the kept one (a resumed or retried item), else prepared now and kept. */
export async function prepareStored(deps: PrepareStoredDeps, batchId: string, item: BatchItemInput): Promise<PreparedImage> {
  const { files } = deps;
  const preparedPath = files.preparedPath(batchId, item.index);
  if (await files.exists(preparedPath)) {
    const data = await readFile(preparedPath);
    const probe = await probeImage(preparedPath);
    return {
      data,
      mime: 'image/jpeg',
      width: probe.width,
      height: probe.height,
      sourceFormat: 'jpeg',
      sourceWidth: probe.width,
      sourceHeight: probe.height,
      bytes: data.length,
    };
  }
  const image = await prepareImage(item.path, deps.prepareOptions);
  // Side by side: the image waits for both before it is sent, and the original goes only after both.
  await Promise.all([
    files.writePrepared(batchId, item.index, image.data),
    makeThumbnail(image.data).then((thumbnail) => deps.repository.saveThumbnail(batchId, item.index, thumbnail)),
  ]);
  await files.removeOriginal(batchId, item.index);
  return image;
}

/** The indexes whose image is still kept (prepared or original): a file that was itself refused is not. */
export async function keptImages(files: BatchFiles, batchId: string, indexes: ReadonlyArray<number>): Promise<number[]> {
  const kept = await Promise.all(
    indexes.map(
      async (index) => (await files.exists(files.preparedPath(batchId, index))) || (await files.exists(files.originalPath(batchId, index))),
    ),
  );
  return indexes.filter((_, position) => kept[position]);
}
