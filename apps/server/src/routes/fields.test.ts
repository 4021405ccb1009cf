import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validPhotos, type ServerKind } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer, type UploadFile } from '../testing/server-harness';

const FOUR_FIELDS = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'caption', type: 'text' },
  { name: 'people', type: 'number' },
  { name: 'tags', type: 'tags' },
];

async function samplePhotos(): Promise<UploadFile[]> {
  return Promise.all(validPhotos().map(async (photo) => ({ name: photo.file.split('/')[1]!, data: await readFile(photo.absolutePath) })));
}

async function finished(server: TestServer, batchId: string) {
  await expect.poll(async () => (await server.trpc.batches.get.query({ batchId })).status, { timeout: 20_000 }).toBe('completed');
  return server.trpc.batches.get.query({ batchId });
}

const labelsCsv = () =>
  ['filename,label', ...validPhotos().map((photo) => `${photo.file.split('/')[1]},${[photo.label, ...photo.alternatives].join('|')}`)].join(
    '\n',
  );

/** The names in a zip's central directory (each record: signature, 42 bytes, the name). */
function zipEntryNames(zip: Buffer): string[] {
  const names: string[] = [];
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at !== -1; at = zip.indexOf(signature, at + 4)) {
    names.push(zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)));
  }
  return names;
}

const visionModel = (server: TestServer) => server.double.options.models.find((model) => model.type === 'vlm')!.id;

describe('a batch with fields', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers every field for every photo, sending one schema the double received', async () => {
    const form = batchForm(await samplePhotos(), { model: visionModel(server), fields: JSON.stringify(FOUR_FIELDS) });
    const { status, body } = await postBatch(server.url, '/api/batches', form);
    expect(status).toBe(202);
    const view = await finished(server, body.batchId as string);

    expect(view.fields).toEqual(FOUR_FIELDS);
    const byName = Object.fromEntries(view.items.map((item) => [item.filename, item.result]));
    for (const item of view.items) {
      expect(item.result?.success).toBe(true);
      expect(Object.keys(item.result?.fields ?? {})).toEqual(['kind', 'caption', 'people', 'tags']);
      expect(item.result?.field_errors).toEqual({});
    }
    expect(byName['puppies.jpg']?.fields).toEqual({ kind: 'dog', caption: 'A photo of a dog.', people: 3, tags: ['dog', 'puppy'] });
    expect(byName['airplane.jpg']?.fields).toMatchObject({ kind: 'other', people: 1 });
    expect(byName['bird_8bit_palette.bmp']?.fields?.kind).toBe('bird');

    const sent = server.double.requests.at(-1)!;
    expect(sent.jsonSchema).toMatchObject({
      name: 'image_fields',
      schema: {
        required: ['kind', 'caption', 'people', 'tags'],
        properties: { kind: { enum: ['cat', 'dog', 'bird', 'other'] }, people: { type: 'integer' } },
      },
    });
    expect(sent.prompt).toContain('"kind": exactly one of: cat, dog, bird, other');

    const photos = validPhotos().length;
    expect(view.stats?.fields?.kind).toEqual({ type: 'counts', counts: { cat: 0, dog: 1, bird: 1, other: photos - 2 } });
    expect(view.stats?.fields?.people).toMatchObject({ type: 'number', sum: 3 + (photos - 1), answered: photos });
    const csv = await (await fetch(`${server.url}/api/batches/${view.batchId}/export?format=csv`)).text();
    expect(csv.split('\r\n')[0]?.split(',').slice(-4)).toEqual(['kind', 'caption', 'people', 'tags']);
    expect(csv).toContain(',dog,A photo of a dog.,3,dog; puppy');

    const zip = Buffer.from(await (await fetch(`${server.url}/api/batches/${view.batchId}/captions.zip`)).arrayBuffer());
    const names = zipEntryNames(zip);
    expect(names.sort()).toEqual(
      validPhotos()
        .map((photo) => photo.file.split('/')[1]!.replace(/\.[^.]+$/, '.txt'))
        .sort(),
    );
    expect(zip.includes(Buffer.from('A photo of a dog.\n'))).toBe(true);
  });

  it('matches an answer outside the closed list by meaning (puppy is a dog)', async () => {
    await server.double.setOptions({ outsideList: [visionModel(server)] });
    try {
      const puppies = (await samplePhotos()).filter((photo) => photo.name === 'puppies.jpg');
      const form = batchForm(puppies, { model: visionModel(server), fields: JSON.stringify(FOUR_FIELDS.slice(0, 1)) });
      const view = await finished(server, (await postBatch(server.url, '/api/batches', form)).body.batchId as string);
      expect(view.items[0]?.result).toMatchObject({ success: true, fields: { kind: 'dog' }, raw_answer: '{"kind":"puppy"}' });
    } finally {
      await server.double.setOptions({ outsideList: [] });
    }
  });

  it.each([
    ['an unknown type', [{ name: 'kind', type: 'colour' }], 'Field "kind" has an unknown type "colour"'],
    ['a label field without values', [{ name: 'kind', type: 'label' }], 'Field "kind" is a label field without values'],
    [
      'a repeated name',
      [
        { name: 'caption', type: 'text' },
        { name: 'caption', type: 'text' },
      ],
      'Field "caption" is named twice',
    ],
  ])('refuses a field list with %s, naming the field', async (_name, fields, message) => {
    const form = batchForm((await samplePhotos()).slice(0, 1), { model: visionModel(server), fields: JSON.stringify(fields) });
    for (const route of ['/api/batches', '/api/comparisons'] as const) {
      const response = await fetch(`${server.url}${route}`, { method: 'POST', body: form });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; error: string };
      expect(body.code).toBe('invalid-fields');
      expect(body.error).toContain(message);
    }
  });

  it('records the fields in the run record: the same photos asked other fields hash differently', async () => {
    const photos = (await samplePhotos()).slice(0, 1);
    const hashOf = async (fields?: unknown) => {
      const form = batchForm(photos, { model: visionModel(server), ...(fields ? { fields: JSON.stringify(fields) } : {}) });
      const view = await finished(server, (await postBatch(server.url, '/api/batches', form)).body.batchId as string);
      return (await server.repository.getBatch(view.batchId))?.batch.runRecord?.promptHash;
    };
    const [plain, four, one] = [await hashOf(), await hashOf(FOUR_FIELDS), await hashOf(FOUR_FIELDS.slice(0, 1))];
    expect(new Set([plain, four, one]).size).toBe(3);
  });

  it('answers a batch without fields exactly as before: no fields in the results or the view', async () => {
    const photos = (await samplePhotos()).slice(0, 2);
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(photos, { model: visionModel(server) }));
    expect(status).toBe(200);
    for (const result of body.results as Array<Record<string, unknown>>) {
      expect(result).toMatchObject({ success: true, entity: expect.any(String) });
      expect(result).not.toHaveProperty('fields');
      expect(result).not.toHaveProperty('field_errors');
    }
    const view = await server.trpc.batches.get.query({ batchId: body.batch_id as string });
    expect(view).not.toHaveProperty('fields');
    expect(server.double.requests.at(-1)?.jsonSchema?.name).toBe('main_entity');
  });
});

describe('a comparison with fields and labels', () => {
  let server: TestServer;
  const QWEN = 'qwen/qwen3-vl-4b';
  const GEMMA = 'google/gemma-3-4b';
  beforeAll(async () => {
    // Gemma takes dogs for cats and birds for planes, as in the comparison tests: its kind field is wrong twice.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
  });
  afterAll(() => server.close());

  it('judges the kind field per model: accuracy, per-class precision and recall, and the confusion table', async () => {
    const form = batchForm(await samplePhotos(), { fields: JSON.stringify(FOUR_FIELDS), labels: labelsCsv() });
    form.append('models', QWEN);
    form.append('models', GEMMA);
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
    expect(response.status).toBe(202);
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    await expect
      .poll(async () => (await server.trpc.comparisons.get.query({ comparisonId })).status, { timeout: 30_000 })
      .toBe('completed');
    const view = await server.trpc.comparisons.get.query({ comparisonId });

    const photos = validPhotos().length;
    const [qwen, gemma] = view.models;
    expect(qwen?.fieldAccuracy).toMatchObject({ field: 'kind', labelled: photos, correct: photos, accuracy: 1 });
    expect(gemma?.fieldAccuracy).toMatchObject({ field: 'kind', labelled: photos, correct: photos - 2 });
    expect(gemma?.fieldAccuracy?.confusion).toEqual(
      expect.arrayContaining([
        { truth: 'dog', answer: 'cat', count: 1 },
        { truth: 'bird', answer: 'other', count: 1 },
      ]),
    );
    expect(gemma?.fieldAccuracy?.perClass.find((row) => row.class === 'dog')).toEqual({
      class: 'dog',
      support: 1,
      precision: null,
      recall: 0,
    });
    // Asked fields rather than the entity, the comparison's headline figures are the kind field's.
    expect(qwen).toMatchObject({ accuracy: 1, correct: photos, labelled: photos });
    expect(gemma?.confusions).toEqual(expect.arrayContaining([{ label: 'dog', answer: 'cat', count: 1 }]));
    const puppies = view.images.find((image) => image.filename === 'puppies.jpg')!;
    expect(puppies.answers.map((answer) => [answer.status, answer.fields?.kind])).toEqual([
      ['answered', 'dog'],
      ['answered', 'cat'],
    ]);
    expect(puppies.agree).toBe(false);

    const summary = await (await fetch(`${server.url}/api/comparisons/${comparisonId}/export?format=summary`)).text();
    expect(summary).toContain('field_accuracy');
    expect(summary).toContain('dog → cat: 1');
    const answers = await (await fetch(`${server.url}/api/comparisons/${comparisonId}/export?format=csv`)).text();
    expect(answers.split('\r\n')[0]?.split(',').slice(-4)).toEqual(['kind', 'caption', 'people', 'tags']);
  });
});

describe.each<ServerKind>(['ollama', 'llamacpp', 'vllm'])('a batch with fields against the %s double', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ double: { kind } });
  });
  afterAll(() => server.close());

  it('sends the schema where the server reads it and reads every field back', async () => {
    const puppies = (await samplePhotos()).filter((photo) => photo.name === 'puppies.jpg');
    const form = batchForm(puppies, { model: visionModel(server), fields: JSON.stringify(FOUR_FIELDS) });
    const view = await finished(server, (await postBatch(server.url, '/api/batches', form)).body.batchId as string);
    expect(view.items[0]?.result?.fields).toEqual({ kind: 'dog', caption: 'A photo of a dog.', people: 3, tags: ['dog', 'puppy'] });
    expect(server.double.requests.at(-1)?.jsonSchema?.name).toBe('image_fields');
  });
});
