import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { migrate } from './migrations';

/** A connection to DATA_DIR's database, its schema brought up to date; each repository holds its own (WAL). */
export async function openDatabase(dataDir: string): Promise<Client> {
  await mkdir(dataDir, { recursive: true });
  const db = createClient({ url: pathToFileURL(path.join(dataDir, 'vision-batch.db')).href });
  await db.execute('PRAGMA journal_mode = WAL');
  await db.execute('PRAGMA foreign_keys = ON');
  await migrate(db);
  return db;
}
