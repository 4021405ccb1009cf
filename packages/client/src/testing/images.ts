import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** Colours the LM Studio double names by an image's mean colour when it does not know the photo. */
export const COLOURS = {
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  white: '#ffffff',
  black: '#000000',
} as const;
export type Colour = keyof typeof COLOURS;

export function solidPng(colour: Colour, size = 16): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: COLOURS[colour] } })
    .png()
    .toBuffer();
}

/** Writes `count` solid-colour PNGs named `NNN-<colour>.png` into `dir`, cycling through the colours. */
export async function writeColourImages(dir: string, count: number): Promise<Array<{ file: string; colour: Colour }>> {
  await mkdir(dir, { recursive: true });
  const names = Object.keys(COLOURS) as Colour[];
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
