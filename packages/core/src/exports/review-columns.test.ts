import { describe, expect, it } from 'vitest';
import { answeredResult } from '../testing/item-result-fixture';
import { parseCsvRows } from '../accuracy/csv-rows';
import type { FieldSpec } from '../fields/field-types';
import type { ExportLabel } from '../review/export-labels';
import type { BatchView, ItemResult } from '../schemas';
import { exportBatch } from './batch-export';

const fields: FieldSpec[] = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'other'] },
  { name: 'caption', type: 'text' },
];

const answered = (index: number, kind: string, caption: string): ItemResult => answeredResult(index, { fields: { kind, caption } });

const view: BatchView = {
  batchId: 'review0123456789',
  model: 'qwen/qwen3-vl-4b',
  prompt: null,
  fields,
  status: 'completed',
  createdAt: '2026-11-26T17:30:00.000Z',
  finishedAt: null,
  comparisonId: null,
  stats: null,
  items: [answered(0, 'cat', 'A cat.'), answered(1, 'cat', 'Three puppies.')].map((result) => ({
    index: result.index,
    filename: result.filename,
    size: 1,
    label: null,
    retryable: false,
    status: 'success',
    result,
  })),
};

const person = (label: string): ExportLabel => ({ label, source: 'person', reviewed: true });
const model = (label: string): ExportLabel => ({ label, source: 'model', reviewed: false });
/** The kind of photo 1 fixed to dog; the caption of photo 0 fixed. */
const labels = new Map([
  [0, model('cat')],
  [1, person('dog')],
]);
const fieldLabels = new Map([
  ['kind', labels],
  [
    'caption',
    new Map([
      [0, person('a tabby asleep')],
      [1, model('Three puppies.')],
    ]),
  ],
]);

const csvRows = (text: string) => parseCsvRows(text.replace(/^\uFEFF/, '')).rows.map((row) => row.fields);

describe("a batch's reviewed fields, exported", () => {
  it('adds <field>_label and <field>_label_source per reviewed field after the fields, keeping the model’s answer in the field', () => {
    const [header, first, second] = csvRows(exportBatch(view, 'csv', { labels, fieldLabels }).body);
    expect(header!.slice(-6)).toEqual(['kind', 'caption', 'kind_label', 'kind_label_source', 'caption_label', 'caption_label_source']);
    expect(first!.slice(-6)).toEqual(['cat', 'A cat.', 'cat', 'model', 'a tabby asleep', 'person']);
    expect(second!.slice(-6)).toEqual(['cat', 'Three puppies.', 'dog', 'person', 'Three puppies.', 'model']);
  });

  it('keeps, when reviewed only, the rows confirmed on any field, or on the one field named', () => {
    const indexes = (options: Parameters<typeof exportBatch>[2]) =>
      exportBatch(view, 'jsonl', options)
        .body.trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes({ labels, fieldLabels, reviewedOnly: true })).toEqual([0, 1]);
    expect(indexes({ labels, fieldLabels, reviewedOnly: true, reviewedField: 'caption' })).toEqual([0]);
    expect(indexes({ labels, fieldLabels, reviewedOnly: true, reviewedField: 'kind' })).toEqual([1]);
  });
});
