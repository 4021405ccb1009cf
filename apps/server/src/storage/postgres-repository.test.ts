import { describeRepositoryContract } from '@vision/core/testing';
import { afterAll, describe } from 'vitest';
import { clusterServicesMissing, startPostgres, type PostgresServer } from '../testing/cluster-services';
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
