import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSamplePhotos, csvExportRows } from '../testing/comparison-requests';
import { startTestServer, type TestServer } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';
const FIELDS = [
  { name: 'caption', type: 'text' },
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
];

describe('reviewing each field of a comparison with fields', () => {
  let server: TestServer;
  let comparisonId: string;
  const subject = () => ({ kind: 'comparison' as const, id: comparisonId });
  beforeAll(async () => {
    // Gemma takes dogs for cats and birds for planes ("other" in the kind list).
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
    comparisonId = await compareSamplePhotos(server, [QWEN, GEMMA], FIELDS);
  });
  afterAll(() => server.close());

  it('opens on the label field with its disagreements first, and keeps each field’s decisions apart', async () => {
    const queue = await server.trpc.reviews.queue.query({ subject: subject() });
    expect([queue.field, queue.fields.map((field) => field.name)]).toEqual(['kind', ['caption', 'kind']]);
    const [bird, puppies] = queue.items;
    expect([bird, puppies].map((item) => [item?.filename, item?.standing, item?.answers.map((answer) => answer.entity)])).toEqual([
      ['bird_8bit_palette.bmp', 'disagreement', ['bird', 'other']],
      ['puppies.jpg', 'disagreement', ['dog', 'cat']],
    ]);
    await server.trpc.reviews.decide.mutate({ subject: subject(), index: puppies!.index, field: 'kind', action: 'fix', label: 'dog' });
    await server.trpc.reviews.decide.mutate({ subject: subject(), index: bird!.index, field: 'kind', action: 'fix', label: 'bird' });
    const accepted = await server.trpc.reviews.acceptAgreed.mutate({ subject: subject(), field: 'kind' });
    expect(accepted.progress).toMatchObject({ total: 7, reviewed: 7 });

    const captions = await server.trpc.reviews.decide.mutate({
      subject: subject(),
      index: puppies!.index,
      field: 'caption',
      action: 'fix',
      label: 'Three puppies on grass',
    });
    expect([captions.field, captions.progress.reviewed]).toEqual(['caption', 1]);
    expect(captions.items.find((item) => item.index === puppies!.index)?.decision).toMatchObject({
      field: 'caption',
      label: 'three puppies on grass',
      suggestion: 'A photo of a dog.',
    });
  });

  it("exports each reviewed field's confirmed value and source, and keeps only the rows decided on a chosen field", async () => {
    const rows = await csvExportRows(server, `/api/comparisons/${comparisonId}/export?format=csv`);
    const puppies = rows.find((row) => row.filename === 'puppies.jpg' && row.model === GEMMA);
    expect(puppies).toMatchObject({
      kind: 'cat',
      label: 'dog',
      label_source: 'person',
      kind_label: 'dog',
      kind_label_source: 'person',
      caption_label: 'three puppies on grass',
      caption_label_source: 'person',
    });
    expect(rows.find((row) => row.filename === 'monkey_16bit.png')).toMatchObject({ caption_label_source: 'consensus' });

    const decidedOnCaption = await csvExportRows(server, `/api/comparisons/${comparisonId}/export?format=csv&reviewed=only&field=caption`);
    expect(decidedOnCaption.map((row) => [row.filename, row.model])).toEqual([
      ['puppies.jpg', QWEN],
      ['puppies.jpg', GEMMA],
    ]);
    const unknown = await fetch(`${server.url}/api/comparisons/${comparisonId}/export?format=csv&reviewed=only&field=colour`);
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([400, 'review-unknown-field']);
  });

  it("measures each model's label field against the labels a person confirmed on it", async () => {
    const judged = await server.trpc.comparisons.get.query({ comparisonId, groundTruth: 'confirmed' });
    const [qwen, gemma] = judged.models;
    expect(qwen?.fieldAccuracy).toMatchObject({ field: 'kind', labelled: 7, correct: 7 });
    expect(gemma?.fieldAccuracy).toMatchObject({ field: 'kind', labelled: 7, correct: 5 });
  });

  it("exports a fields batch's label field as `label`, with the reviewed field's own columns", async () => {
    const batchId = (await server.trpc.comparisons.get.query({ comparisonId })).models[0]!.batchId;
    const batch = { kind: 'batch' as const, id: batchId };
    const queue = await server.trpc.reviews.decide.mutate({ subject: batch, index: 0, field: null, action: 'accept' });
    expect(queue.field).toBe('kind');
    const rows = await csvExportRows(server, `/api/batches/${batchId}/export?format=csv&reviewed=only`);
    expect(rows.map((row) => [row.index, row.label_source, row.kind_label, row.kind_label_source])).toEqual([
      ['0', 'person', rows[0]?.kind, 'person'],
    ]);
  });
});
