import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage, type ColourName } from '@vision/testkit';
import { openSqliteReviewRepository, type SqliteReviewRepository } from '../storage/sqlite-review-repository';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const MODEL = 'qwen/qwen3-vl-4b';

async function submitBatch(server: TestServer, colours: ColourName[]): Promise<string> {
  const files = await Promise.all(colours.map(async (colour) => ({ name: `${colour}.png`, data: await solidImage(colour) })));
  const { status, body } = await postBatch(server.url, '/api/batches', batchForm(files, { model: MODEL }));
  expect(status).toBe(202);
  await server.batches.idle();
  return String(body.batchId);
}

describe("deleting a batch removes a person's decisions on it", () => {
  let server: TestServer;
  // A second connection to DATA_DIR's database: the rows themselves, not what the server chooses to show.
  let store: SqliteReviewRepository;
  beforeAll(async () => {
    server = await startTestServer();
    store = await openSqliteReviewRepository(server.dataDir);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it('leaves no review rows of the deleted batch in the store, and keeps those of another batch', async () => {
    const deleted = await submitBatch(server, ['red', 'blue']);
    const kept = await submitBatch(server, ['green']);
    await server.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: deleted }, index: 0, action: 'fix', label: 'crimson' });
    await server.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: deleted }, index: 1, action: 'reject' });
    await server.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: kept }, index: 0, action: 'accept' });
    expect(await store.current({ kind: 'batch', id: deleted })).toHaveLength(2);

    await server.trpc.batches.delete.mutate({ batchId: deleted });

    expect(await store.current({ kind: 'batch', id: deleted })).toEqual([]);
    expect(await store.undoLast({ kind: 'batch', id: deleted })).toEqual([]);
    expect(await store.current({ kind: 'batch', id: kept })).toMatchObject([{ index: 0, action: 'accept' }]);
  });
});
