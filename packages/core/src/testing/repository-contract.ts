import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRepository, StoredBatch, StoredItem } from '../batch/repository';
import { computeStats } from '../batch/stats';
import type { ItemResult } from '../batch/types';

/**
 * What every `BatchRepository` must do, as one suite: run it against each implementation (the SQLite one in the
 * server, the in-memory one in core's tests), so the services' tests on either tell the truth about both.
 * Test-only: it imports vitest.
 */
export function describeRepositoryContract(name: string, open: () => Promise<{ repository: BatchRepository; close(): Promise<void> }>) {
  describe(`${name} repository contract`, () => {
    const state = {} as RepositoryUnderTest;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repository: state.repository, close } = await open());
    });
    afterEach(() => close());
    describeStorage(state);
    describeListing(state);
    describeSharedLog(state);
  });
}

/** The repository each case runs against, opened afresh before it. */
interface RepositoryUnderTest {
  repository: BatchRepository;
}

/** Batches, items and events: written and read back as they were. */
function describeStorage(state: RepositoryUnderTest) {
  it('stores the fields a batch asks, and none for a batch without', async () => {
    const fields = [
      { name: 'kind', type: 'label' as const, values: ['cat', 'dog'] },
      { name: 'caption', type: 'text' as const },
    ];
    await state.repository.createBatch(batch('b1', { fields }), items(1));
    await state.repository.createBatch(batch('b2'), items(1));
    expect((await state.repository.getBatch('b1'))?.batch.fields).toEqual(fields);
    expect((await state.repository.getBatch('b2'))?.batch).not.toHaveProperty('fields');
  });

  it('stores a batch and its items and gives them back as written, items in index order', async () => {
    await state.repository.createBatch(batch('b1', { runAfter: 'b0', comparisonId: 'c1', concurrency: 2 }), items(3));
    expect(await state.repository.getBatch('b1')).toEqual({
      batch: batch('b1', { runAfter: 'b0', comparisonId: 'c1', concurrency: 2 }),
      items: items(3),
    });
    expect(await state.repository.getBatch('unknown')).toBeUndefined();
  });

  it('hands out copies: changing what was read changes nothing stored', async () => {
    await state.repository.createBatch(batch('b1'), items(1));
    const read = (await state.repository.getBatch('b1'))!;
    read.batch.status = 'completed';
    read.items[0]!.label = 'changed';
    expect(await state.repository.getBatch('b1')).toEqual({ batch: batch('b1'), items: items(1) });
  });

  it('writes an event with its effects on the batch and the item, and replays the log after an id', async () => {
    await state.repository.createBatch(batch('b1'), items(2));
    const started = { type: 'batch-started', batchId: 'b1', total: 2, model: 'm', concurrency: 1, resumed: false, retry: false } as const;
    await state.repository.recordEvent('b1', { id: 1, event: started }, { batch: { status: 'running', finishedAt: null } });
    const finished = { type: 'item-finished', batchId: 'b1', result: result(1) } as const;
    await state.repository.recordEvent('b1', { id: 2, event: finished }, { item: { index: 1, status: 'success', result: result(1) } });
    expect(await state.repository.events('b1', 0)).toEqual([
      { id: 1, event: started },
      { id: 2, event: finished },
    ]);
    expect(await state.repository.events('b1', 1)).toEqual([{ id: 2, event: finished }]);
    expect(await state.repository.lastEventId('b1')).toBe(2);
    expect(await state.repository.lastEventId('unknown')).toBe(0);
    const stored = (await state.repository.getBatch('b1'))!;
    expect(stored.batch.status).toBe('running');
    expect(stored.items.map((item) => [item.status, item.result])).toEqual([
      ['queued', null],
      ['success', result(1)],
    ]);
  });

  it('patches only the given fields of a batch and of items', async () => {
    await state.repository.createBatch(batch('b1'), items(2));
    const stats = computeStats([result(0), result(1)], 1.5);
    await state.repository.updateBatch('b1', { status: 'completed', elapsedS: 1.5, stats });
    await state.repository.updateItems('b1', [{ index: 0, status: 'error', result: null }]);
    const stored = (await state.repository.getBatch('b1'))!;
    expect(stored.batch).toEqual({ ...batch('b1'), status: 'completed', elapsedS: 1.5, stats });
    expect(stored.items.map((item) => item.status)).toEqual(['error', 'queued']);
  });
}

/** Lists, pages, unfinished batches, labels, deletion and comparisons. */
function describeListing(state: RepositoryUnderTest) {
  it('lists batches newest first with their size, a page at a time', async () => {
    for (const [id, minute] of [
      ['a', 1],
      ['b', 3],
      ['c', 2],
    ] as const)
      await state.repository.createBatch(batch(id, { createdAt: at(minute) }), items(minute));
    const first = await state.repository.listBatches({ limit: 2 });
    expect(first.batches.map((entry) => [entry.batchId, entry.total])).toEqual([
      ['b', 3],
      ['c', 2],
    ]);
    const second = await state.repository.listBatches({ limit: 2, cursor: first.nextCursor });
    expect(second.batches.map((entry) => entry.batchId)).toEqual(['a']);
    expect(second.nextCursor).toBeNull();
  });

  it('finds the unfinished batches oldest first, and the queued ones waiting for a batch', async () => {
    await state.repository.createBatch(batch('late', { createdAt: at(2), runAfter: 'early' }), items(1));
    await state.repository.createBatch(batch('early', { createdAt: at(1), status: 'running' }), items(1));
    await state.repository.createBatch(batch('done', { createdAt: at(0), status: 'completed', runAfter: 'early' }), items(1));
    expect(await state.repository.unfinishedBatchIds()).toEqual(['early', 'late']);
    expect(await state.repository.batchesWaitingFor('early')).toEqual(['late']);
    expect(await state.repository.batchesWaitingFor('late')).toEqual([]);
  });

  it('sets labels by index and deletes a batch with its items, events and thumbnails', async () => {
    await state.repository.createBatch(batch('b1'), items(2));
    await state.repository.setLabels('b1', [{ index: 1, label: 'dog' }]);
    expect((await state.repository.getBatch('b1'))!.items.map((item) => item.label)).toEqual([null, 'dog']);
    await state.repository.saveThumbnail('b1', 0, Buffer.from([1, 2, 3]));
    expect(await state.repository.getThumbnail('b1', 0)).toEqual(Buffer.from([1, 2, 3]));
    expect(await state.repository.getThumbnail('b1', 1)).toBeUndefined();
    await state.repository.recordEvent(
      'b1',
      { id: 1, event: { type: 'item-started', batchId: 'b1', index: 0, filename: 'photo-0.jpg' } },
      {},
    );
    await state.repository.deleteBatch('b1');
    expect(await state.repository.getBatch('b1')).toBeUndefined();
    expect(await state.repository.events('b1', 0)).toEqual([]);
    expect(await state.repository.getThumbnail('b1', 0)).toBeUndefined();
  });

  it('stores comparisons and lists them newest first, a page at a time', async () => {
    const comparison = (id: string, minute: number) => ({
      comparisonId: id,
      createdAt: at(minute),
      prompt: null,
      models: ['m1', 'm2'],
      batchIds: [`${id}-1`, `${id}-2`],
    });
    for (const [id, minute] of [
      ['x', 1],
      ['y', 2],
      ['z', 0],
    ] as const)
      await state.repository.createComparison(comparison(id, minute));
    expect(await state.repository.getComparison('y')).toEqual(comparison('y', 2));
    expect(await state.repository.getComparison('unknown')).toBeUndefined();
    const first = await state.repository.listComparisons({ limit: 2 });
    expect(first.comparisons.map((entry) => entry.comparisonId)).toEqual(['y', 'x']);
    const second = await state.repository.listComparisons({ limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ comparisons: [comparison('z', 0)], nextCursor: null });
  });

  it('keeps the field a comparison’s ground truth is for', async () => {
    const chosen = { comparisonId: 't', createdAt: at(3), prompt: null, models: ['m1'], batchIds: ['t-1'], truthField: 'caption' };
    await state.repository.createComparison(chosen);
    expect(await state.repository.getComparison('t')).toEqual(chosen);
  });
}

/** A log several processes write (a cluster's workers): ids numbered by the store, results and ends written once. */
function describeSharedLog(state: RepositoryUnderTest) {
  it('numbers appended events after the stored log, whoever wrote it', async () => {
    await state.repository.createBatch(batch('b1'), items(2));
    const started = { type: 'item-started', batchId: 'b1', index: 0, filename: 'photo-0.jpg' } as const;
    await state.repository.recordEvent('b1', { id: 1, event: started }, {});
    const appended = await state.repository.appendEvent(
      'b1',
      { ...started, index: 1 },
      { item: { index: 1, status: 'running', result: null } },
    );
    expect(appended).toEqual({ id: 2, event: { ...started, index: 1 } });
    expect((await state.repository.events('b1', 1)).map((entry) => entry.id)).toEqual([2]);
    expect((await state.repository.getBatch('b1'))!.items[1]!.status).toBe('running');
    await expect(state.repository.appendEvent('unknown', started, {})).rejects.toThrow(/unknown/);
  });

  it("records an item's result and its event once: a second result for it (a job run twice) writes nothing", async () => {
    await state.repository.createBatch(batch('b1'), items(2));
    const finished = (answer: string) => ({ type: 'item-finished', batchId: 'b1', result: { ...result(1), entity: answer } }) as const;
    const first = await state.repository.recordItemResultOnce('b1', finished('cat'), {
      index: 1,
      status: 'success',
      result: finished('cat').result,
    });
    expect(first).toEqual({ id: 1, event: finished('cat') });
    const again = await state.repository.recordItemResultOnce('b1', finished('dog'), {
      index: 1,
      status: 'success',
      result: finished('dog').result,
    });
    expect(again).toBeUndefined();
    expect(await state.repository.events('b1', 0)).toEqual([{ id: 1, event: finished('cat') }]);
    expect((await state.repository.getBatch('b1'))!.items[1]!.result?.entity).toBe('cat');
    // Queued again (a retry), the item takes its next result.
    await state.repository.updateItems('b1', [{ index: 1, status: 'queued', result: null }]);
    const retried = await state.repository.recordItemResultOnce('b1', finished('dog'), {
      index: 1,
      status: 'success',
      result: finished('dog').result,
    });
    expect(retried?.id).toBe(2);
    expect(
      await state.repository.recordItemResultOnce('unknown', finished('cat'), { index: 1, status: 'success', result: null }),
    ).toBeUndefined();
  });

  it('gives each of many results written at once its own event id, each item once', async () => {
    await state.repository.createBatch(batch('b1'), items(6));
    const finished = (index: number) => ({ type: 'item-finished', batchId: 'b1', result: result(index) }) as const;
    const writes = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5].map((index) =>
      state.repository.recordItemResultOnce('b1', finished(index), { index, status: 'success', result: result(index) }),
    );
    const written = (await Promise.all(writes)).filter((entry) => entry !== undefined);
    expect(written.map((entry) => entry.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const logged = await state.repository.events('b1', 0);
    expect(logged.map((entry) => (entry.event.type === 'item-finished' ? entry.event.result.index : -1)).sort()).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });

  it('starts a queued batch once: a second start, or a start of a running batch, writes nothing', async () => {
    await state.repository.createBatch(batch('b1'), items(1));
    const started = { type: 'batch-started', batchId: 'b1', total: 1, model: 'm', concurrency: 1, resumed: false, retry: false } as const;
    const effects = { batch: { status: 'running', finishedAt: null } } as const;
    const [first, second] = await Promise.all([
      state.repository.recordBatchStartedOnce('b1', started, effects),
      state.repository.recordBatchStartedOnce('b1', started, effects),
    ]);
    expect([first, second].filter(Boolean)).toEqual([{ id: 1, event: started }]);
    expect((await state.repository.getBatch('b1'))!.batch.status).toBe('running');
    expect(await state.repository.recordBatchStartedOnce('b1', started, effects)).toBeUndefined();
    expect(await state.repository.recordBatchStartedOnce('unknown', started, effects)).toBeUndefined();
  });

  it('finishes a batch once, and only when every item holds a final result', async () => {
    await state.repository.createBatch(batch('b1', { status: 'running' }), items(2));
    const stats = computeStats([result(0), result(1)], 2);
    const finished = { type: 'batch-finished', batchId: 'b1', status: 'completed', stats } as const;
    const effects = { batch: { status: 'completed', finishedAt: at(5), elapsedS: 2, stats } } as const;
    await state.repository.recordItemResultOnce(
      'b1',
      { type: 'item-finished', batchId: 'b1', result: result(0) },
      { index: 0, status: 'success', result: result(0) },
    );
    expect(await state.repository.recordBatchFinishedOnce('b1', finished, effects)).toBeUndefined();
    await state.repository.recordItemResultOnce(
      'b1',
      { type: 'item-finished', batchId: 'b1', result: result(1) },
      { index: 1, status: 'success', result: result(1) },
    );
    const [first, second] = await Promise.all([
      state.repository.recordBatchFinishedOnce('b1', finished, effects),
      state.repository.recordBatchFinishedOnce('b1', finished, effects),
    ]);
    expect([first, second].filter(Boolean)).toEqual([{ id: 3, event: finished }]);
    expect((await state.repository.getBatch('b1'))!.batch).toMatchObject({ status: 'completed', stats });
    expect(await state.repository.recordBatchFinishedOnce('unknown', finished, effects)).toBeUndefined();
  });
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

function batch(batchId: string, overrides: Partial<StoredBatch> = {}): StoredBatch {
  return {
    batchId,
    model: 'qwen/qwen3-vl-4b',
    prompt: null,
    status: 'queued',
    createdAt: at(0),
    finishedAt: null,
    elapsedS: 0,
    stats: null,
    comparisonId: null,
    runAfter: null,
    runRecord: null,
    concurrency: null,
    ...overrides,
  };
}

const items = (count: number): StoredItem[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    filename: `photo-${index}.jpg`,
    size: 100 + index,
    status: 'queued',
    result: null,
    label: null,
  }));

function result(index: number): ItemResult {
  return {
    index,
    filename: `photo-${index}.jpg`,
    success: true,
    entity: 'cat',
    model_answer: 'black cat',
    raw_answer: '{"entity":"black cat"}',
    error: null,
    errorCode: null,
    processing_time: 1.25,
    tokens_per_second: 40.5,
    time_to_first_token: 0.25,
    prompt_tokens: 300,
    completion_tokens: 6,
    queue_time: 0,
    preparation_time: 0.1,
    generation_time: 0.9,
  };
}
