import { describeRepositoryContract } from '@vision/core/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing, startPostgres, type PostgresServer } from '../testing/cluster-services';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { openPostgresRepository } from './postgres-repository';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the Postgres repository's tests: ${missing}`);

describe.skipIf(missing)('Postgres', () => {
  // One private server for the file, a fresh database for each test.
  let server: Promise<PostgresServer> | undefined;
  let databases = 0;
  afterAll(async () => {
    await (await server)?.stop();
  });

  describeRepositoryContract('Postgres', async () => {
    server ??= startPostgres();
    const url = await (await server).createDatabase(`contract_${++databases}`);
    const repository = await openPostgresRepository(url);
    return { repository, close: () => repository.close() };
  });
});

describe.skipIf(missing)('Postgres migrations', () => {
  let server: PostgresServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('run once when several servers start at the same time', async () => {
    server = await startPostgres();
    const url = await server.createDatabase('starting_together');
    const repositories = await Promise.all([1, 2, 3, 4].map(() => openPostgresRepository(url, { poolSize: 2 })));
    await Promise.all(repositories.map((repository) => repository.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
  });
});
