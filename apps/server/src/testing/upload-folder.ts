import { watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface UploadFolderRecord {
  /** The most bytes seen on disk at once, over every request folder. */
  maxBytes: number;
  /** The most files seen at once. */
  maxFiles: number;
  /** Every file name seen, by sampling or by a file-system event. */
  names: Set<string>;
}

/**
 * Watches DATA_DIR/uploads while a test uploads: samples the folder every few milliseconds (sizes) and listens
 * to file-system events (names, so a file that exists only briefly is still seen).
 */
export function watchUploadFolder(uploadDir: string): { stop(): Promise<UploadFolderRecord> } {
  const record: UploadFolderRecord = { maxBytes: 0, maxFiles: 0, names: new Set() };
  const watcher = watch(uploadDir, { recursive: true }, (_event, name) => {
    if (name && name.includes(path.sep)) record.names.add(path.basename(name));
  });
  let sampling: Promise<void> | undefined;
  const sample = async () => {
    let bytes = 0;
    let files = 0;
    for (const dir of await readdir(uploadDir).catch(() => [])) {
      for (const file of await readdir(path.join(uploadDir, dir)).catch(() => [])) {
        record.names.add(file);
        files += 1;
        bytes += (await stat(path.join(uploadDir, dir, file)).catch(() => undefined))?.size ?? 0;
      }
    }
    record.maxBytes = Math.max(record.maxBytes, bytes);
    record.maxFiles = Math.max(record.maxFiles, files);
  };
  const timer = setInterval(() => {
    sampling ??= sample().finally(() => (sampling = undefined));
  }, 5);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      watcher.close();
      return record;
    },
  };
}
