import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './export-batch';

describe('filenameFromDisposition', () => {
  it('reads the quoted, the bare and the UTF-8 extended file name, preferring the extended one', () => {
    expect(filenameFromDisposition('attachment; filename="vision-batch-1.csv"')).toBe('vision-batch-1.csv');
    expect(filenameFromDisposition('attachment; filename=plain.json')).toBe('plain.json');
    expect(filenameFromDisposition(`attachment; filename="caf_.csv"; filename*=UTF-8''caf%C3%A9.csv`)).toBe('café.csv');
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});
