import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeRepositoryContract } from '@vision/core/testing';
import { openSqliteRepository } from './sqlite-repository';

describeRepositoryContract('SQLite', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-repository-'));
  const repository = await openSqliteRepository(dataDir);
  return {
    repository,
    close: async () => {
      await repository.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
