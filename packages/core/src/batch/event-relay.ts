import type { LoggedEvent } from './event-log';

/**
 * Carries each recorded event to the followers on every API server: a worker records an image's result, and a
 * browser following that batch on any API server sees it. The event log in the repository stays the truth; a
 * relayed event only wakes the followers (one that missed some reads them from the log).
 */
export interface EventRelay {
  publish(batchId: string, entry: LoggedEvent): Promise<void>;
  /** Hears every event published by any process (this one's too); call the answer to stop. */
  subscribe(listener: (batchId: string, entry: LoggedEvent) => void): () => void;
  close(): Promise<void>;
}

/** The relay of one process, for tests and the embedded mode: the same contract without Redis. */
export function createMemoryEventRelay(): EventRelay {
  const listeners = new Set<(batchId: string, entry: LoggedEvent) => void>();
  return {
    async publish(batchId, entry) {
      for (const listener of listeners) listener(batchId, structuredClone(entry));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
