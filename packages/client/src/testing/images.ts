import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { solidImage, type ColourName } from '@vision/testkit';

/** The colours the folders of these tests cycle through; the double names each image by its colour. */
const CYCLE = ['red', 'green', 'blue', 'yellow', 'white', 'black'] as const satisfies readonly ColourName[];
export type Colour = (typeof CYCLE)[number];

export const solidPng = (colour: ColourName, size = 16): Promise<Buffer> => solidImage(colour, { width: size, height: size });

/** Writes `count` solid-colour PNGs named `NNN-<colour>.png` into `dir`, cycling through the colours. */
export async function writeColourImages(dir: string, count: number): Promise<Array<{ file: string; colour: Colour }>> {
  await mkdir(dir, { recursive: true });
  const names = CYCLE;
  const pngs = new Map(await Promise.all(names.map(async (colour) => [colour, await solidPng(colour)] as const)));
  const written = Array.from({ length: count }, (_, i) => {
    const colour = names[i % names.length]!;
    return { file: `${String(i).padStart(3, '0')}-${colour}.png`, colour };
  });
  await Promise.all(written.map(({ file, colour }) => writeFile(path.join(dir, file), pngs.get(colour)!)));
  return written;
}

export async function copyInto(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(source, target);
}
