import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../lib/csv';
import { countLabels, groundTruthCsv, labelsFromCsv, labelsFromFolders, uploadName, type DatasetPhoto } from './ground-truth';

const loose = (...names: string[]): DatasetPhoto[] => names.map((name) => ({ name, path: null }));
const inFolders = (...paths: string[]): DatasetPhoto[] => paths.map((path) => ({ name: path.split('/').at(-1)!, path }));

describe('labelsFromCsv', () => {
  it('labels the photos a CSV names, with or without a header, and lists the rows that name no photo', () => {
    const photos = loose('puppies.jpg', 'airplane.jpg', 'flower.webp');
    const withHeader = labelsFromCsv('filename,label\npuppies.jpg,dog|puppy\nairplane.jpg,airplane\nmissing.jpg,cat\n', photos);
    expect([...withHeader.labels]).toEqual([
      ['puppies.jpg', 'dog|puppy'],
      ['airplane.jpg', 'airplane'],
    ]);
    expect(withHeader.unmatched).toEqual([{ line: 4, file: 'missing.jpg' }]);
    expect(withHeader.problems).toEqual([]);

    const bare = labelsFromCsv('puppies.jpg;dog\r\n"flower.webp";"frangipani, flower"\r\n', photos);
    expect([...bare.labels]).toEqual([
      ['puppies.jpg', 'dog'],
      ['flower.webp', 'frangipani, flower'],
    ]);
  });

  it('finds a photo by its name in another case, by a longer or shorter path, or by its file name alone', () => {
    const photos = [...loose('Puppies.JPG', 'flower.webp'), ...inFolders('dataset/cats/1.jpg', 'dataset/dogs/7.jpg')];
    const truth = labelsFromCsv('image,class\npuppies.jpg,dog\nvalid/flower.webp,flower\ncats/1.jpg,cat\ntrain/dogs/7.jpg,dog\n', photos);
    expect([...truth.labels]).toEqual([
      ['Puppies.JPG', 'dog'],
      ['flower.webp', 'flower'],
      ['dataset/cats/1.jpg', 'cat'],
      ['dataset/dogs/7.jpg', 'dog'],
    ]);
    expect(truth.unmatched).toEqual([]);
  });

  it('reports rows without a name or label, repeated photos, and names that fit several photos', () => {
    const photos = inFolders('cats/1.jpg', 'dogs/1.jpg', 'dogs/2.jpg');
    const truth = labelsFromCsv('file,label\n,cat\ndogs/2.jpg,\n1.jpg,cat\ndogs/2.jpg,dog\nDOGS/2.jpg,wolf\n', photos);
    expect([...truth.labels]).toEqual([['dogs/2.jpg', 'dog']]);
    expect(truth.problems).toEqual([
      { kind: 'no-file', line: 2 },
      { kind: 'no-label', line: 3, file: 'dogs/2.jpg' },
      { kind: 'several-photos', line: 4, file: '1.jpg', count: 2 },
      { kind: 'repeated', line: 6, file: 'DOGS/2.jpg' },
    ]);
  });
});

describe('labelsFromFolders', () => {
  it('labels each photo with the folder it sits in, underscores as spaces, and leaves loose photos unlabelled', () => {
    const photos = [...inFolders('pets/golden_retriever/1.jpg', 'pets/cat/1.jpg', 'cat/2.png'), ...loose('loose.jpg')];
    const truth = labelsFromFolders(photos);
    expect([...truth.labels]).toEqual([
      ['pets/golden_retriever/1.jpg', 'golden retriever'],
      ['pets/cat/1.jpg', 'cat'],
      ['cat/2.png', 'cat'],
    ]);
    expect(countLabels(truth.labels)).toEqual([
      { label: 'cat', count: 2 },
      { label: 'golden retriever', count: 1 },
    ]);
  });

  it('uploads photos of a folder under their paths, so two "1.jpg" keep their own labels', () => {
    expect(uploadName({ name: '1.jpg', path: 'cats/1.jpg' })).toBe('cats/1.jpg');
    expect(uploadName({ name: '1.jpg', path: null })).toBe('1.jpg');
  });
});

describe('groundTruthCsv', () => {
  it('writes a filename,label CSV that reads back to the same labels, quoting what needs it', () => {
    const labels = new Map([
      ['cats/1.jpg', 'cat'],
      ['odd, "name".jpg', 'dog|puppy'],
      ['semi;colon.png', ' spaced '],
    ]);
    const csv = groundTruthCsv(labels);
    expect(csv.split('\n')[0]).toBe('filename,label');
    expect(
      parseCsv(csv)
        .slice(1)
        .map((row) => row.fields),
    ).toEqual([...labels].map(([name, label]) => [name, label]));
  });
});
