import { existsSync } from 'node:fs';
import path from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidImage } from '@vision/testkit';
import { openSqliteReviewRepository, type SqliteReviewRepository } from '../storage/sqlite-review-repository';
import { compareSamplePhotos } from '../testing/comparison-requests';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';

async function refusal(promise: Promise<unknown>): Promise<{ message: string; code?: string; errorCode?: string | null }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const { message, data } = error as { message: string; data?: { code?: string; errorCode?: string | null } };
  return { message, code: data?.code, errorCode: data?.errorCode };
}

describe('deleting a comparison over HTTP', () => {
  let server: TestServer;
  // A second connection to DATA_DIR's database: the rows themselves, not what the server chooses to show.
  let store: SqliteReviewRepository;
  let comparisonId: string;
  let batchIds: string[];
  let keptBatch: string;
  const folderOf = (batchId: string) => path.join(server.dataDir, 'batches', batchId);

  beforeAll(async () => {
    server = await startTestServer();
    store = await openSqliteReviewRepository(server.dataDir);
    comparisonId = await compareSamplePhotos(server, [QWEN, GEMMA]);
    batchIds = (await server.trpc.comparisons.get.query({ comparisonId })).models.map((model) => model.batchId);
    const { body } = await postBatch(
      server.url,
      '/api/batches',
      batchForm([{ name: 'red.png', data: await solidImage('red') }], { model: QWEN }),
    );
    keptBatch = String(body.batchId);
    await server.batches.idle();
  });
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it("refuses to delete one model's batch alone (409 CONFLICT, batch-in-comparison), naming the comparison, and keeps it", async () => {
    const refused = await refusal(server.trpc.batches.delete.mutate({ batchId: batchIds[1]! }));
    expect(refused).toMatchObject({ code: 'CONFLICT', errorCode: 'batch-in-comparison' });
    expect(refused.message).toContain(`comparison "${comparisonId}": delete the comparison`);
    expect(existsSync(folderOf(batchIds[1]!))).toBe(true);
    expect((await server.trpc.comparisons.get.query({ comparisonId })).models).toHaveLength(2);
  });

  it("removes every model's photos folder, rows and review decisions, and the comparison's own decisions", async () => {
    await server.trpc.reviews.decide.mutate({ subject: { kind: 'comparison', id: comparisonId }, index: 0, action: 'fix', label: 'hound' });
    for (const batchId of [...batchIds, keptBatch])
      await server.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: batchId }, index: 0, action: 'reject' });
    for (const batchId of batchIds) expect(existsSync(folderOf(batchId))).toBe(true);

    expect(await server.trpc.comparisons.delete.mutate({ comparisonId })).toEqual({ comparisonId, deleted: true });

    for (const batchId of batchIds) {
      expect(existsSync(folderOf(batchId))).toBe(false);
      expect(await store.current({ kind: 'batch', id: batchId })).toEqual([]);
      expect(await refusal(server.trpc.batches.get.query({ batchId }))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await store.current({ kind: 'comparison', id: comparisonId })).toEqual([]);
    expect(await store.undoLast({ kind: 'comparison', id: comparisonId })).toEqual([]);
    expect(await refusal(server.trpc.comparisons.get.query({ comparisonId }))).toMatchObject({ code: 'NOT_FOUND' });
    const listed = await server.trpc.comparisons.list.query({ limit: 100 });
    expect(listed.comparisons.map((comparison) => comparison.comparisonId)).not.toContain(comparisonId);
    // Another batch, its folder and its decisions stay.
    expect(existsSync(folderOf(keptBatch))).toBe(true);
    expect(await store.current({ kind: 'batch', id: keptBatch })).toMatchObject([{ index: 0, action: 'reject' }]);
  });

  it('answers deleting it again, or an unknown id, with NOT_FOUND and comparison-not-found', async () => {
    expect(await refusal(server.trpc.comparisons.delete.mutate({ comparisonId }))).toMatchObject({
      code: 'NOT_FOUND',
      errorCode: 'comparison-not-found',
      message: `No comparison with id "${comparisonId}".`,
    });
  });
});
