import type { Client } from '@libsql/client';

/**
 * Schema changes, in order; each runs once, inside a transaction, and is recorded in `schema_migrations`.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string[] }> = [
  {
    version: 1,
    name: 'batches, items, events, thumbnails',
    sql: [
      `CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        prompt TEXT,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        elapsed_s REAL NOT NULL DEFAULT 0,
        stats TEXT
      )`,
      `CREATE INDEX batches_newest ON batches (created_at DESC, id DESC)`,
      `CREATE TABLE items (
        batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        filename TEXT NOT NULL,
        size INTEGER NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        thumbnail BLOB,
        PRIMARY KEY (batch_id, idx)
      )`,
      `CREATE TABLE events (
        batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
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
      `ALTER TABLE batches ADD COLUMN run_after TEXT`,
      `ALTER TABLE batches ADD COLUMN run_record TEXT`,
      `ALTER TABLE items ADD COLUMN label TEXT`,
      `CREATE INDEX batches_run_after ON batches (run_after) WHERE run_after IS NOT NULL`,
      `CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
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
      // A subject is a batch or a comparison; no foreign key, as the two live in different tables. The entity's
      // decision has field '' (a field's name is never empty). Undo removes a subject's highest step.
      `CREATE TABLE reviews (
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        step INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        field TEXT NOT NULL,
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

export async function migrate(db: Client): Promise<number> {
  await db.execute(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const applied = new Set((await db.execute('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)));
  let count = 0;
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await db.batch(
      [
        ...migration.sql,
        {
          sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          args: [migration.version, migration.name, new Date().toISOString()],
        },
      ],
      'write',
    );
    count += 1;
  }
  return count;
}
