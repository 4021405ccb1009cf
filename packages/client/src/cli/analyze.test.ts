import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { corruptFiles, validPhotos, type CorpusEntry } from '@vision/testkit';
import { runCli, startCli } from '../testing/cli-process';
import { runCliInProcess } from '../testing/memory-terminal';
import { copyInto, writeColourImages } from '../testing/images';
import { closedPort } from '../testing/ports';
import { csvCells } from '../testing/csv-cells';

const MODEL = 'qwen/qwen3-vl-4b';

/** photos/ with the corpus spread over subfolders, one upper-case extension and a stray text file. */
async function photoFolder(root: string) {
  const [airplane, beach, bird, flower, woman, monkey, dog] = validPhotos();
  const layout: Array<[string, CorpusEntry]> = [
    ['airplane.jpg', airplane!],
    ['trip/beach.jpg', beach!],
    ['trip/birds/bird.bmp', bird!],
    ['trip/birds/flower.webp', flower!],
    ['people/woman.jpg', woman!],
    ['zoo/MONKEY.PNG', monkey!],
    ['zoo/puppies.jpeg', dog!],
  ];
  const dir = path.join(root, 'photos');
  await Promise.all(layout.map(([name, photo]) => copyInto(photo.absolutePath, path.join(dir, name))));
  await writeFile(path.join(dir, 'trip', 'notes.txt'), 'not a photo\n');
  return { dir, expected: layout.map(([name, photo]) => ({ name, label: photo.label })).sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

describe('vision-batch analyze', () => {
  let server: TestServer;
  let work: string;
  beforeAll(async () => {
    server = await startTestServer();
    work = await mkdtemp(path.join(os.tmpdir(), 'vision-cli-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('analyses a folder recursively, skips the text file with a note and writes the CSV with relative names', async () => {
    const { expected } = await photoFolder(work);
    const result = await runCli(['analyze', 'photos', '--model', MODEL, '--server', server.url, '--out', 'results.csv'], { cwd: work });

    expect(result.stderr).toMatch(/Skipped trip\/notes\.txt: not a supported image/);
    expect(result.code).toBe(0);
    for (const { name, label } of expected)
      expect(result.stdout).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}\\s+${label}\\s+\\d+\\.\\d\\d s .*ok$`, 'm'));
    expect(result.stdout).toMatch(/7 images: 7 succeeded, 0 failed/);
    // One line per finished image on stderr, with its entity and time.
    expect(result.stderr.match(/^ok {4}\S+ {2}\w+ {2}\d+\.\d\d s/gm)).toHaveLength(7);
    // eslint-disable-next-line no-control-regex -- an ANSI escape in the output is what this looks for
    expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);

    const rows = csvCells(await readFile(path.join(work, 'results.csv'), 'utf8'));
    expect(rows[0]!.slice(0, 5)).toEqual(['filename', 'entity', 'model_answer', 'success', 'error']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual(expected.map(({ name, label }) => [name, label, 'true']));
  });

  it('exits 1 when an image fails, naming the reason, and writes the failure to the JSONL file', async () => {
    const dir = path.join(work, 'mixed');
    await copyInto(validPhotos()[6]!.absolutePath, path.join(dir, 'dog.jpg'));
    await copyInto(corruptFiles()[0]!.absolutePath, path.join(dir, 'broken.png'));
    const result = await runCli(['analyze', dir, '-m', MODEL, '--server', server.url, '-o', path.join(work, 'mixed.jsonl')]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken\.png\s+-\s+-\s+-\s+broken\.png: corrupt PNG/m);
    expect(result.stdout).toMatch(/2 images: 1 succeeded, 1 failed/);
    const lines = (await readFile(path.join(work, 'mixed.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.filename, line.success])).toEqual([
      ['broken.png', false],
      ['dog.jpg', true],
    ]);
    expect(lines[0].error).toMatch(/corrupt PNG/);
    expect(lines[1]).toMatchObject({ entity: 'dog', model: MODEL, batch_id: expect.any(String), index: 1 });
  });

  it('splits 40 images into batches of 35 and 5 and merges them into one JSON file', async () => {
    const dir = path.join(work, 'colours');
    const written = await writeColourImages(dir, 40);
    const result = await runCli(['analyze', dir, '--model', MODEL, '--server', server.url, '--out', path.join(work, 'colours.json')]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/40 images in 2 batches \(35 \+ 5\)/);
    const json = JSON.parse(await readFile(path.join(work, 'colours.json'), 'utf8'));
    expect(json.batch_ids).toHaveLength(2);
    expect(json.results.map((r: { filename: string; entity: string }) => [r.filename, r.entity])).toEqual(
      written.map((w) => [w.file, w.colour]),
    );
    expect(json.stats).toMatchObject({ total_images: 40, successful: 40, failed: 0 });
    const sizes = await Promise.all(
      json.batch_ids.map(async (batchId: string) => (await server.trpc.batches.get.query({ batchId })).items.length),
    );
    expect(sizes).toEqual([35, 5]);
  });

  it('cancels the running batch on the server on Ctrl-C and exits 130', async () => {
    await server.double.setOptions({ generationTokensPerSecond: 8 });
    try {
      const dir = path.join(work, 'slow');
      await writeColourImages(dir, 12);
      const run = startCli(['analyze', dir, '--model', MODEL, '--server', server.url, '--concurrency', '1']);
      await run.waitForStderr(/^ok .*red/m);
      run.child.kill('SIGINT');
      const result = await run.done;
      const id = /Batch ([0-9a-f-]{36})/.exec(result.stderr)![1]!;

      expect(result.code).toBe(130);
      expect(result.stderr).toMatch(new RegExp(`cancelling batch ${id} on the server`));
      const view = await server.trpc.batches.get.query({ batchId: id });
      expect(view.status).toBe('cancelled');
      expect(view.items.some((item) => item.status === 'cancelled')).toBe(true);
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it('exits 2 with a clear message for usage mistakes, before uploading anything', async () => {
    const uploadsBefore = (await server.trpc.batches.list.query({ limit: 100 })).batches.length;
    const noModel = await runCli(['analyze', work, '--server', server.url]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/analyze needs --model <id>/);

    const mistakes: Array<[string[], RegExp]> = [
      [['analyze', work, '--model', MODEL, '--out', 'results.xlsx'], /name it \.csv, \.json or \.jsonl/],
      [['analyze', path.join(work, 'nowhere'), '--model', MODEL], /No such file or folder: .*nowhere/],
      [['analyze', '--model', MODEL], /analyze needs at least one image file or folder/],
      [['analyze', work, '--model', MODEL, '--concurrency', 'many'], /--concurrency must be a whole number/],
    ];
    for (const [args, message] of mistakes) {
      const result = await runCliInProcess([...args, '--server', server.url]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect((await server.trpc.batches.list.query({ limit: 100 })).batches).toHaveLength(uploadsBefore);
  });

  it("exits 2 with the server's message when it refuses the batch (unknown model)", async () => {
    const result = await runCli(['analyze', path.join(work, 'mixed', 'dog.jpg'), '--model', 'no/such-model', '--server', server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Upload failed \(HTTP 400\): .*no\/such-model/);
  });

  it('exits 2 naming the URL when the server is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli(['analyze', path.join(work, 'mixed', 'dog.jpg'), '--model', MODEL], { env: { VISION_SERVER: url } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(`Cannot reach the Vision batch server at ${url} (connection refused).`);
    expect(result.stdout).toBe('');
  });
});
