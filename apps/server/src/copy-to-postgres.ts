import { copySqliteToPostgres } from './storage/copy-to-postgres';

/**
 * `pnpm --filter @vision/server copy-to-postgres DATA_DIR` (or `node apps/server/bin/copy-to-postgres.mjs DATA_DIR`)
 * with DATABASE_URL set: moves an embedded server's history into the Postgres a cluster will use.
 */
async function main() {
  const [dataDir] = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL;
  if (!dataDir || !databaseUrl) {
    console.error('Usage: DATABASE_URL=postgres://… copy-to-postgres DATA_DIR  (the embedded server stopped)');
    process.exit(2);
  }
  const report = await copySqliteToPostgres(dataDir, databaseUrl);
  for (const [table, count] of Object.entries(report.copied))
    console.log(`${table}: ${count} copied${report.skipped[table] ? `, ${report.skipped[table]} already there` : ''}`);
}

main().catch((error: Error) => {
  console.error(`copy-to-postgres: ${error.message}`);
  process.exit(1);
});
