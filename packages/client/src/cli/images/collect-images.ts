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
  /** When the file last changed: with the size, how a resumed run tells that an image is still the one it analysed. */
  mtimeMs: number;
  /** The folder, as given on the command line, it was found in; unset for a file named directly. */
  folder?: string | undefined;
}

export interface CollectedImages {
  images: LocalImage[];
  /** Files left out, each with its reason, for a note on stderr. */
  skipped: Array<{ name: string; reason: string }>;
}

/** A path read from a list (`analyze -` reads them from stdin): a missing one is skipped with a note, not an error. */
export interface ListedPath {
  listed: string;
}

export const isSupportedImage = (file: string): boolean =>
  (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());

/**
 * Expands the command line's files and folders (folders recursively, in name order) into the images to
 * analyse. Unsupported files are skipped with a reason; a path that does not exist is a usage error.
 */
export async function collectImages(inputs: ReadonlyArray<string | ListedPath>, cwd: string): Promise<CollectedImages> {
  const images: LocalImage[] = [];
  const skipped: CollectedImages['skipped'] = [];
  const seen = new Set<string>();

  const addFile = async (absolute: string, name: string, info: { size: number; mtimeMs: number }, folder?: string) => {
    if (!isSupportedImage(absolute)) {
      skipped.push({ name, reason: `not a supported image (${IMAGE_EXTENSIONS.join(' ')})` });
      return;
    }
    const real = await realpath(absolute);
    if (seen.has(real)) return;
    seen.add(real);
    images.push({ path: absolute, name, size: info.size, mtimeMs: info.mtimeMs, folder });
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
      else if (info.isFile()) await addFile(absolute, name, info, given);
    }
  };

  for (const entry of inputs) {
    const input = typeof entry === 'string' ? entry : entry.listed;
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info && typeof entry !== 'string') skipped.push({ name: input, reason: 'no such file or folder' });
    else if (!info) throw new UsageError(`No such file or folder: ${input}`);
    else if (info.isDirectory()) await walk(input, absolute, absolute, new Set());
    else await addFile(absolute, toPosix(path.normalize(input)), info);
  }
  return { images, skipped };
}

const toPosix = (file: string) => file.split(path.sep).join('/');

/** `analyze -`: the paths on stdin, one per line (Windows line ends and blank lines are fine), in order. */
export async function readListedPaths(
  stdin: AsyncIterable<string | Buffer> | Iterable<string | Buffer> | undefined,
): Promise<ListedPath[]> {
  if (!stdin) throw new UsageError('"-" reads image paths from stdin, but there is no stdin to read.');
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((listed) => ({ listed }));
}
