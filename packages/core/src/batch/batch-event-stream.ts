import type { EventRelay } from './event-relay';
import { EventHub } from './event-hub';
import type { LoggedEvent } from './event-log';
import type { BatchRepository, EventEffects } from './repository';
import { isCancelled } from './stats';
import type { BatchProgressEvent, BatchStatus, ItemStatus } from './types';

/** Records each batch's events and lets clients follow them: the stored log first, then the live ones. */
export interface BatchEventStream {
  /** A run's `onEvent`: numbers each event after the stored log, writes it with its effects, then publishes it. */
  recorder(batchId: string): Promise<(event: BatchProgressEvent) => Promise<void>>;
  /**
   * Events after `lastEventId`, then live ones, until the batch has ended for good. `isRunning` tells whether
   * a run of the batch is still going (its events may yet come).
   */
  follow(batchId: string, lastEventId: number, isRunning: (batchId: string) => boolean, signal?: AbortSignal): AsyncGenerator<LoggedEvent>;
  /** Tells the followers that the batch's run ended, so one with nothing left to read can stop. */
  runEnded(batchId: string): void;
  /** Drops what is remembered of a deleted batch. */
  forget(batchId: string): void;
  /** Ends every follower's stream cleanly (the server is stopping): clients resume from another start. */
  closeAll(): void;
}

/**
 * With a `relay` (a cluster), the log is shared with other processes: events are numbered by the repository as
 * they are appended, and the events other processes record reach this process's followers through the relay.
 */
export function createBatchEventStream(repository: BatchRepository, relay?: EventRelay): BatchEventStream {
  const hub = new EventHub();
  // The newest id of each batch's log, known without a query once a run has recorded an event.
  const lastIds = new Map<string, number>();
  const latestId = async (batchId: string) => lastIds.get(batchId) ?? (await repository.lastEventId(batchId));
  const heard = (batchId: string, entry: LoggedEvent) => {
    lastIds.set(batchId, Math.max(lastIds.get(batchId) ?? 0, entry.id));
    hub.publish(batchId, entry);
  };
  relay?.subscribe(heard);

  async function recorder(batchId: string) {
    if (relay)
      return async (event: BatchProgressEvent) => {
        const entry = await repository.appendEvent(batchId, event, effectsOf(event));
        heard(batchId, entry);
        await relay.publish(batchId, entry);
      };
    let lastId = await repository.lastEventId(batchId);
    return async (event: BatchProgressEvent) => {
      const entry = { id: ++lastId, event };
      await repository.recordEvent(batchId, entry, effectsOf(event));
      heard(batchId, entry);
    };
  }

  async function* follow(batchId: string, lastEventId: number, isRunning: (batchId: string) => boolean, signal?: AbortSignal) {
    // Listen before reading the stored log, so nothing recorded in between is lost.
    const live = hub.subscribe(batchId, signal);
    try {
      let last = lastEventId;
      // The stream ends when the batch has ended for good and the follower has every event: not merely when no
      // run is active (a batch waits its turn in a comparison, or for the restarted server to resume it).
      const ended = async () =>
        !isRunning(batchId) && last >= (await latestId(batchId)) && isSettled((await repository.getBatch(batchId))?.batch.status);
      const isEnd = async (entry: LoggedEvent) => entry.event.type === 'batch-finished' && (await ended());
      for (const entry of await repository.events(batchId, last)) {
        last = entry.id;
        yield entry;
        if (await isEnd(entry)) return;
      }
      if (await ended()) return;
      for await (const entry of live) {
        if (entry === 'idle') {
          if (await ended()) return;
          continue;
        }
        if (entry.id <= last) continue;
        // Relayed events from several processes may overtake each other: the ones skipped are read from the log.
        const missed = entry.id > last + 1 ? await repository.events(batchId, last) : [entry];
        for (const next of missed) {
          if (next.id <= last) continue;
          last = next.id;
          yield next;
          if (await isEnd(next)) return;
        }
      }
    } finally {
      live.close();
    }
  }

  return {
    recorder,
    follow,
    runEnded: (batchId) => hub.publishIdle(batchId),
    forget: (batchId) => void lastIds.delete(batchId),
    closeAll: () => hub.closeAll(),
  };
}

const isSettled = (status: BatchStatus | undefined) => status === undefined || status === 'completed' || status === 'cancelled';

/** What an event changes in the stored batch, written in the same transaction as the event. */
export function effectsOf(event: BatchProgressEvent): EventEffects {
  switch (event.type) {
    case 'batch-started':
      return { batch: { status: 'running', finishedAt: null } };
    case 'item-started':
      return { item: { index: event.index, status: 'running', result: null } };
    case 'item-finished': {
      const { result } = event;
      const status: ItemStatus = result.success ? 'success' : isCancelled(result) ? 'cancelled' : 'error';
      return { item: { index: result.index, status, result } };
    }
    case 'batch-finished':
      return { batch: { status: event.status, finishedAt: new Date().toISOString(), elapsedS: event.stats.wall_time, stats: event.stats } };
  }
}
