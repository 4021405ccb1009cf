import type { PooledModelInfo } from '@vision/core';
import { Redis } from 'ioredis';

/** What a worker says of itself, every few seconds: which models it serves, on which hosts, how busy it is. */
export interface WorkerAnnouncement {
  id: string;
  hostname: string;
  pid: number;
  models: string[];
  /** Its hosts' model list as they gave it (vision, load state, slots): what `models.list` shows on the API servers. */
  catalog: PooledModelInfo[];
  hosts: Array<{ baseUrl: string; kind: string | null; reachable: boolean; slots: number }>;
  slots: number;
  /** Images it runs now, and has finished since it started. */
  running: number;
  finished: number;
  startedAt: string;
}

export interface WorkerRegistry {
  announce(worker: WorkerAnnouncement): Promise<void>;
  withdraw(id: string): Promise<void>;
  /** The workers heard from within the heartbeat's lifetime. */
  list(): Promise<WorkerAnnouncement[]>;
  close(): Promise<void>;
}

/** A worker unheard for this long is gone (killed, its machine down): a missed beat or two is forgiven. */
export const HEARTBEAT_MS = 5_000;
const LIFETIME_S = 15;

export function createWorkerRegistry(redisUrl: string, prefix = 'vision'): WorkerRegistry {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  redis.on('error', () => undefined);
  const key = (id: string) => `${prefix}:worker:${id}`;
  return {
    async announce(worker) {
      await redis.set(key(worker.id), JSON.stringify(worker), 'EX', LIFETIME_S);
    },
    async withdraw(id) {
      await redis.del(key(id));
    },
    async list() {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', key('*'), 'COUNT', 100);
        keys.push(...found);
        cursor = next;
      } while (cursor !== '0');
      if (!keys.length) return [];
      const values = await redis.mget(...keys);
      return values.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as WorkerAnnouncement);
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}
