import { describe, expect, it } from 'vitest';
import { labelFromFolder } from './folder-labels';

const image = (name: string, folder: string | undefined, absolute = `/data/${name}`) => ({
  path: absolute,
  name,
  size: 1,
  mtimeMs: 0,
  folder,
});

describe('labelFromFolder', () => {
  it('names an image by the folder it sits in below the folder given, underscores read as spaces', () => {
    expect(labelFromFolder(image('dog/puppies.jpg', 'dataset'))).toBe('dog');
    expect(labelFromFolder(image('pets/golden_retriever/1.jpg', 'dataset'))).toBe('golden retriever');
  });

  it('gives no label to an image directly in the folder given, and its own folder to a file given by itself', () => {
    expect(labelFromFolder(image('loose.jpg', 'dataset'))).toBeNull();
    expect(labelFromFolder(image('../cats/tom.png', undefined, '/home/me/cats/tom.png'))).toBe('cats');
  });
});
