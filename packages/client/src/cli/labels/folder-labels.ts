import path from 'node:path';
import type { LocalImage } from '../images/collect-images';

/**
 * `--labels-from-folders`: an image's label is the name of the folder it sits in, below the folder given on
 * the command line (`dataset/dog/puppies.jpg` -> "dog", `dataset/pets/cat/1.jpg` -> "cat"); an image given
 * as a file takes the name of its own folder. Images directly in the given folder have none. Underscores
 * read as spaces ("golden_retriever"); the server normalises the rest ("Dogs" -> "dog").
 */
export function labelFromFolder(image: LocalImage): string | null {
  const folder = image.folder === undefined ? path.basename(path.dirname(image.path)) : relativeFolder(image.name);
  const label = folder?.replace(/_+/g, ' ').trim();
  return label ? label : null;
}

function relativeFolder(name: string): string | undefined {
  const folder = path.posix.dirname(name);
  return folder === '.' ? undefined : path.posix.basename(folder);
}
