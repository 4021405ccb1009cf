import { describe, expect, it } from 'vitest';
import { parseCsvRows } from './csv-rows';

describe('parseCsvRows', () => {
  it('keeps each row as written, with the line it starts on, across CRLF, blank lines and quoted breaks', () => {
    const { rows } = parseCsvRows('\uFEFFfile,label\r\n\r\n"two\nlines.jpg",cat\nb.jpg,"a ""dog"""\n');
    expect(rows.map((row) => [row.line, row.text, row.fields])).toEqual([
      [1, 'file,label', ['file', 'label']],
      [3, '"two\nlines.jpg",cat', ['two\nlines.jpg', 'cat']],
      [5, 'b.jpg,"a ""dog"""', ['b.jpg', 'a "dog"']],
    ]);
  });

  it('takes the separator a spreadsheet used on the first line', () => {
    expect(parseCsvRows('a.jpg;cat\nb.jpg;dog').rows.map((row) => row.fields)).toEqual([
      ['a.jpg', 'cat'],
      ['b.jpg', 'dog'],
    ]);
    expect(parseCsvRows('a.jpg\tcat').separator).toBe('\t');
  });
});
