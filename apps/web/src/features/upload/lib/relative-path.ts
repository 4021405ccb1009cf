/**
 * Where a photo sat inside a dropped or picked folder ("holiday/dogs/1.jpg"), or null for a loose file. A file
 * picked through a folder input carries it (webkitRelativePath); a file read from a dropped folder's entries
 * does not, so the entry's path is kept beside the file here.
 */
const droppedPaths = new WeakMap<File, string>();

export function rememberDroppedPath(file: File, entryPath: string): void {
  droppedPaths.set(file, entryPath.replace(/^\/+/, ''));
}

export function relativePathOf(file: File): string | null {
  const path = file.webkitRelativePath || droppedPaths.get(file) || '';
  return path.includes('/') ? path : null;
}
