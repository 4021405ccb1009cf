import type { BatchRepository } from '@vision/core';
import { openPostgresRepository } from './postgres-repository';
import { openSqliteRepository } from './sqlite-repository';

/** Postgres when DATABASE_URL is set (several servers share it), else SQLite in DATA_DIR (one server). */
export function openRepository(config: { databaseUrl: string | undefined; dataDir: string }): Promise<BatchRepository> {
  return config.databaseUrl ? openPostgresRepository(config.databaseUrl) : openSqliteRepository(config.dataDir);
}
