import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { corruptFiles } from '@vision/testkit';
import { runCli, startCli } from '../testing/cli-process';
import { copyInto, writeColourImages } from '../testing/images';
import { csvCells } from '../testing/csv-cells';

const MODEL = 'qwen/qwen3-vl-4b';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
const readJsonl = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('vision-batch analyze on a dataset', () => {
  let server: TestServer;
  let work: string;
  beforeAll(async () => {
    server = await startTestServer();
    work = await mkdtemp(path.join(os.tmpdir(), 'vision-dataset-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('killed with SIGKILL after 60 model requests, the same command finishes the run: 140 rows, no image sent twice', async () => {
    const dir = path.join(work, 'big');
    const written = await writeColourImages(dir, 140);
    const out = path.join(work, 'big.csv');
    const command = ['analyze', dir, '--model', MODEL, '--server', server.url, '--out', out];
    server.double.clearRequests();
    await server.double.setOptions({ generationTokensPerSecond: 150 });
    try {
      const first = startCli(command);
      await expect.poll(() => server.double.requests.length, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(60);
      // From here the model is slow, so the batches the first run left on the server are still running when the
      // second run starts, whatever the machine's load.
      await server.double.setOptions({ generationTokensPerSecond: 3 });
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      expect(await exists(`${out}.run.jsonl`)).toBe(true);

      const second = startCli(command);
      await second.waitForStderr(/sent by an earlier run, following it again/, 60_000);
      await server.double.setOptions({ generationTokensPerSecond: 0 });
      const result = await second.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Continuing an unfinished run .*: \d+ of 140 images have results, [12] batch(es)? still on the server/);

      const rows = csvCells(await readFile(out, 'utf8'));
      expect(rows.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual(written.map((image) => [image.file, image.colour, 'true']));
      expect(server.double.requests.length).toBeGreaterThanOrEqual(140);
      expect(server.double.requests.length).toBeLessThanOrEqual(148);
      expect(await exists(`${out}.run.jsonl`)).toBe(false);
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it('after Ctrl-C the output holds what arrived and the same command sends only the rest', async () => {
    const dir = path.join(work, 'interrupted');
    const written = await writeColourImages(dir, 12);
    const out = path.join(work, 'interrupted.jsonl');
    const command = ['analyze', dir, '--model', MODEL, '--server', server.url, '--out', out, '--batch-size', '6', '--concurrency', '1'];
    await server.double.setOptions({ generationTokensPerSecond: 8 });
    try {
      const first = startCli(command);
      await first.waitForStderr(/^ok .*001-green/m);
      first.child.kill('SIGINT');
      const stopped = await first.done;
      expect(stopped.code).toBe(130);
      const kept = await readJsonl(out);
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(kept.length).toBeLessThan(12);
      for (const row of kept) expect(row.entity).toBe(written.find((image) => image.file === row.filename)!.colour);
      expect(stopped.stderr).toMatch(/images have no result yet: run the same command again to continue/);

      await server.double.setOptions({ generationTokensPerSecond: 0 });
      server.double.clearRequests();
      const second = await runCli(command);
      expect(second.code, second.stderr).toBe(0);
      expect((await readJsonl(out)).map((row) => [row.filename, row.entity])).toEqual(written.map((image) => [image.file, image.colour]));
      expect(server.double.requests.length).toBe(12 - kept.length);
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it('keeps the next batch uploaded while one runs, and never more than one waiting', async () => {
    const dir = path.join(work, 'pipeline');
    await writeColourImages(dir, 24);
    // ~0.75 s an image, two at a time: the next batch has half a batch's time (1.5 s) to be uploaded.
    await server.double.setOptions({ generationTokensPerSecond: 12 });
    try {
      const args = [
        'analyze',
        dir,
        '--model',
        MODEL,
        '--server',
        server.url,
        '--batch-size',
        '8',
        '--concurrency',
        '2',
        '--out',
        path.join(work, 'pipeline.json'),
      ];
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(0);
      const { batch_ids: batchIds } = JSON.parse(await readFile(path.join(work, 'pipeline.json'), 'utf8')) as { batch_ids: string[] };
      expect(batchIds).toHaveLength(3);
      const views = await Promise.all(batchIds.map((batchId) => server.trpc.batches.get.query({ batchId })));
      const created = views.map((view) => Date.parse(view.createdAt));
      const finished = views.map((view) => Date.parse(view.finishedAt!));
      for (let k = 0; k + 1 < views.length; k += 1)
        expect(created[k + 1], `batch ${k + 2} uploaded before batch ${k + 1} finished`).toBeLessThan(finished[k]!);
      for (let k = 0; k + 2 < views.length; k += 1)
        expect(created[k + 2], `batch ${k + 3} waited for batch ${k + 1}`).toBeGreaterThanOrEqual(finished[k]!);
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it('analyze - reads the paths from stdin and takes the model from VISION_MODEL: one row per path', async () => {
    const dir = path.join(work, 'listed');
    const written = await writeColourImages(dir, 5);
    await copyInto(corruptFiles()[0]!.absolutePath, path.join(work, 'elsewhere', 'broken.png'));
    const paths = [
      ...written.map((image) => path.join('listed', image.file)),
      path.join(work, 'elsewhere', 'broken.png'),
      'listed/gone.png',
    ];
    const result = await runCli(['analyze', '-', '--out', 'listed.jsonl', '--quiet'], {
      cwd: work,
      stdin: `${paths.join('\n')}\n`,
      env: { VISION_SERVER: server.url, VISION_MODEL: MODEL },
    });

    expect(result.code).toBe(1); // the corrupt PNG
    expect(result.stdout).toBe('');
    // --quiet: only the failure, no notes, no per-image lines.
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^FAIL {2}.*broken\.png {2}.*corrupt PNG/)]);
    const rows = await readJsonl(path.join(work, 'listed.jsonl'));
    expect(rows.map((row) => [row.filename, row.entity, row.model])).toEqual([
      ...written.map((image) => [`listed/${image.file}`, image.colour, MODEL]),
      [path.join(work, 'elsewhere', 'broken.png'), null, MODEL],
    ]);
  });

  it('--format imagefolder writes metadata.jsonl into the dataset folder, file names relative to it', async () => {
    const dataset = path.join(work, 'dataset');
    const reds = await writeColourImages(path.join(dataset, 'train', 'a'), 2);
    const more = await writeColourImages(path.join(dataset, 'train', 'b'), 1);
    const result = await runCli(['analyze', dataset, '--model', MODEL, '--server', server.url, '--format', 'imagefolder']);
    expect(result.code, result.stderr).toBe(0);

    const rows = await readJsonl(path.join(dataset, 'metadata.jsonl'));
    expect(rows.map((row) => [row.file_name, row.entity])).toEqual([
      ...reds.map((image) => [`train/a/${image.file}`, image.colour]),
      ...more.map((image) => [`train/b/${image.file}`, image.colour]),
    ]);
    const columns = Object.keys(rows[0]!);
    expect(columns[0]).toBe('file_name');
    expect(columns).toEqual(
      expect.arrayContaining(['entity', 'success', 'processing_time', 'time_to_first_token', 'tokens_per_second', 'model']),
    );
    for (const row of rows) expect(Object.keys(row)).toEqual(columns);
    expect(typeof rows[0]!.processing_time).toBe('number');
    expect(await exists(path.join(dataset, 'metadata.jsonl.run.jsonl'))).toBe(false);

    // Paths on stdin from two folders: the folder holding both is the dataset folder.
    const listed = await runCli(['analyze', '-', '--model', MODEL, '--server', server.url, '-f', 'imagefolder', '-q'], {
      cwd: work,
      stdin: `dataset/train/a/${reds[0]!.file}\ndataset/train/b/${more[0]!.file}\n`,
    });
    expect(listed.code, listed.stderr).toBe(0);
    expect((await readJsonl(path.join(dataset, 'train', 'metadata.jsonl'))).map((row) => row.file_name)).toEqual([
      `a/${reds[0]!.file}`,
      `b/${more[0]!.file}`,
    ]);

    await mkdir(path.join(work, 'empty'));
    const outside = await runCli([
      'analyze',
      dataset,
      '--model',
      MODEL,
      '--server',
      server.url,
      '--format',
      'imagefolder',
      '--out',
      path.join(work, 'empty'),
    ]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(
      /train\/a\/000-red\.png is outside .*empty: imagefolder names every image relative to the folder holding metadata\.jsonl/,
    );
  });

  it('refuses to continue another run (another model) in the same output unless --fresh', async () => {
    const dir = path.join(work, 'other');
    await writeColourImages(dir, 2);
    const out = path.join(work, 'other.jsonl');
    const journal = `${out}.run.jsonl`;
    await import('node:fs/promises').then(({ writeFile }) =>
      writeFile(journal, `${JSON.stringify({ type: 'run', version: 1, model: 'google/gemma-3-4b', prompt: null, format: 'jsonl' })}\n`),
    );
    const refused = await runCli(['analyze', dir, '--model', MODEL, '--server', server.url, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /other\.jsonl\.run\.jsonl holds an unfinished run with another model \(model "google\/gemma-3-4b"\).*--fresh/,
    );

    const fresh = await runCli(['analyze', dir, '--model', MODEL, '--server', server.url, '--out', out, '--fresh']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((await readJsonl(out)).map((row) => row.model)).toEqual([MODEL, MODEL]);
    expect(await exists(journal)).toBe(false);
  });
});
