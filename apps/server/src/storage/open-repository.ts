import type { BatchRepository } from '@vision/core';
import { openPostgresRepository } from './postgres-repository';
import { openPostgresReviewRepository, type PostgresReviewRepository } from './postgres-review-repository';
import { openSqliteRepository } from './sqlite-repository';
import { openSqliteReviewRepository, type SqliteReviewRepository } from './sqlite-review-repository';

interface Where {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** Postgres when DATABASE_URL is set (several servers share it), else SQLite in DATA_DIR (one server). */
export function openRepository(config: Where): Promise<BatchRepository> {
  return config.databaseUrl ? openPostgresRepository(config.databaseUrl) : openSqliteRepository(config.dataDir);
}

/** The review decisions, beside the batches: in the same database. */
export function openReviewRepository(config: Where): Promise<SqliteReviewRepository | PostgresReviewRepository> {
  return config.databaseUrl ? openPostgresReviewRepository(config.databaseUrl) : openSqliteReviewRepository(config.dataDir);
}
