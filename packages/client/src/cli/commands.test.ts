import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { corruptFiles, validPhotos } from '@vision/testkit';
import { createVisionClient, type VisionClient } from '../index';
import { runCli } from '../testing/cli-process';
import { runCliInProcess } from '../testing/memory-terminal';
import { closedPort } from '../testing/ports';
import { solidPng } from '../testing/images';

const MODEL = 'qwen/qwen3-vl-4b';

describe('vision-batch commands', () => {
  let server: TestServer;
  let client: VisionClient;
  let work: string;
  /** dog.jpg (index 0) and a corrupt PNG (index 1), finished. */
  let mixedBatch: string;
  const cli = (...args: string[]) => runCli([...args, '--server', server.url], { cwd: work });

  beforeAll(async () => {
    server = await startTestServer();
    client = createVisionClient({ serverUrl: server.url });
    work = await mkdtemp(path.join(os.tmpdir(), 'vision-cli-'));
    ({ batchId: mixedBatch } = await client.uploadBatch({
      files: [validPhotos()[6]!.absolutePath, corruptFiles()[0]!.absolutePath],
      model: MODEL,
    }));
    for await (const _ of client.followBatch(mixedBatch));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('models lists each server and whether it answers, then the vision models first, with their state', async () => {
    const result = await cli('models');
    expect(result.code).toBe(0);
    const [hostLines, modelLines] = result.stdout.trim().split('\n\n');
    expect(hostLines!.split('\n')).toEqual([
      expect.stringMatching(/^HOST\s+SERVER\s+SLOTS\s+STATUS$/),
      expect.stringMatching(new RegExp(`^${server.double.baseUrl.replace(/[.]/g, '\\.')}\\s+LM Studio\\s+4\\s+answers$`)),
    ]);
    const lines = modelLines!.split('\n');
    expect(lines[0]).toMatch(/^MODEL\s+VISION\s+LOADED\s+TYPE\s+QUANT\s+CONTEXT$/);
    expect(lines[1]).toMatch(/^qwen\/qwen3-vl-4b\s+yes\s+yes\s+\S+\s+Q4_K_M\s+262144$/);
    const vision = lines.slice(1).map((line) => line.split(/\s+/)[1]);
    expect(vision).toContain('no');
    expect(vision.indexOf('no')).toBeGreaterThan(vision.lastIndexOf('yes'));
  });

  it('batches prints the history newest first, with counts', async () => {
    const { batchId: newer } = await client.uploadBatch({ files: [{ name: 'red.png', data: await solidPng('red') }], model: MODEL });
    for await (const _ of client.followBatch(newer));
    const result = await cli('batches', '--limit', '5');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^BATCH\s+CREATED\s+STATUS\s+MODEL\s+IMAGES\s+OK\s+FAILED\s+WALL$/);
    const newerAt = lines.findIndex((line) => line.startsWith(newer));
    const mixedAt = lines.findIndex((line) => line.startsWith(mixedBatch));
    expect(newerAt).toBeGreaterThan(0);
    expect(mixedAt).toBeGreaterThan(newerAt);
    expect(lines[mixedAt]).toMatch(/completed\s+qwen\/qwen3-vl-4b\s+2\s+1\s+1\s+\d+\.\d\d s$/);
  });

  it("show prints every image's result and the totals", async () => {
    const result = await cli('show', mixedBatch);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Batch\\s+${mixedBatch}$`, 'm'));
    expect(result.stdout).toMatch(/^Status\s+completed$/m);
    expect(result.stdout).toMatch(/^0\s+puppies\.jpg\s+dog\s+\d+\.\d\d s\s+\S+\s+ok$/m);
    expect(result.stdout).toMatch(/^1\s+xc1n0g08\.png\s+-\s+-\s+-\s+.*corrupt PNG/m);
    expect(result.stdout).toMatch(/2 images: 1 succeeded, 1 failed/);
    // The corrupt PNG was refused and not kept: the server's view says nothing can run again, and so does show.
    expect(result.stderr).toMatch(/Nothing can run again/);
  });

  it('models, batches, show and comparisons print parseable JSON on stdout with --json', async () => {
    const models = await cli('models', '--json');
    expect(models.code).toBe(0);
    const list = JSON.parse(models.stdout) as Array<{ id: string; vision: boolean | null }>;
    expect(list.find((model) => model.id === MODEL)).toMatchObject({ vision: true });

    const batches = await cli('batches', '--json', '--limit', '100');
    expect(batches.code).toBe(0);
    const page = JSON.parse(batches.stdout) as { batches: Array<{ batchId: string; total: number }>; nextCursor: string | null };
    expect(page.batches.find((batch) => batch.batchId === mixedBatch)).toMatchObject({ total: 2, status: 'completed' });

    const show = await cli('show', mixedBatch, '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({
      batchId: mixedBatch,
      items: [
        { index: 0, result: { entity: 'dog' } },
        { index: 1, status: 'error' },
      ],
    });

    const comparisons = await cli('comparisons', '--json');
    expect(comparisons.code).toBe(0);
    expect(JSON.parse(comparisons.stdout)).toMatchObject({ comparisons: expect.any(Array) });
    for (const result of [models, batches, show, comparisons]) expect(result.stderr).toBe('');
  });

  it('--quiet leaves only errors on stderr', async () => {
    const quiet = await cli('batches', '--limit', '1', '--quiet');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^BATCH\s+CREATED/);
    expect(quiet.stderr).toBe(''); // no "Older batches: ..." note
    const failed = await cli('show', 'no-such-batch', '--quiet');
    expect(failed.stderr).toMatch(/No batch with id "no-such-batch"/);
  });

  it('show of an unknown batch exits 2 with the server message', async () => {
    const result = await cli('show', 'no-such-batch');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No batch with id "no-such-batch"/);
  });

  it('export writes to stdout, to a file (format from its extension) and into a folder under the server name', async () => {
    const toStdout = await cli('export', mixedBatch, '--format', 'jsonl');
    expect(toStdout.code).toBe(0);
    expect(
      toStdout.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).filename),
    ).toEqual(['puppies.jpg', 'xc1n0g08.png']);

    const toFile = await cli('export', mixedBatch, '--out', 'batch.csv');
    expect(toFile.code).toBe(0);
    const csv = await readFile(path.join(work, 'batch.csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^0,puppies\.jpg,dog,dog,true,/);
    expect(toFile.stderr).toMatch(/Wrote batch\.csv \(csv, \d+ bytes\)/);

    await mkdir(path.join(work, 'exports'));
    const intoFolder = await cli('export', mixedBatch, '-f', 'json', '-o', 'exports');
    expect(intoFolder.code).toBe(0);
    const [saved] = await readdir(path.join(work, 'exports'));
    expect(saved).toMatch(new RegExp(`${mixedBatch.slice(0, 8)}\\.json$`));
    expect(JSON.parse(await readFile(path.join(work, 'exports', saved!), 'utf8'))).toMatchObject({
      batch_id: mixedBatch,
      stats: { total_images: 2 },
    });

    await client.trpc.reviews.decide.mutate({ subject: { kind: 'batch', id: mixedBatch }, index: 0, action: 'fix', label: 'puppy' });
    const reviewed = await cli('export', mixedBatch, '-f', 'jsonl', '--reviewed-only');
    expect(
      reviewed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map((row) => [row.filename, row.label, row.label_source]),
    ).toEqual([['puppies.jpg', 'puppy', 'person']]);

    const noSuchField = await cli('export', mixedBatch, '-f', 'jsonl', '--reviewed-field', 'kind');
    expect(noSuchField.stderr).toContain('There is no field "kind" to review: it asks no fields.');

    const noFormat = await cli('export', mixedBatch);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/export needs --format csv\|json\|jsonl/);
  });

  it('retry runs the chosen images again, follows them and exits 0 when the whole batch succeeded', async () => {
    const { batchId } = await client.uploadBatch({
      files: [
        { name: 'red.png', data: await solidPng('red') },
        { name: 'blue.png', data: await solidPng('blue') },
      ],
      model: MODEL,
    });
    for await (const _ of client.followBatch(batchId));
    const result = await cli('retry', batchId, '--indexes', '1');
    expect(result.stderr).toMatch(/Retrying 1 image of batch .* \(index 1\)/);
    expect(result.stderr.match(/^ok {4}blue\.png {2}blue/gm)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/red\.png/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1\s+blue\.png\s+blue\s/m);
  });

  it('retry exits 1 when an image fails again', async () => {
    // A refused file is left out of a default retry (nothing of it is kept): it is retried only when named.
    const result = await cli('retry', mixedBatch, '--indexes', '1');
    expect(result.stderr).toMatch(/Retrying 1 image .* \(index 1\)/);
    expect(result.stderr).toMatch(/^FAIL {2}xc1n0g08\.png {2}\S.+$/m);
    expect(result.code).toBe(1);
  });

  it('cancel stops a running batch on the server', async () => {
    await server.double.setOptions({ generationTokensPerSecond: 4 });
    try {
      const files = await Promise.all(
        (['red', 'green', 'blue', 'yellow', 'white', 'black'] as const).map(async (c) => ({ name: `${c}.png`, data: await solidPng(c) })),
      );
      const { batchId } = await client.uploadBatch({ files, model: MODEL });
      const result = await cli('cancel', batchId);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Batch ${batchId} cancelled: \\d+ succeeded, 0 failed, [1-6] cancelled of 6\\.$`, 'm'));
      expect((await client.batches.get.query({ batchId })).status).toBe('cancelled');
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it('every server command exits 2 naming the URL when the server is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    for (const args of [
      ['models'],
      ['batches'],
      ['show', mixedBatch],
      ['export', mixedBatch, '-f', 'csv'],
      ['cancel', mixedBatch],
      ['retry', mixedBatch],
    ]) {
      const result = await runCliInProcess(args, { env: { VISION_SERVER: url } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`Cannot reach the Vision batch server at ${url} (connection refused).`);
    }
  });

  it('help, --help, --version and usage mistakes answer without a server', async () => {
    const help = await runCliInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: vision-batch <command> \[options\]$/m);
    expect(help.stdout).toMatch(/^ {2}analyze <files or folders\.\.\.> --model <id>/m);
    expect((await runCliInProcess(['help', 'export'])).stdout).toMatch(/^Usage: vision-batch export <batch-id>/);
    expect((await runCliInProcess(['analyze', '--help'])).stdout).toMatch(/^Usage: vision-batch analyze/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const mistakes: Array<[string[], RegExp]> = [
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['models', '--frob'], /Unknown option '--frob'/],
      [['show'], /show needs a batch id/],
      [['retry', 'x', '--indexes', '1,a'], /--indexes takes image indexes/],
      [['batches', '--limit', '0'], /--limit must be a whole number of at least 1/],
      [['models', '--server', 'ftp://example.com'], /must start with http:\/\/ or https:\/\//],
    ];
    for (const [args, message] of mistakes) {
      const result = await runCliInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/Run "vision-batch help" for usage\./);
    }
  });
});
