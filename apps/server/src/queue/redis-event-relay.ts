import type { EventRelay, LoggedEvent } from '@vision/core';
import { Redis } from 'ioredis';

/**
 * Core's event relay over Redis pub/sub: each recorded event is published once, and every API server hears it.
 * A server that was disconnected misses messages, not events: its followers read the gap from the event log.
 */
export function createRedisEventRelay(redisUrl: string, prefix = 'vision'): EventRelay {
  const channel = `${prefix}:events`;
  const publisher = new Redis(redisUrl, { lazyConnect: true });
  publisher.on('error', () => undefined);
  const listeners = new Set<(batchId: string, entry: LoggedEvent) => void>();
  let subscriber: Redis | undefined;

  const subscribe = () => {
    if (subscriber) return;
    subscriber = new Redis(redisUrl);
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, message: string) => {
      const { batchId, entry } = JSON.parse(message) as { batchId: string; entry: LoggedEvent };
      for (const listener of listeners) listener(batchId, entry);
    });
    void subscriber.subscribe(channel).catch(() => undefined);
  };

  return {
    async publish(batchId, entry) {
      await publisher.publish(channel, JSON.stringify({ batchId, entry }));
    },
    subscribe(listener) {
      listeners.add(listener);
      subscribe();
      return () => void listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await subscriber?.quit().catch(() => undefined);
      await publisher.quit().catch(() => undefined);
    },
  };
}
