import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRepository } from '../batch/repository';
import { computeStats } from '../batch/stats';
import { describeSharedLog } from './repository-contract-shared-log';
import { at, batch, items, result, type RepositoryUnderTest } from './repository-fixtures';

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

  it('deletes a comparison’s row, leaving its batches and other comparisons, and forgets an unknown id without complaint', async () => {
    const comparison = (id: string) => ({ comparisonId: id, createdAt: at(1), prompt: null, models: ['m1'], batchIds: [`${id}-1`] });
    await state.repository.createBatch(batch('gone-1', { comparisonId: 'gone' }), items(1));
    await state.repository.createComparison(comparison('gone'));
    await state.repository.createComparison(comparison('kept'));
    await state.repository.deleteComparison('gone');
    await state.repository.deleteComparison('unknown');
    expect(await state.repository.getComparison('gone')).toBeUndefined();
    expect((await state.repository.listComparisons({ limit: 10 })).comparisons).toEqual([comparison('kept')]);
    // The batches go through the batch service's deletion, with their files and review decisions, not here.
    expect((await state.repository.getBatch('gone-1'))?.batch.comparisonId).toBe('gone');
  });

  it('keeps the field a comparison’s ground truth is for', async () => {
    const chosen = { comparisonId: 't', createdAt: at(3), prompt: null, models: ['m1'], batchIds: ['t-1'], truthField: 'caption' };
    await state.repository.createComparison(chosen);
    expect(await state.repository.getComparison('t')).toEqual(chosen);
  });
}
