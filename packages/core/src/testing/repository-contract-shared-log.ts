import { expect, it } from 'vitest';
import { computeStats } from '../batch/stats';
import { at, batch, items, result, type RepositoryUnderTest } from './repository-fixtures';

/** A log several processes write (a cluster's workers): ids numbered by the store, results and ends written once. */
export function describeSharedLog(state: RepositoryUnderTest) {
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
