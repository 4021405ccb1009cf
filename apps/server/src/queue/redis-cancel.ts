import { Redis } from 'ioredis';

/**
 * A batch's cancel reaches every worker: a key says the batch is cancelled (a job taken after the cancel is not
 * run), and a Redis message tells the workers to abort the batch's jobs they are running.
 */
export interface CancelChannel {
  markCancelled(batchId: string): Promise<void>;
  /** The batch runs again (a retry after a cancel): its images are taken again. */
  unmark(batchId: string): Promise<void>;
  isCancelled(batchId: string): Promise<boolean>;
  announce(batchId: string): Promise<void>;
  /**
   * Calls `listener` with each cancelled batch's id from the moment `ready` resolves (subscribed); `stop` ends it.
   */
  onCancel(listener: (batchId: string) => void): { ready: Promise<unknown>; stop(): Promise<void> };
  close(): Promise<void>;
}

/** A cancelled batch's mark outlives any job of it still in a queue. */
const MARK_SECONDS = 24 * 3600;

export function createCancelChannel(redisUrl: string, prefix: string): CancelChannel {
  const channel = `${prefix}:cancel`;
  const mark = (batchId: string) => `${prefix}:cancelled:${batchId}`;
  const listeners = new Set<(batchId: string) => void>();
  const commands = new Redis(redisUrl, { lazyConnect: true });
  commands.on('error', () => undefined);
  let subscriber: Promise<Redis> | undefined;

  const subscribe = () =>
    (subscriber ??= (async () => {
      const connection = new Redis(redisUrl);
      connection.on('error', () => undefined);
      connection.on('message', (_channel: string, batchId: string) => {
        for (const listener of listeners) listener(batchId);
      });
      await connection.subscribe(channel);
      return connection;
    })());

  return {
    async markCancelled(batchId) {
      await commands.set(mark(batchId), '1', 'EX', MARK_SECONDS);
    },
    async unmark(batchId) {
      await commands.del(mark(batchId));
    },
    async isCancelled(batchId) {
      return (await commands.exists(mark(batchId))) === 1;
    },
    async announce(batchId) {
      await commands.publish(channel, batchId);
    },
    onCancel(listener) {
      listeners.add(listener);
      const ready = subscribe();
      return {
        ready,
        async stop() {
          listeners.delete(listener);
          await ready;
        },
      };
    },
    async close() {
      if (subscriber) await (await subscriber).quit().catch(() => undefined);
      await commands.quit().catch(() => undefined);
    },
  };
}
