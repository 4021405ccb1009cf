import { describeReviewRepositoryContract } from '@vision/core/testing';
import { afterAll, describe } from 'vitest';
import { clusterServicesMissing, startPostgres, type PostgresServer } from '../testing/cluster-services';
import { openPostgresReviewRepository, type PostgresReviewRepository } from './postgres-review-repository';

const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping the Postgres review repository's tests: ${missing}`);

describe.skipIf(missing)('Postgres reviews', () => {
  let server: Promise<PostgresServer> | undefined;
  let databases = 0;
  afterAll(async () => {
    await (await server)?.stop();
  });

  describeReviewRepositoryContract('Postgres', async () => {
    server ??= startPostgres();
    const url = await (await server).createDatabase(`reviews_${++databases}`);
    // The one open now: `reopen` closes it and opens another on the same database.
    let current: PostgresReviewRepository = await openPostgresReviewRepository(url);
    return {
      repository: current,
      reopen: async () => {
        await current.close();
        current = await openPostgresReviewRepository(url);
        return current;
      },
      close: () => current.close(),
    };
  });
});
