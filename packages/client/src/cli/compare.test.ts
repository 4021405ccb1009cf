import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { validPhotos } from '@vision/testkit';
import { runCli, startCli } from '../testing/cli-process';
import { copyInto, writeColourImages } from '../testing/images';
import { runCliInProcess } from '../testing/memory-terminal';
import { csvCells } from '../testing/csv-cells';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';
const MODELS = `${QWEN},${GEMMA}`;

/** dataset/<label>/<file> for the 7 corpus photos; the names analyze gives them, with their labels. */
async function labelledDataset(root: string) {
  const photos = validPhotos().map((photo) => ({ photo, name: `${photo.label}/${path.basename(photo.file)}` }));
  await Promise.all(photos.map(({ photo, name }) => copyInto(photo.absolutePath, path.join(root, 'dataset', name))));
  return photos.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The per-model row of the table: `qwen/qwen3-vl-4b  100% (7/7)  0.12 s ...`. */
const modelRow = (stdout: string, model: string) =>
  new RegExp(`^${model.replace(/[/.]/g, '\\$&')}\\s+(\\S+) \\((\\d+)/(\\d+)\\)\\s+\\d+\\.\\d\\d s\\s`, 'm').exec(stdout);

describe('vision-batch analyze --models', () => {
  let server: TestServer;
  let work: string;
  let photos: Awaited<ReturnType<typeof labelledDataset>>;
  let comparisonId: string;
  const cli = (...args: string[]) => runCli([...args, '--server', server.url], { cwd: work });

  beforeAll(async () => {
    // Gemma (in the double) takes dogs for cats and birds for planes.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
    work = await mkdtemp(path.join(os.tmpdir(), 'vision-compare-'));
    photos = await labelledDataset(work);
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('compares two models with labels from the folders: answers side by side, accuracy, mistakes and the verdict', async () => {
    const result = await cli('analyze', 'dataset', '--models', MODELS, '--labels-from-folders', '--out', 'answers.csv');

    expect(result.code).toBe(0);
    comparisonId = /^Comparison ([0-9a-f-]{36}): 7 images with qwen\/qwen3-vl-4b, google\/gemma-3-4b$/m.exec(result.stderr)![1]!;
    expect(result.stdout).toMatch(/^FILE\s+LABEL\s+qwen\/qwen3-vl-4b\s+google\/gemma-3-4b\s+AGREE$/m);
    expect(result.stdout).toMatch(/^dog\/puppies\.jpg\s+dog\s+dog right\s+cat wrong\s+no$/m);
    expect(result.stdout).toMatch(/^bird\/bird_8bit_palette\.bmp\s+bird\s+bird right\s+airplane wrong\s+no$/m);
    expect(result.stdout).toMatch(/^airplane\/airplane\.jpg\s+airplane\s+airplane right\s+airplane right\s+yes$/m);
    expect(result.stdout).toMatch(/^Agreement: 5 of 7 images \(71\.4%\)$/m);
    expect(modelRow(result.stdout, QWEN)?.slice(1)).toEqual(['100%', '7', '7']);
    expect(modelRow(result.stdout, GEMMA)?.slice(1)).toEqual(['71.4%', '5', '7']);
    expect(result.stdout).toMatch(/^ {2}google\/gemma-3-4b: {2}bird → airplane \(1\), dog → cat \(1\)$/m);
    expect(result.stdout).toMatch(/^Most accurate: qwen\/qwen3-vl-4b \(100%\) · Fastest: \S+ \(\d+\.\d\d s per image\)$/m);
    // Progress per model, each finished image on stderr; the plain words, no marks or colours, through a pipe.
    expect(result.stderr.match(/^ok {4}\S+ {2}\w+ {2}\d+\.\d\d s/gm)).toHaveLength(14);
    // eslint-disable-next-line no-control-regex -- an ANSI escape in the output is what this looks for
    expect(result.stdout + result.stderr).not.toMatch(/\u001b\[|✓|✗/);

    const rows = csvCells(await readFile(path.join(work, 'answers.csv'), 'utf8'));
    expect(rows[0]!.slice(0, 8)).toEqual(['filename', 'label', 'model', 'entity', 'status', 'correct', 'judgement', 'judgement_kind']);
    expect(rows).toHaveLength(1 + 14);
    expect(rows.slice(1).map((row) => `${row[0]} ${row[2]} ${row[3]} ${row[5]}`)).toEqual(
      photos.flatMap(({ name, photo }) => {
        const gemmaSays = ({ dog: 'cat', bird: 'airplane' } as Record<string, string>)[photo.label] ?? photo.label;
        return [`${name} ${QWEN} ${photo.label} true`, `${name} ${GEMMA} ${gemmaSays} ${gemmaSays === photo.label}`];
      }),
    );
    expect(rows.find((row) => row[0] === 'dog/puppies.jpg' && row[2] === GEMMA)![6]).toMatch(/cat is not dog/);
    expect(rows[1]![12]).toBe(comparisonId);
  });

  it('takes the labels from a CSV over several uploads, warning about its problems and unlabelled photos', async () => {
    const [first, ...rest] = photos;
    const csv = [
      'file,label',
      ...rest.map(({ photo }) => `${path.basename(photo.file)},${photo.label}`),
      'stray.jpg,cat',
      `${path.basename(first!.photo.file)},`,
    ].join('\n');
    await writeFile(path.join(work, 'labels.csv'), csv);
    const result = await cli('analyze', 'dataset', '--models', MODELS, '--labels', 'labels.csv', '--batch-size', '4');

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^7 images in 2 comparisons \(4 \+ 3\)$/m);
    expect(result.stderr).toMatch(/^labels\.csv: 1 row names no photo given here \(line 8: stray\.jpg\)$/m);
    expect(result.stderr).toMatch(new RegExp(`^labels\\.csv: line 9: no label for ${path.basename(first!.photo.file)}$`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^1 of 4 photos without a label \\(left out of the accuracy\\): ${first!.name}$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^${first!.name}\\s+-\\s+${first!.photo.label}\\s+${first!.photo.label}\\s+yes$`, 'm'));
    expect(modelRow(result.stdout, QWEN)?.slice(1)).toEqual(['100%', '6', '6']);
    expect(modelRow(result.stdout, GEMMA)?.slice(1)).toEqual(['66.7%', '4', '6']);
    expect(result.stdout).toMatch(/^Most accurate: qwen\/qwen3-vl-4b \(100%\)/m);
  });

  it('compare reprints a past comparison and comparisons lists it', async () => {
    const shown = await cli('compare', comparisonId, '--out', 'again.jsonl');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^Comparison\\s+${comparisonId}$`, 'm'));
    expect(shown.stdout).toMatch(/^dog\/puppies\.jpg\s+dog\s+dog right\s+cat wrong\s+no$/m);
    expect(modelRow(shown.stdout, GEMMA)?.slice(1)).toEqual(['71.4%', '5', '7']);
    expect(shown.stdout).toMatch(/^Most accurate: qwen\/qwen3-vl-4b/m);
    const lines = (await readFile(path.join(work, 'again.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(14);
    expect(lines.find((line) => line.filename === 'dog/puppies.jpg' && line.model === GEMMA)).toMatchObject({
      entity: 'cat',
      correct: false,
      judgement: { correct: false, kind: 'wrong' },
    });

    const listed = await cli('comparisons', '--limit', '5');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^COMPARISON\s+CREATED\s+IMAGES\s+LABELLED\s+MODELS$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${comparisonId}\\s+\\S+ \\S+\\s+7\\s+7\\s+qwen/qwen3-vl-4b, google/gemma-3-4b$`, 'm'));
  });

  it("cancels every model's batch on the server on Ctrl-C and exits 130", async () => {
    await server.double.setOptions({ generationTokensPerSecond: 8 });
    try {
      await writeColourImages(path.join(work, 'slow'), 6);
      const run = startCli(['analyze', 'slow', '--models', MODELS, '--concurrency', '1', '--server', server.url], { cwd: work });
      await run.waitForStderr(/^ok /m);
      run.child.kill('SIGINT');
      const result = await run.done;

      expect(result.code).toBe(130);
      const id = /^Comparison ([0-9a-f-]{36})/m.exec(result.stderr)![1]!;
      expect(result.stderr).toMatch(new RegExp(`cancelling comparison ${id} on the server`));
      const view = await server.trpc.comparisons.get.query({ comparisonId: id });
      expect(view.status).toBe('cancelled');
      expect(view.models.map((model) => model.status)).toEqual(['cancelled', 'cancelled']);
    } finally {
      await server.double.setOptions({ generationTokensPerSecond: 0 });
    }
  });

  it("exits 2 with the server's message for a model it cannot use, an unknown comparison or a usage mistake", async () => {
    const before = server.double.requests.length;
    const unknown = await cli('analyze', 'dataset', '--models', `${QWEN},no/such-model`, '--labels-from-folders');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Comparison upload failed \(HTTP 400\): Model "no\/such-model" is not available/);
    expect(server.double.requests.length).toBe(before);

    const missing = await cli('compare', 'no-such-comparison');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No comparison with id "no-such-comparison"/);

    const mistakes: Array<[string[], RegExp]> = [
      [['--model', QWEN, '--models', MODELS], /either --model <id> or --models <id,id,...>, not both/],
      [['--models', ' , '], /--models needs model ids separated by commas/],
      [['--models', MODELS, '--labels', 'labels.csv', '--labels-from-folders'], /either --labels <file\.csv> or --labels-from-folders/],
      [['--models', MODELS, '--labels', 'nowhere.csv'], /Cannot read --labels nowhere\.csv: no such file/],
    ];
    for (const [args, message] of mistakes) {
      const result = await runCliInProcess(['analyze', 'dataset', ...args, '--server', server.url], { cwd: work });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(server.double.requests.length).toBe(before);
  });
});
