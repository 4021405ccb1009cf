import type { ConnectionOptions } from 'bullmq';

/** REDIS_URL as ioredis's options (BullMQ takes those, not a URL): host, port, user, password, database, TLS. */
export function redisConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: db ? Number(db) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's workers block on Redis: a command must wait for a reconnect rather than fail.
    maxRetriesPerRequest: null,
  };
}
