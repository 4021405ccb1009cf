import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '@vision/core/csv';
import { validPhotos } from '@vision/testkit';
import { startTestServer, type TestServer } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';

async function submitComparison(server: TestServer): Promise<string> {
  const form = new FormData();
  for (const model of [QWEN, GEMMA]) form.append('models', model);
  for (const photo of validPhotos()) form.append('images[]', new Blob([await readFile(photo.absolutePath)]), photo.file.split('/')[1]!);
  const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
  const { comparisonId } = (await response.json()) as { comparisonId: string };
  await server.batches.idle();
  return comparisonId;
}

async function csvRows(server: TestServer, query: string) {
  const response = await fetch(`${server.url}${query}`);
  expect(response.status).toBe(200);
  const [header, ...rows] = parseCsvRows(await response.text()).rows.map((row) => row.fields);
  return rows.map((row) => Object.fromEntries(header!.map((column, position) => [column, row[position]])));
}

describe('reviewing a comparison where two models disagree', () => {
  let server: TestServer;
  let comparisonId: string;
  const subject = () => ({ kind: 'comparison' as const, id: comparisonId });
  beforeAll(async () => {
    // Gemma takes dogs for cats and birds for planes: those two photos are the disagreements.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
    comparisonId = await submitComparison(server);
  });
  afterAll(() => server.close());

  it('queues the disagreements first and keeps fix, accept and reject over a restart, undo taking back the last', async () => {
    const queue = await server.trpc.reviews.queue.query({ subject: subject() });
    expect(queue.items.slice(0, 2).map((item) => [item.filename, item.standing])).toEqual([
      ['bird_8bit_palette.bmp', 'disagreement'],
      ['puppies.jpg', 'disagreement'],
    ]);
    expect(queue.progress).toEqual({ total: 7, reviewed: 0, disagreementsLeft: 2, agreedLeft: 5 });
    await server.trpc.reviews.decide.mutate({ subject: subject(), index: 6, action: 'fix', label: 'dog' });
    await server.trpc.reviews.decide.mutate({ subject: subject(), index: 2, action: 'accept' });
    await server.trpc.reviews.decide.mutate({ subject: subject(), index: 0, action: 'reject' });
    await server.trpc.reviews.undo.mutate({ subject: subject() });

    await server.stop();
    const restarted = await startTestServer({ dataDir: server.dataDir, existingDouble: server.double });
    const decisions = (await restarted.trpc.reviews.queue.query({ subject: subject() })).items.flatMap((item) =>
      item.decision ? [[item.index, item.decision.action, item.decision.label]] : [],
    );
    expect(decisions).toEqual([
      [2, 'accept', 'bird'],
      [6, 'fix', 'dog'],
    ]);
    await restarted.stop();
    server = await startTestServer({ dataDir: server.dataDir, existingDouble: server.double });
  });

  it('bulk-accepts the agreed photos, exports who confirmed each label, and measures the models against them', async () => {
    const queue = await server.trpc.reviews.acceptAgreed.mutate({ subject: subject() });
    expect(queue.progress).toEqual({ total: 7, reviewed: 7, disagreementsLeft: 0, agreedLeft: 0 });

    const rows = await csvRows(server, `/api/comparisons/${comparisonId}/export?format=csv&reviewed=only`);
    const puppies = rows.filter((row) => row.filename === 'puppies.jpg');
    expect(puppies.map((row) => [row.model, row.label, row.label_source])).toEqual([
      [QWEN, 'dog', 'person'],
      [GEMMA, 'dog', 'person'],
    ]);
    expect(rows).toHaveLength(14);

    const judged = await server.trpc.comparisons.get.query({ comparisonId, groundTruth: 'confirmed' });
    expect(judged.groundTruth).toBe('confirmed');
    const [qwen, gemma] = judged.models;
    expect(qwen).toMatchObject({ labelled: 7, correct: 7 });
    expect(gemma).toMatchObject({ labelled: 7, correct: 5 });
  });

  it("labels a batch's export with the model's answer until a person confirms one", async () => {
    const batchId = (await server.trpc.comparisons.get.query({ comparisonId })).models[1]!.batchId;
    await server.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: batchId }, index: 6, action: 'fix', label: 'puppy' });
    const rows = await csvRows(server, `/api/batches/${batchId}/export?format=csv`);
    expect(rows.map((row) => [row.filename, row.label, row.label_source]).slice(5)).toEqual([
      ['monkey_16bit.png', 'monkey', 'model'],
      ['puppies.jpg', 'puppy', 'person'],
    ]);
  });
});
