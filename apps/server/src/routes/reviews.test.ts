import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSamplePhotos, csvExportRows } from '../testing/comparison-requests';
import { startTestServer, type TestServer } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';

describe('reviewing a comparison where two models disagree', () => {
  let server: TestServer;
  let comparisonId: string;
  const subject = () => ({ kind: 'comparison' as const, id: comparisonId });
  beforeAll(async () => {
    // Gemma takes dogs for cats and birds for planes: those two photos are the disagreements.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
    comparisonId = await compareSamplePhotos(server, [QWEN, GEMMA]);
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

    const rows = await csvExportRows(server, `/api/comparisons/${comparisonId}/export?format=csv&reviewed=only`);
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
    const rows = await csvExportRows(server, `/api/batches/${batchId}/export?format=csv`);
    expect(rows.map((row) => [row.filename, row.label, row.label_source]).slice(5)).toEqual([
      ['monkey_16bit.png', 'monkey', 'model'],
      ['puppies.jpg', 'puppy', 'person'],
    ]);
  });
});
