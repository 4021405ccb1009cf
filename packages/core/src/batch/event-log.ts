import type { BatchProgressEvent } from './types';

export interface LoggedEvent {
  /** Position in the batch's log, from 1; the SSE event id a reconnecting client sends back. */
  id: number;
  event: BatchProgressEvent;
}

/**
 * Every event of one batch, kept so a late or reconnecting subscriber gets what it missed before the live
 * ones. The log ends with the batch's final event.
 */
export class BatchEventLog {
  private readonly events: LoggedEvent[] = [];
  private readonly listeners = new Set<(entry: LoggedEvent) => void>();

  get ended(): boolean {
    return this.events.at(-1)?.event.type === 'batch-finished';
  }

  append(event: BatchProgressEvent): LoggedEvent {
    const entry = { id: this.events.length + 1, event };
    this.events.push(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  all(): ReadonlyArray<LoggedEvent> {
    return this.events;
  }

  /** Events after `lastEventId`, then live ones, until the batch finishes or `signal` aborts. */
  async *follow(lastEventId: number, signal?: AbortSignal): AsyncGenerator<LoggedEvent> {
    const pending: LoggedEvent[] = [];
    let wake: (() => void) | undefined;
    // Listen before replaying, so nothing appended while replaying is lost.
    const listener = (entry: LoggedEvent) => {
      pending.push(entry);
      wake?.();
    };
    const onAbort = () => wake?.();
    this.listeners.add(listener);
    signal?.addEventListener('abort', onAbort);
    try {
      let lastSent = lastEventId;
      for (const entry of this.events.slice()) {
        if (entry.id <= lastSent) continue;
        lastSent = entry.id;
        yield entry;
        if (entry.event.type === 'batch-finished') return;
      }
      while (!signal?.aborted) {
        const entry = pending.shift();
        if (!entry) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (entry.id <= lastSent) continue;
        lastSent = entry.id;
        yield entry;
        if (entry.event.type === 'batch-finished') return;
      }
    } finally {
      this.listeners.delete(listener);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
