import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vision/server/testing';
import { validPhotos } from '@vision/testkit';
import { runCli } from '../testing/cli-process';
import { csvCells } from '../testing/csv-cells';
import { copyInto } from '../testing/images';
import { runCliInProcess } from '../testing/memory-terminal';

const MODEL = 'qwen/qwen3-vl-4b';
const FOUR_FIELDS = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'caption', type: 'text' },
  { name: 'people', type: 'number' },
  { name: 'tags', type: 'tags' },
];

describe('vision-batch analyze with fields', () => {
  let server: TestServer;
  let work: string;
  let photos: string;
  beforeAll(async () => {
    server = await startTestServer();
    work = await mkdtemp(path.join(os.tmpdir(), 'vision-cli-fields-'));
    photos = path.join(work, 'photos');
    await Promise.all(validPhotos().map((photo) => copyInto(photo.absolutePath, path.join(photos, path.basename(photo.file)))));
    await writeFile(path.join(work, 'fields.json'), JSON.stringify(FOUR_FIELDS));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('asks the fields of a --fields file of every photo and writes one CSV column per field', async () => {
    const result = await runCli(
      ['analyze', 'photos', '--model', MODEL, '--server', server.url, '--fields', 'fields.json', '--out', 'results.csv'],
      {
        cwd: work,
      },
    );
    expect(result.code).toBe(0);
    const [header, ...rows] = csvCells(await readFile(path.join(work, 'results.csv'), 'utf8'));
    expect(header!.slice(-4)).toEqual(['kind', 'caption', 'people', 'tags']);
    expect(rows).toHaveLength(validPhotos().length);
    // Every photo answers every field: no empty cell among the four (a count of 0 would still be "0").
    for (const row of rows) expect(row.slice(-4).filter((cell) => cell === '')).toEqual([]);
    const puppies = rows.find((row) => row[0] === 'puppies.jpg')!;
    expect(puppies.slice(-4)).toEqual(['dog', 'A photo of a dog.', '3', 'dog; puppy']);
    expect(server.double.requests.at(-1)?.jsonSchema?.name).toBe('image_fields');
  });

  it('takes --field shortcuts and writes every field as a metadata.jsonl column for imagefolder', async () => {
    const args = ['analyze', 'photos', '--model', MODEL, '--server', server.url, '--format', 'imagefolder'];
    const result = await runCliInProcess([...args, '--field', 'kind=label:cat,dog,bird,other', '--field', 'people=number'], { cwd: work });
    expect(result.code).toBe(0);
    const lines = (await readFile(path.join(photos, 'metadata.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.file_name === 'puppies.jpg')).toMatchObject({ kind: 'dog', people: 3 });
    expect(lines.find((line) => line.file_name === 'airplane.jpg')).toMatchObject({ kind: 'other', people: 1 });
  });

  it('writes <image name>.txt per photo for --format captions, into --out <folder>', async () => {
    const args = [
      'analyze',
      'photos',
      '--model',
      MODEL,
      '--server',
      server.url,
      '--preset',
      'caption',
      '--format',
      'captions',
      '--out',
      'captions',
    ];
    const result = await runCliInProcess(args, { cwd: work });
    expect(result.code).toBe(0);
    const written = (await readdir(path.join(work, 'captions'))).filter((name) => name.endsWith('.txt')).sort();
    expect(written).toEqual(
      validPhotos()
        .map((photo) => path.basename(photo.file).replace(/\.[^.]+$/, '.txt'))
        .sort(),
    );
    expect(await readFile(path.join(work, 'captions', 'puppies.txt'), 'utf8')).toBe('A photo of a dog.\n');
  });

  it('writes the tags, joined by ", ", beside each image when there is no caption', async () => {
    const result = await runCliInProcess(
      ['analyze', 'photos/puppies.jpg', '--model', MODEL, '--server', server.url, '--preset', 'tags', '--format', 'captions'],
      {
        cwd: work,
      },
    );
    expect(result.code).toBe(0);
    expect(await readFile(path.join(photos, 'puppies.txt'), 'utf8')).toBe('dog, puppy\n');
  });

  it('compares models on the fields: answers side by side, the kind field judged class by class', async () => {
    const labels = validPhotos().map((photo) => `${path.basename(photo.file)},${photo.label}`);
    await writeFile(path.join(work, 'labels.csv'), `${labels.join('\n')}\n`);
    const args = ['analyze', 'photos', '--models', `${MODEL},google/gemma-3-4b`, '--labels', 'labels.csv', '--server', server.url];
    const result = await runCliInProcess([...args, '--preset', 'classify:cat,dog,bird,other'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/puppies\.jpg.*kind=dog.*kind=dog/);
    // The kind field is judged as the server's view has it: its classes, then each model's confusion table.
    expect(result.stdout).toContain('Ground truth judges the field "kind", class by class:');
    expect(result.stdout).toMatch(/Confusion of "kind", google\/gemma-3-4b/);
    expect(result.stdout).toMatch(/^dog\s+0\s+1\s+0\s+0$/m);
    expect(server.double.requests.at(-1)?.jsonSchema?.name).toBe('image_fields');
  });

  it('judges the field --truth-field names: a caption, by meaning', async () => {
    const labels = validPhotos().map((photo) => `${path.basename(photo.file)},${photo.label}`);
    await writeFile(path.join(work, 'labels.csv'), `${labels.join('\n')}\n`);
    const args = ['analyze', 'photos', '--models', MODEL, '--labels', 'labels.csv', '--server', server.url];
    const result = await runCliInProcess([...args, '--fields', 'fields.json', '--truth-field', 'caption'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Ground truth judges the field "caption" by meaning.');
    expect(result.stdout).toMatch(new RegExp(`${MODEL.replace('/', '\\/')}\\s+100% \\(${validPhotos().length}/${validPhotos().length}\\)`));
  });

  it.each([
    [['--field', 'kind=label'], /Field "kind" is a label field without values/],
    [['--field', 'kind'], /--field takes name=type/],
    [['--preset', 'poem'], /--preset takes entity, caption, tags, count, classify/],
    [['--field', 'people=number', '--format', 'captions'], /--format captions writes a caption or tags field/],
    [['--field', 'people=number', '--truth-field', 'people'], /--truth-field names the field "people" of type number/],
  ])('refuses %j before any upload, naming the mistake', async (flags, message) => {
    const before = server.double.requests.length;
    const result = await runCliInProcess(['analyze', 'photos', '--model', MODEL, '--server', server.url, ...flags], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.double.requests.length).toBe(before);
  });
});
