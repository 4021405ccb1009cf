import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clusterServicesMissing, startPostgres, startRedis } from './cluster-services';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the cluster's tests: ${missing}`);

function redisPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString().trim());
    });
    socket.once('error', reject);
  });
}

describe.skipIf(missing)('private Postgres and Redis for tests', () => {
  it('starts Postgres on a free port, gives a fresh database, and stops it', async () => {
    const postgres = await startPostgres();
    try {
      const client = new pg.Client({ connectionString: await postgres.createDatabase('scratch') });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS name');
      await client.end();
      expect(rows[0].name).toBe('scratch');
    } finally {
      await postgres.stop();
    }
    const client = new pg.Client({ connectionString: postgres.url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
  });

  it('starts Redis on a free port and stops it', async () => {
    const redis = await startRedis();
    expect(await redisPing(redis.port)).toBe('+PONG');
    await redis.stop();
    await expect(redisPing(redis.port)).rejects.toThrow();
  });
});
