import { rememberDroppedPath } from './relative-path';

/**
 * The files of a drop, folders included (read recursively through the File and Directory Entries API).
 * A DataTransfer is emptied once its event returns, so its entries are taken synchronously here and read later.
 */
export function takeDroppedFiles(transfer: DataTransfer): () => Promise<File[]> {
  const plainFiles = [...transfer.files];
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (!entries.some((entry) => entry?.isDirectory)) return () => Promise.resolve(plainFiles);
  return async () => {
    const nested = await Promise.all(entries.map((entry) => (entry ? readEntry(entry) : Promise.resolve([]))));
    return nested.flat();
  };
}

async function readEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.name.startsWith('.')) return []; // .DS_Store, ._photo.jpg and friends
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    rememberDroppedPath(file, entry.fullPath);
    return [file];
  }
  if (!isDirectory(entry)) return [];
  const reader = entry.createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in chunks (100 in Chromium) until it returns an empty list.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) break;
    children.push(...chunk);
  }
  children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  return (await Promise.all(children.map(readEntry))).flat();
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
