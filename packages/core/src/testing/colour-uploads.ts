import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { solidImage, type ColourName } from '@vision/testkit';

/**
 * For the batch service's tests: one solid-colour PNG per colour, written under `root` as the upload receiver
 * leaves them (`<index>.upload`, the user's name kept as data), with the cleanup the service must call.
 */
export async function colourUploads(root: string, colours: ColourName[]) {
  const dir = await mkdtemp(path.join(root, 'upload-'));
  const files = await Promise.all(
    colours.map(async (colour, index) => {
      const file = path.join(dir, `${index}.upload`);
      const data = await solidImage(colour);
      await writeFile(file, data);
      return { filename: `${colour}.png`, path: file, size: data.length };
    }),
  );
  return { files, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
