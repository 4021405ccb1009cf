import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { createVisionClient, type VisionClient } from '../index';
import { runCli } from '../testing/cli-process';
import { runCliInProcess } from '../testing/memory-terminal';
import { closedPort } from '../testing/ports';
import { solidPng } from '../testing/images';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';

describe('vision-batch delete', () => {
  let server: TestServer;
  let client: VisionClient;
  const cli = (...args: string[]) => runCli([...args, '--server', server.url]);
  const photos = async () => [{ name: 'red.png', data: await solidPng('red') }];
  const finished = async (batchIds: string[]) => {
    for (const batchId of batchIds) for await (const _ of client.followBatch(batchId));
  };
  const missing = async (read: Promise<unknown>) =>
    read.then(
      () => 'found',
      (error: { data?: { code?: string } }) => error.data?.code,
    );

  beforeAll(async () => {
    server = await startTestServer();
    client = createVisionClient({ serverUrl: server.url });
  });
  afterAll(() => server?.close());

  it('deletes a batch by its id and exits 0', async () => {
    const { batchId } = await client.uploadBatch({ files: await photos(), model: QWEN });
    await finished([batchId]);

    const result = await cli('delete', batchId);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(`Batch ${batchId} deleted.`);
    expect(await missing(client.batches.get.query({ batchId }))).toBe('NOT_FOUND');
  });

  it("deletes a comparison by its id with every model's batch, and refuses one model's batch alone with exit 2", async () => {
    const { comparisonId, batchIds } = await client.uploadComparison({ files: await photos(), models: [QWEN, GEMMA] });
    await finished(batchIds);

    const alone = await cli('delete', batchIds[0]!);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(`in comparison "${comparisonId}": delete the comparison`);
    expect(await missing(client.batches.get.query({ batchId: batchIds[0]! }))).toBe('found');

    const result = await cli('delete', comparisonId);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(`Comparison (with every model's batch) ${comparisonId} deleted.`);
    expect(await missing(client.comparisons.get.query({ comparisonId }))).toBe('NOT_FOUND');
    for (const batchId of batchIds) expect(await missing(client.batches.get.query({ batchId }))).toBe('NOT_FOUND');
  });

  it('exits 2 naming the id when neither a batch nor a comparison has it, without an id, and when the server is down', async () => {
    const unknown = await cli('delete', 'no-such-id');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No batch or comparison with id "no-such-id".');

    const bare = await runCliInProcess(['delete']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('delete needs a batch or comparison id');

    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = await runCliInProcess(['delete', 'some-id'], { env: { VISION_SERVER: url } });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`Cannot reach the Vision batch server at ${url} (connection refused).`);
  });

  it('is listed in the help, with its own page', async () => {
    expect((await runCliInProcess(['help'])).stdout).toMatch(/^ {2}delete <batch-id\|comparison-id>\s+delete a batch, or a comparison/m);
    expect((await runCliInProcess(['help', 'delete'])).stdout).toMatch(/^Usage: vision-batch delete <batch-id\|comparison-id>$/m);
  });
});
