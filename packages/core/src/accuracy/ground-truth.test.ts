import { describe, expect, it } from 'vitest';
import { labelsFromFolders, lookupLabel, parseLabelsCsv } from './ground-truth.ts';

const entries = (labels: Map<string, string>): Array<[string, string]> => [...labels.entries()];

describe('parseLabelsCsv', () => {
  it('reads filename,label rows and normalises the labels', () => {
    const { labels, problems } = parseLabelsCsv('a.jpg,Cat\nb.png,Two Fire Trucks\nc.webp,  A dog.  \n');
    expect(entries(labels)).toEqual([
      ['a.jpg', 'cat'],
      ['b.png', 'fire truck'],
      ['c.webp', 'dog'],
    ]);
    expect(problems).toEqual([]);
  });

  it('detects a header row by its column names and skips it', () => {
    expect(entries(parseLabelsCsv('filename,label\na.jpg,cat').labels)).toEqual([['a.jpg', 'cat']]);
    expect(entries(parseLabelsCsv('Image;Class\na.jpg;cat').labels)).toEqual([['a.jpg', 'cat']]);
  });

  it('keeps a first row that is data, even when its label is a header word', () => {
    expect(entries(parseLabelsCsv('tag.jpg,label\nb.jpg,dog').labels)).toEqual([
      ['tag.jpg', 'label'],
      ['b.jpg', 'dog'],
    ]);
  });

  it('tolerates a byte-order mark, CRLF line ends and blank lines', () => {
    const { labels, problems } = parseLabelsCsv('\uFEFFfile,label\r\n\r\na.jpg,cat\r\n   \r\nb.jpg,dog\r\n');
    expect(entries(labels)).toEqual([
      ['a.jpg', 'cat'],
      ['b.jpg', 'dog'],
    ]);
    expect(problems).toEqual([]);
  });

  it('reads semicolon- and tab-separated files', () => {
    expect(entries(parseLabelsCsv('a.jpg;cat\nb.jpg;dog').labels)).toEqual([
      ['a.jpg', 'cat'],
      ['b.jpg', 'dog'],
    ]);
    expect(entries(parseLabelsCsv('a.jpg\tcat\nb.jpg\tdog').labels)).toEqual([
      ['a.jpg', 'cat'],
      ['b.jpg', 'dog'],
    ]);
  });

  it('reads quoted fields holding separators, doubled quotes and line breaks', () => {
    const { labels } = parseLabelsCsv('"my, photo.jpg","fire truck"\n"say ""hi"".png",dog\n"two\nlines.jpg",cat');
    expect(entries(labels)).toEqual([
      ['my, photo.jpg', 'fire truck'],
      ['say "hi".png', 'dog'],
      ['two\nlines.jpg', 'cat'],
    ]);
  });

  it('keeps alternatives separated by | and normalises each', () => {
    expect(parseLabelsCsv('a.jpg,Airplane | Aircraft|planes').labels.get('a.jpg')).toBe('airplane|aircraft|plane');
  });

  it('reports a repeated file name with both lines and keeps the first label', () => {
    const { labels, problems, issues } = parseLabelsCsv('file,label\na.jpg,cat\nb.jpg,dog\nA.JPG,bird');
    expect(labels.get('a.jpg')).toBe('cat');
    expect(labels.has('A.JPG')).toBe(false);
    expect(problems).toEqual(['line 4: A.JPG is listed again (first on line 2); the first label is kept']);
    expect(issues).toEqual([{ kind: 'repeated', line: 4, file: 'A.JPG', firstLine: 2 }]);
  });

  it('reports rows without a label, without a file name, or with extra columns, by line', () => {
    const { labels, problems, issues } = parseLabelsCsv('a.jpg\n,cat\nb.jpg,  \nc.jpg,dog,extra\nd.jpg,the');
    expect(entries(labels)).toEqual([
      ['c.jpg', 'dog'],
      ['d.jpg', 'the'],
    ]);
    expect(problems).toEqual([
      'line 1: no label for a.jpg',
      'line 2: no file name',
      'line 3: no label for b.jpg',
      'line 4: 3 columns, expected 2 (file name, label); the rest is ignored',
    ]);
    // The same by kind, for clients that say it in another language.
    expect(issues).toEqual([
      { kind: 'no-label', line: 1, file: 'a.jpg' },
      { kind: 'no-file', line: 2 },
      { kind: 'no-label', line: 3, file: 'b.jpg' },
      { kind: 'extra-columns', line: 4, columns: 3 },
    ]);
  });

  it('gives an empty result for an empty file', () => {
    expect(parseLabelsCsv('')).toEqual({ labels: new Map(), problems: [], issues: [] });
    expect(parseLabelsCsv('\uFEFF\r\n').labels.size).toBe(0);
  });
});

describe('labelsFromFolders', () => {
  it('labels each image with the folder it sits in, relative to the root', () => {
    const { labels, problems } = labelsFromFolders(
      ['dataset/cat/1.jpg', 'dataset/Golden_Retriever/2.PNG', 'dataset/pets/dog/3.webp'],
      'dataset',
    );
    expect(entries(labels)).toEqual([
      ['dataset/cat/1.jpg', 'cat'],
      ['dataset/Golden_Retriever/2.PNG', 'golden retriever'],
      ['dataset/pets/dog/3.webp', 'dog'],
    ]);
    expect(problems).toEqual([]);
  });

  it('gives no label to images directly in the root and says how many', () => {
    const { labels, problems } = labelsFromFolders(['/data/set/a.jpg', '/data/set/b.jpg', '/data/set/cat/c.jpg'], '/data/set/');
    expect(entries(labels)).toEqual([['/data/set/cat/c.jpg', 'cat']]);
    expect(problems).toEqual(['2 image(s) directly in /data/set/ have no folder, so no label']);
  });

  it('accepts Windows separators and skips files that are not images or lie outside the root', () => {
    const { labels, problems } = labelsFromFolders(
      ['C:\\photos\\bird\\1.jpg', 'C:\\photos\\bird\\.DS_Store', 'C:\\photos\\notes.txt', 'D:\\other\\x.jpg'],
      'C:\\photos',
    );
    expect(entries(labels)).toEqual([['C:/photos/bird/1.jpg', 'bird']]);
    expect(problems).toEqual(['D:\\other\\x.jpg is not inside C:\\photos', '2 file(s) skipped: not images']);
  });
});

describe('lookupLabel', () => {
  const labels = new Map([
    ['dataset/cat/1.jpg', 'cat'],
    ['dataset/dog/1.jpg', 'dog'],
    ['dataset/dog/Rex.JPG', 'dog'],
    ['Kitty.png', 'cat'],
  ]);

  it('finds a label by the exact name, then by the name ignoring case', () => {
    expect(lookupLabel(labels, 'dataset/cat/1.jpg')).toBe('cat');
    expect(lookupLabel(labels, 'DATASET/Cat/1.JPG')).toBe('cat');
    expect(lookupLabel(labels, 'kitty.PNG')).toBe('cat');
  });

  it('falls back to the file name alone, ignoring folders and case', () => {
    expect(lookupLabel(labels, 'rex.jpg')).toBe('dog');
    expect(lookupLabel(labels, 'uploads/Kitty.png')).toBe('cat');
  });

  it('does not guess when the same file name has different labels in two folders', () => {
    expect(lookupLabel(labels, '1.jpg')).toBeUndefined();
    expect(lookupLabel(labels, 'missing.jpg')).toBeUndefined();
  });
});
