import { describe, expect, it } from 'vitest';
import { answeredResult } from '../testing/item-result-fixture';
import { parseCsvRows } from '../accuracy/csv-rows';
import type { FieldSpec } from '../fields/field-types';
import { computeFieldFigures } from '../fields/field-stats';
import type { BatchView, ItemResult } from '../schemas';
import { exportBatch } from './batch-export';

const fields: FieldSpec[] = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'other'] },
  { name: 'caption', type: 'text' },
  { name: 'people', type: 'number' },
  { name: 'tags', type: 'tags' },
  { name: 'has_text', type: 'yesno' },
];

const csvRows = (text: string) => parseCsvRows(text.replace(/^\uFEFF/, '')).rows.map((row) => row.fields);

const answered = (index: number, values: ItemResult['fields']): ItemResult =>
  answeredResult(index, { raw_answer: JSON.stringify(values), fields: values, field_errors: {} });

const results = [
  answered(0, { kind: 'cat', caption: 'A cat, asleep.', people: 0, tags: ['cat', 'sofa'], has_text: false }),
  answered(1, { kind: 'dog', caption: 'Three puppies.', people: 2, tags: ['dog'], has_text: true }),
  answered(2, { kind: 'dog', caption: null, people: null, tags: [], has_text: false }),
];

const view: BatchView = {
  batchId: 'fields0123456789',
  model: 'qwen/qwen3-vl-4b',
  prompt: null,
  fields,
  status: 'completed',
  createdAt: '2026-11-26T17:30:00.000Z',
  finishedAt: null,
  comparisonId: null,
  stats: null,
  items: results.map((result) => ({
    index: result.index,
    filename: result.filename,
    size: 1,
    label: null,
    retryable: false,
    status: 'success',
    result,
  })),
};

describe('a batch with fields, exported', () => {
  it('has one CSV column per field after the usual ones, lists joined by "; " and yes/no spelled out', () => {
    const [header, first, , third] = csvRows(exportBatch(view, 'csv').body);
    expect(header!.slice(-5)).toEqual(['kind', 'caption', 'people', 'tags', 'has_text']);
    expect(header!.slice(-8, -5)).toEqual(['error_code', 'label', 'label_source']);
    expect(first!.slice(-5)).toEqual(['cat', 'A cat, asleep.', '0', 'cat; sofa', 'no']);
    expect(third!.slice(-5)).toEqual(['dog', '', '', '', 'no']);
  });

  it('has one JSONL key per field, values as answered', () => {
    const lines = exportBatch(view, 'jsonl')
      .body.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[1]).toMatchObject({ kind: 'dog', caption: 'Three puppies.', people: 2, tags: ['dog'], has_text: true });
  });

  it('names a field column that would clash with a result column field_<name>', () => {
    const clashing = { ...view, fields: [{ name: 'entity', type: 'text' as const }] };
    const [header] = csvRows(exportBatch(clashing, 'csv').body);
    expect(header!.at(-1)).toBe('field_entity');
  });

  it('keeps the fields in the JSON export', () => {
    expect(JSON.parse(exportBatch(view, 'json').body)).toMatchObject({ fields, results: [{ fields: results[0]!.fields }, {}, {}] });
  });
});

describe('computeFieldFigures', () => {
  it('counts each value of closed and yes/no fields, and sums and averages number fields over the answered', () => {
    expect(
      computeFieldFigures(
        fields,
        results.map((result) => result.fields),
      ),
    ).toEqual({
      kind: { type: 'counts', counts: { cat: 1, dog: 2, other: 0 } },
      people: { type: 'number', sum: 2, mean: 1, answered: 2 },
      has_text: { type: 'counts', counts: { yes: 1, no: 2 } },
    });
  });
});
