import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectImages, readListedPaths } from './collect-images';

describe('collectImages', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'vision-collect-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const touch = async (name: string, bytes = 3) => {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), Buffer.alloc(bytes));
  };

  it('expands folders recursively in name order, names images relative to the folder and skips other files', async () => {
    for (const name of [
      'b.png',
      'a/z.JPG',
      'a/y.jpeg',
      'a/deep/x.GiF',
      'c.bmp',
      'd.webp',
      'notes.txt',
      'a/raw.cr2',
      '.hidden/e.png',
      '.DS_Store',
    ])
      await touch(name);
    const { images, skipped } = await collectImages(['.'], root);
    expect(images.map((image) => image.name)).toEqual(['a/deep/x.GiF', 'a/y.jpeg', 'a/z.JPG', 'b.png', 'c.bmp', 'd.webp']);
    expect(images[0]!.path).toBe(path.join(root, 'a', 'deep', 'x.GiF'));
    expect(skipped.map((file) => file.name)).toEqual(['a/raw.cr2', 'notes.txt']);
    expect(skipped[0]!.reason).toMatch(/not a supported image \(\.png \.jpg \.jpeg \.gif \.bmp \.webp\)/);
  });

  it('keeps a file argument as given, with its size, and counts a file given twice once', async () => {
    await touch('photos/cat.png', 10);
    const { images } = await collectImages(['photos/cat.png', 'photos', './photos/cat.png'], root);
    expect(images).toEqual([{ path: path.join(root, 'photos', 'cat.png'), name: 'photos/cat.png', size: 10, mtimeMs: expect.any(Number) }]);
  });

  it('does not loop on a symbolic link back up the tree', async () => {
    await touch('top/a.png');
    await symlink(path.join(root, 'top'), path.join(root, 'top', 'loop'));
    const { images } = await collectImages(['top'], root);
    expect(images.map((image) => image.name)).toEqual(['a.png']);
  });

  it('reads listed paths in order, skipping blank lines and naming a missing listed file instead of failing', async () => {
    await touch('b.png');
    await touch('dir/a.jpg');
    const listed = await readListedPaths([`b.png\r\n\n`, `${path.join(root, 'dir')}\ngone.png\n`]);
    const { images, skipped } = await collectImages(listed, root);
    expect(images.map((image) => image.name)).toEqual(['b.png', 'a.jpg']);
    expect(skipped).toEqual([{ name: 'gone.png', reason: 'no such file or folder' }]);
  });

  it('refuses a path that does not exist with a usage error naming it', async () => {
    await expect(collectImages(['missing'], root)).rejects.toMatchObject({
      name: 'UsageError',
      message: 'No such file or folder: missing',
    });
  });
});
