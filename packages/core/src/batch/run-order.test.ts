import { describe, expect, it } from 'vitest';
import { createMemoryBatchRepository } from '../testing/memory-repository';
import { createRunOrder } from './run-order';
import type { StoredBatch } from './repository';
import type { BatchStatus } from './types';

const batch = (batchId: string, status: BatchStatus, runAfter: string | null, minute: number): StoredBatch => ({
  batchId,
  model: 'm',
  prompt: null,
  status,
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
  finishedAt: null,
  elapsedS: 0,
  stats: null,
  comparisonId: 'c',
  runAfter,
  runRecord: null,
  concurrency: null,
});

async function comparisonOf(statuses: BatchStatus[]) {
  const repository = createMemoryBatchRepository();
  for (const [position, status] of statuses.entries()) {
    await repository.createBatch(batch(`m${position}`, status, position ? `m${position - 1}` : null, position), []);
  }
  return createRunOrder(repository);
}

const notRunning = () => false;

describe('the run order of batches chained by runAfter (a comparison)', () => {
  it('makes a model wait while the previous model is queued or running, and not once it has ended', async () => {
    expect(await (await comparisonOf(['queued', 'queued'])).mustWait('m0', notRunning)).toBe(true);
    expect(await (await comparisonOf(['running', 'queued'])).mustWait('m0', notRunning)).toBe(true);
    expect(await (await comparisonOf(['completed', 'queued'])).mustWait('m0', notRunning)).toBe(false);
    expect(await (await comparisonOf(['cancelled', 'queued'])).mustWait('m0', notRunning)).toBe(false);
    // A run this process still has counts as running whatever is stored yet.
    expect(await (await comparisonOf(['completed', 'queued'])).mustWait('m0', (id) => id === 'm0')).toBe(true);
    expect(await (await comparisonOf(['completed'])).mustWait(null, notRunning)).toBe(false);
  });

  it('starts the next queued model when one ends, and none that was cancelled', async () => {
    expect(await (await comparisonOf(['completed', 'queued', 'queued'])).nextAfter('m0')).toEqual(['m1']);
    expect(await (await comparisonOf(['completed', 'cancelled'])).nextAfter('m0')).toEqual([]);
  });

  it('after a restart resumes only the batches whose predecessor is not itself unfinished', async () => {
    const order = await comparisonOf(['completed', 'running', 'queued']);
    expect(await order.firstToResume(['m1', 'm2'])).toEqual(['m1']);
    expect(await order.firstToResume(['m2'])).toEqual(['m2']);
  });
});
