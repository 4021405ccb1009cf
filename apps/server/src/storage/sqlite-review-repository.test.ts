import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeReviewRepositoryContract } from '@vision/core/testing';
import { openSqliteReviewRepository, type SqliteReviewRepository } from './sqlite-review-repository';

describeReviewRepositoryContract('SQLite', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-reviews-'));
  const opened: SqliteReviewRepository[] = [await openSqliteReviewRepository(dataDir)];
  return {
    repository: opened[0]!,
    reopen: async () => {
      await opened[0]!.close();
      const again = await openSqliteReviewRepository(dataDir);
      opened.push(again);
      return again;
    },
    close: async () => {
      for (const repository of opened) await repository.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
