import { describe, expect, it } from 'vitest';
import { labelsCsv, labelsCsvFor, rowsNamingNoPhoto, splitLabelsCsv } from './labels-csv';

const FILE = [
  'filename,label',
  'trip/cat.jpg,cat',
  '"dog, good.png","dog|puppy"',
  '',
  '"multi',
  'line.png",bird',
  ',orphan label',
  'missing.jpg,fox',
].join('\r\n');

describe('splitLabelsCsv', () => {
  it('reads rows as the server does: quotes, line breaks inside quotes, blank lines skipped, each row on its line', () => {
    const rows = splitLabelsCsv(`\uFEFF${FILE}`);
    expect(rows.map((row) => [row.line, row.file])).toEqual([
      [1, 'filename'],
      [2, 'trip/cat.jpg'],
      [3, 'dog, good.png'],
      [5, 'multi\r\nline.png'],
      [7, ''],
      [8, 'missing.jpg'],
    ]);
    expect(rows[2]!.text).toBe('"dog, good.png","dog|puppy"');
  });

  it('takes the separator a spreadsheet used on the first line', () => {
    expect(splitLabelsCsv('file;label\ncat.jpg;cat\n').map((row) => row.file)).toEqual(['file', 'cat.jpg']);
    expect(splitLabelsCsv('cat.jpg\tcat\n')[0]!.file).toBe('cat.jpg');
  });
});

describe('labelsCsvFor', () => {
  const rows = splitLabelsCsv(FILE);

  it("keeps the first row and the upload's own rows, matched by name or base name, on their original lines", () => {
    const text = labelsCsvFor(rows, ['holiday/trip/cat.jpg', 'Dog, Good.PNG'], false)!;
    expect(text.split('\n')).toEqual(['filename,label', '', '"dog, good.png","dog|puppy"', '']);
    expect(labelsCsvFor(rows, ['trip/cat.jpg'], false)!.split('\n')).toEqual(['filename,label', 'trip/cat.jpg,cat', '']);
  });

  it('sends the rows that name no file with one upload only, and nothing to an upload no row concerns', () => {
    const text = labelsCsvFor(rows, ['missing.jpg'], true)!;
    expect(text.split('\n')).toEqual(['filename,label', '', '', '', '', '', ',orphan label', 'missing.jpg,fox', '']);
    expect(labelsCsvFor(rows, ['other.png'], false)).toBeUndefined();
  });

  it('counts a quoted line break as a line, as the server does', () => {
    const text = labelsCsvFor(rows, ['multi\r\nline.png', 'missing.jpg'], false)!;
    expect(text.split('\n').indexOf('missing.jpg,fox')).toBe(7);
  });
});

describe('rowsNamingNoPhoto', () => {
  it('lists the rows that name none of the photos, leaving out a header and rows without a file', () => {
    const stray = rowsNamingNoPhoto(splitLabelsCsv(FILE), ['trip/cat.jpg', 'dog, good.png', 'multi\r\nline.png']);
    expect(stray.map((row) => `${row.line} ${row.file}`)).toEqual(['8 missing.jpg']);
    // The server matches the whole name or the base name: "trip/cat.jpg" does not label "holiday/trip/cat.jpg".
    expect(rowsNamingNoPhoto(splitLabelsCsv(FILE), ['holiday/trip/cat.jpg']).map((row) => row.line)).toContain(2);
    expect(rowsNamingNoPhoto(splitLabelsCsv('cat.jpg,cat\n'), ['dog.jpg'])).toHaveLength(1);
  });
});

describe('labelsCsv', () => {
  it('writes a header and quotes only the fields that need it, with no spreadsheet formula guard', () => {
    expect(
      labelsCsv([
        { file: 'dog/1.jpg', label: 'dog' },
        { file: '-x, "y".png', label: 'golden retriever' },
      ]),
    ).toBe('filename,label\ndog/1.jpg,dog\n"-x, ""y"".png",golden retriever\n');
  });
});
