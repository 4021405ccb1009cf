import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../usage-error';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.webp'] as const;

export interface LocalImage {
  /** Absolute path on disk. */
  path: string;
  /** How results name it: relative to the folder it was found in, or the path as given for a file. */
  name: string;
  size: number;
  /** The folder, as given on the command line, it was found in; unset for a file named directly. */
  folder?: string | undefined;
}

export interface CollectedImages {
  images: LocalImage[];
  /** Files left out, each with its reason, for a note on stderr. */
  skipped: Array<{ name: string; reason: string }>;
}

export const isSupportedImage = (file: string): boolean =>
  (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());

/**
 * Expands the command line's files and folders (folders recursively, in name order) into the images to
 * analyse. Unsupported files are skipped with a reason; a path that does not exist is a usage error.
 */
export async function collectImages(inputs: readonly string[], cwd: string): Promise<CollectedImages> {
  const images: LocalImage[] = [];
  const skipped: CollectedImages['skipped'] = [];
  const seen = new Set<string>();

  const addFile = async (absolute: string, name: string, size: number, folder?: string) => {
    if (!isSupportedImage(absolute)) {
      skipped.push({ name, reason: `not a supported image (${IMAGE_EXTENSIONS.join(' ')})` });
      return;
    }
    const real = await realpath(absolute);
    if (seen.has(real)) return;
    seen.add(real);
    images.push({ path: absolute, name, size, folder });
  };

  const walk = async (given: string, root: string, dir: string, visited: Set<string>) => {
    const real = await realpath(dir);
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      const name = toPosix(path.relative(root, absolute));
      if (entry.name.startsWith('.')) continue; // .git, .DS_Store, macOS "._photo.jpg" companions
      const info = await stat(absolute).catch(() => undefined);
      if (!info) skipped.push({ name, reason: 'unreadable (broken link?)' });
      else if (info.isDirectory()) await walk(given, root, absolute, visited);
      else if (info.isFile()) await addFile(absolute, name, info.size, given);
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`No such file or folder: ${input}`);
    if (info.isDirectory()) await walk(input, absolute, absolute, new Set());
    else await addFile(absolute, toPosix(path.normalize(input)), info.size);
  }
  return { images, skipped };
}

const toPosix = (file: string) => file.split(path.sep).join('/');
