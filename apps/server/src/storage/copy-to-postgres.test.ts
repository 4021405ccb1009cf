import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { solidImage } from '@vision/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServicesMissing, startPostgres, type PostgresServer } from '../testing/cluster-services';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';
import { openPostgresRepository } from './postgres-repository';
import { openSqliteRepository } from './sqlite-repository';

const run = promisify(execFile);
const COMMAND = fileURLToPath(new URL('../../bin/copy-to-postgres.mjs', import.meta.url));
const missing = clusterServicesMissing();
if (missing) console.warn(`Skipping copy-to-postgres's tests: ${missing}`);

describe.skipIf(missing)('copy-to-postgres', () => {
  let postgres: PostgresServer;
  let embedded: TestServer;
  let batchId: string;
  beforeAll(async () => {
    postgres = await startPostgres();
    embedded = await startTestServer({ env: { LMSTUDIO_CONCURRENCY: '1' } });
    const files = [
      { name: 'red.png', data: await solidImage('red') },
      { name: 'blue.png', data: await solidImage('blue') },
    ];
    const { body } = await postBatch(embedded.url, '/api/batches', batchForm(files, { model: 'qwen/qwen3-vl-4b' }));
    batchId = body.batchId as string;
    await embedded.batches.idle();
    await embedded.stop();
  });
  afterAll(async () => {
    await embedded?.close();
    await postgres?.stop();
  });

  it("copies a stopped server's batches, items, thumbnails and event log into Postgres, and can run again", async () => {
    const databaseUrl = await postgres.createDatabase('copied');
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const first = await run(process.execPath, [COMMAND, embedded.dataDir], { env });
    expect(first.stdout).toMatch(/batches: 1 copied/);
    expect(first.stdout).toMatch(/items: 2 copied/);

    const sqlite = await openSqliteRepository(embedded.dataDir);
    const copy = await openPostgresRepository(databaseUrl);
    try {
      expect(await copy.getBatch(batchId)).toEqual(await sqlite.getBatch(batchId));
      expect((await copy.getBatch(batchId))?.items.map((item) => item.result?.entity)).toEqual(['red', 'blue']);
      expect(await copy.events(batchId, 0)).toEqual(await sqlite.events(batchId, 0));
      expect(await copy.getThumbnail(batchId, 1)).toEqual(await sqlite.getThumbnail(batchId, 1));
      expect(await copy.getThumbnail(batchId, 1)).toBeInstanceOf(Buffer);

      const again = await run(process.execPath, [COMMAND, embedded.dataDir], { env });
      expect(again.stdout).toMatch(/batches: 0 copied, 1 already there/);
      expect(await copy.events(batchId, 0)).toEqual(await sqlite.events(batchId, 0));
    } finally {
      await sqlite.close();
      await copy.close();
    }
  });

  it('serves the copied history from a server started on DATABASE_URL, and runs new batches there', async () => {
    const databaseUrl = await postgres.createDatabase('served');
    await run(process.execPath, [COMMAND, embedded.dataDir], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    const server = await startTestServer({
      existingDouble: embedded.double,
      dataDir: embedded.dataDir,
      env: { DATABASE_URL: databaseUrl },
    });
    try {
      const view = await server.trpc.batches.get.query({ batchId });
      expect(view.status).toBe('completed');
      expect(view.items.map((item) => item.result?.entity)).toEqual(['red', 'blue']);
      const { body } = await postBatch(
        server.url,
        '/api/batches',
        batchForm([{ name: 'green.png', data: await solidImage('green') }], { model: 'qwen/qwen3-vl-4b' }),
      );
      await server.batches.idle();
      const stored = await server.repository.getBatch(body.batchId as string);
      expect(stored?.items.map((item) => item.result?.entity)).toEqual(['green']);
      expect((await server.trpc.batches.list.query({})).batches.map((batch) => batch.batchId)).toEqual([body.batchId, batchId]);
    } finally {
      await server.close();
    }
  });

  it('names a folder that is not a data folder', async () => {
    const attempt = run(process.execPath, [COMMAND, '/nonexistent-folder'], { env: { ...process.env, DATABASE_URL: postgres.url } });
    await expect(attempt).rejects.toThrow(/vision-batch\.db does not exist: DATA_DIR must be a vision-batch server's data folder/);
  });
});
