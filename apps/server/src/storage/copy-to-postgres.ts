import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { migrate } from './migrations';
import { migratePostgres } from './postgres-migrations';
import { inTransaction } from './postgres-transaction';

/** Parents before children: the foreign keys hold at every insert. */
const TABLES = ['batches', 'comparisons', 'items', 'events', 'reviews'] as const;
const CONFLICT_KEYS: Record<(typeof TABLES)[number], string> = {
  batches: 'id',
  comparisons: 'id',
  items: 'batch_id, idx',
  events: 'batch_id, id',
  reviews: '',
};

export interface CopyReport {
  /** Rows written per table. */
  copied: Record<string, number>;
  /** Rows already in Postgres (an earlier copy), left as they are. */
  skipped: Record<string, number>;
}

async function sqliteColumns(db: Client, table: string): Promise<string[]> {
  const result = await db.execute(`PRAGMA table_info(${table})`);
  return result.rows.map((row) => String(row.name));
}

async function postgresColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const result = await client.query('SELECT column_name FROM information_schema.columns WHERE table_name = $1', [table]);
  return result.rows.map((row) => String(row.column_name));
}

const toPostgres = (value: unknown) => (value instanceof ArrayBuffer ? Buffer.from(value) : value);

async function copyTable(db: Client, client: pg.PoolClient, table: (typeof TABLES)[number], report: CopyReport) {
  const target = new Set(await postgresColumns(client, table));
  const columns = (await sqliteColumns(db, table)).filter((column) => target.has(column));
  if (!columns.length) return;
  const conflict = CONFLICT_KEYS[table] ? `ON CONFLICT (${CONFLICT_KEYS[table]}) DO NOTHING` : 'ON CONFLICT DO NOTHING';
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ${conflict}`;
  const rows = (await db.execute(`SELECT ${columns.join(', ')} FROM ${table}`)).rows;
  report.copied[table] = 0;
  report.skipped[table] = 0;
  for (const row of rows) {
    const result = await client.query(
      insert,
      columns.map((column) => toPostgres(row[column])),
    );
    if (result.rowCount) report.copied[table] += 1;
    else report.skipped[table] += 1;
  }
}

/**
 * Copies the history kept in a DATA_DIR's SQLite (batches, items with their thumbnails, the event log,
 * comparisons, reviews) into the Postgres at `databaseUrl`, in one transaction. Rows already there are kept, so
 * the copy can run again. The DATA_DIR's lock is held meanwhile: no server may write it during the copy. The
 * image files stay where they are; the cluster's servers use the same DATA_DIR.
 */
export async function copySqliteToPostgres(dataDir: string, databaseUrl: string): Promise<CopyReport> {
  const file = path.join(dataDir, 'vision-batch.db');
  if (!existsSync(file)) throw new Error(`${file} does not exist: DATA_DIR must be a vision-batch server's data folder`);
  const lock = await lockDataDir(dataDir, { host: 'copy-to-postgres', port: 0 });
  const db = createClient({ url: pathToFileURL(file).href });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(db);
    await migratePostgres(pool);
    const report: CopyReport = { copied: {}, skipped: {} };
    const present = new Set((await db.execute(`SELECT name FROM sqlite_master WHERE type = 'table'`)).rows.map((row) => String(row.name)));
    await inTransaction(pool, async (client) => {
      for (const table of TABLES) if (present.has(table)) await copyTable(db, client, table, report);
    });
    return report;
  } finally {
    db.close();
    await pool.end();
    lock.release();
  }
}
