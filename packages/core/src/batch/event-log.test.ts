import { describe, expect, it } from 'vitest';
import { BatchEventLog, type LoggedEvent } from './event-log';
import type { BatchProgressEvent } from './types';

const started = (index: number): BatchProgressEvent => ({ type: 'item-started', batchId: 'b', index, filename: `${index}.png` });
const finished: BatchProgressEvent = {
  type: 'batch-finished', batchId: 'b', status: 'completed',
  stats: { total_images: 0, successful: 0, failed: 0, total_processing_time: 0, average_processing_time: 0, wall_time: 0 },
};

async function drain(events: AsyncGenerator<LoggedEvent>): Promise<number[]> {
  const ids: number[] = [];
  for await (const entry of events) ids.push(entry.id);
  return ids;
}

describe('BatchEventLog.follow', () => {
  it('replays the events after lastEventId, then live ones, and ends with the batch', async () => {
    const log = new BatchEventLog();
    log.append(started(0));
    log.append(started(1));
    const following = drain(log.follow(1));
    await Promise.resolve();
    log.append(started(2));
    log.append(finished);
    expect(await following).toEqual([2, 3, 4]);
  });

  it('loses nothing appended while a subscriber is still replaying', async () => {
    const log = new BatchEventLog();
    for (let i = 0; i < 5; i++) log.append(started(i));
    const ids: number[] = [];
    for await (const entry of log.follow(0)) {
      ids.push(entry.id);
      if (entry.id === 2) log.append(started(5));
      if (entry.id === 6) log.append(finished);
    }
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops following when the signal aborts', async () => {
    const log = new BatchEventLog();
    log.append(started(0));
    const controller = new AbortController();
    const following = drain(log.follow(0, controller.signal));
    setTimeout(() => controller.abort(), 10);
    expect(await following).toEqual([1]);
  });
});
