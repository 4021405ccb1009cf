import type { LoggedEvent } from './event-log';

export type HubMessage = LoggedEvent | 'idle' | 'quiet';

export interface HubSubscription extends AsyncIterable<HubMessage> {
  close(): void;
}

/**
 * Live fan-out of each batch's events to its subscribers. `idle` tells them that the batch's run ended, so a
 * follower with nothing left to read can stop.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<(message: HubMessage | 'closed') => void>>();

  publish(batchId: string, entry: LoggedEvent): void {
    for (const listener of this.listeners.get(batchId) ?? []) listener(entry);
  }

  publishIdle(batchId: string): void {
    for (const listener of this.listeners.get(batchId) ?? []) listener('idle');
  }

  /** Ends every subscription (the server is stopping): followers' streams end cleanly, to resume elsewhere. */
  closeAll(): void {
    for (const set of [...this.listeners.values()]) for (const listener of [...set]) listener('closed');
  }

  /** With `quietMs`, a subscriber that heard nothing for that long is told `quiet` (to look in the log itself). */
  subscribe(batchId: string, signal?: AbortSignal, quietMs?: number): HubSubscription {
    const pending: HubMessage[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const listener = (message: HubMessage | 'closed') => {
      if (message === 'closed') return close();
      pending.push(message);
      wake?.();
    };
    const set = this.listeners.get(batchId) ?? new Set();
    set.add(listener);
    this.listeners.set(batchId, set);
    const close = () => {
      closed = true;
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(batchId) === set) this.listeners.delete(batchId);
      wake?.();
    };
    signal?.addEventListener('abort', close, { once: true });
    return {
      close,
      async *[Symbol.asyncIterator]() {
        while (!closed) {
          const message = pending.shift();
          if (message !== undefined) {
            yield message;
            continue;
          }
          const timer = quietMs === undefined ? undefined : setTimeout(() => listener('quiet'), quietMs);
          await new Promise<void>((resolve) => (wake = resolve));
          clearTimeout(timer);
          wake = undefined;
        }
      },
    };
  }
}
