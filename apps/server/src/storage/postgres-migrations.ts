import type pg from 'pg';

/**
 * Postgres's schema, version for version the same as SQLite's (migrations.ts), so `copy-to-postgres` maps table
 * to table. Ids and timestamps sort by their bytes (COLLATE "C"), as in SQLite, whatever the cluster's locale.
 * Never edit a migration that has shipped: add the next one, here and in migrations.ts.
 */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string[] }> = [
  {
    version: 1,
    name: 'batches, items, events, thumbnails',
    sql: [
      `CREATE TABLE batches (
        id TEXT COLLATE "C" PRIMARY KEY,
        model TEXT NOT NULL,
        prompt TEXT,
        status TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        finished_at TEXT,
        elapsed_s DOUBLE PRECISION NOT NULL DEFAULT 0,
        stats TEXT
      )`,
      `CREATE INDEX batches_newest ON batches (created_at DESC, id DESC)`,
      `CREATE TABLE items (
        batch_id TEXT COLLATE "C" NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        filename TEXT NOT NULL,
        size BIGINT NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        thumbnail BYTEA,
        PRIMARY KEY (batch_id, idx)
      )`,
      `CREATE TABLE events (
        batch_id TEXT COLLATE "C" NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (batch_id, id)
      )`,
    ],
  },
  {
    version: 2,
    name: 'comparisons, labels and run records',
    sql: [
      `ALTER TABLE batches ADD COLUMN comparison_id TEXT`,
      `ALTER TABLE batches ADD COLUMN run_after TEXT COLLATE "C"`,
      `ALTER TABLE batches ADD COLUMN run_record TEXT`,
      `ALTER TABLE items ADD COLUMN label TEXT`,
      `CREATE INDEX batches_run_after ON batches (run_after) WHERE run_after IS NOT NULL`,
      `CREATE TABLE comparisons (
        id TEXT COLLATE "C" PRIMARY KEY,
        created_at TEXT COLLATE "C" NOT NULL,
        prompt TEXT,
        models TEXT NOT NULL,
        batch_ids TEXT NOT NULL
      )`,
      `CREATE INDEX comparisons_newest ON comparisons (created_at DESC, id DESC)`,
    ],
  },
  {
    version: 3,
    name: "the upload's concurrency",
    sql: [`ALTER TABLE batches ADD COLUMN concurrency INTEGER`],
  },
  {
    version: 4,
    name: "the batch's fields",
    sql: [`ALTER TABLE batches ADD COLUMN fields TEXT`],
  },
  {
    version: 5,
    name: 'review decisions',
    sql: [
      `CREATE TABLE reviews (
        subject_kind TEXT NOT NULL,
        subject_id TEXT COLLATE "C" NOT NULL,
        step INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        field TEXT COLLATE "C" NOT NULL,
        action TEXT NOT NULL,
        label TEXT,
        suggestion TEXT,
        source TEXT,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id, step, idx, field)
      )`,
    ],
  },
  {
    version: 6,
    name: "the comparison's ground-truth field",
    sql: [`ALTER TABLE comparisons ADD COLUMN truth_field TEXT`],
  },
];

/** Any number, as long as every server uses the same: the advisory lock that lets one server migrate at a time. */
const MIGRATION_LOCK = 0x76697369; // 'visi'

/**
 * Brings the schema up to date in one transaction. Several servers starting at once queue on an advisory lock
 * held until the transaction ends: the first migrates, the others then find nothing left to do.
 */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)));
    let count = 0;
    for (const migration of POSTGRES_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const sql of migration.sql) await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      count += 1;
    }
    await client.query('COMMIT');
    return count;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
