import { copyFile, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file as the upload left it, before its batch adopts it. */
export interface UploadedImage {
  /** The name the user gave the file: shown and returned, never used as a path. */
  filename: string;
  /** Where the upload was streamed to on disk. */
  path: string;
  size: number;
}

/**
 * A batch's files under DATA_DIR: the originals until their prepared image exists (so a batch survives a crash),
 * and the prepared images, which retries reuse, until the batch is deleted. Names are generated: the user's
 * file name is data, never a path.
 */
export interface BatchFiles {
  adoptUploads(batchId: string, files: ReadonlyArray<UploadedImage>): Promise<void>;
  originalPath(batchId: string, index: number): string;
  preparedPath(batchId: string, index: number): string;
  exists(file: string): Promise<boolean>;
  /** Writes atomically, so a crash never leaves half a prepared image that looks whole. */
  writePrepared(batchId: string, index: number, data: Buffer): Promise<void>;
  removeOriginal(batchId: string, index: number): Promise<void>;
  removeBatch(batchId: string): Promise<void>;
}

export function createBatchFiles(rootDir: string): BatchFiles {
  const batchDir = (batchId: string) => {
    if (!/^[\w-]+$/.test(batchId)) throw new Error(`invalid batch id ${JSON.stringify(batchId)}`);
    return path.join(rootDir, batchId);
  };
  const originalPath = (batchId: string, index: number) => path.join(batchDir(batchId), `${index}.original`);
  const preparedPath = (batchId: string, index: number) => path.join(batchDir(batchId), `${index}.prepared.jpg`);

  return {
    originalPath,
    preparedPath,
    async adoptUploads(batchId, files) {
      await mkdir(batchDir(batchId), { recursive: true, mode: 0o700 });
      await Promise.all(files.map((file, index) => moveFile(file.path, originalPath(batchId, index))));
    },
    exists: (file) =>
      stat(file).then(
        () => true,
        () => false,
      ),
    async writePrepared(batchId, index, data) {
      const target = preparedPath(batchId, index);
      const partial = `${target}.partial`;
      await writeFile(partial, data, { mode: 0o600 });
      await rename(partial, target);
    },
    removeOriginal: (batchId, index) => rm(originalPath(batchId, index), { force: true }),
    removeBatch: (batchId) => rm(batchDir(batchId), { recursive: true, force: true }),
  };
}

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    // Uploads normally stream inside DATA_DIR, but a temporary folder on another disk cannot be renamed across.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
}
