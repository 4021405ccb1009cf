import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validPhotos } from '@vision/testkit';
import { batchForm, startTestServer, type TestServer, type UploadFile } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';
const KIND = { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] };
const CAPTION = { name: 'caption', type: 'text' };
const SEEN = { name: 'seen', type: 'labels', values: ['cat', 'dog', 'bird', 'other'] };

async function samplePhotos(): Promise<UploadFile[]> {
  return Promise.all(validPhotos().map(async (photo) => ({ name: photo.file.split('/')[1]!, data: await readFile(photo.absolutePath) })));
}

const labelsCsv = () =>
  ['filename,label', ...validPhotos().map((photo) => `${photo.file.split('/')[1]},${[photo.label, ...photo.alternatives].join('|')}`)].join(
    '\n',
  );

function comparisonForm(photos: UploadFile[], fields: unknown[], extra: Record<string, string> = {}): FormData {
  const form = batchForm(photos, { fields: JSON.stringify(fields), labels: labelsCsv(), ...extra });
  form.append('models', QWEN);
  form.append('models', GEMMA);
  return form;
}

describe('the field a comparison’s ground truth is for', () => {
  let server: TestServer;
  let photos: UploadFile[];
  beforeAll(async () => {
    // Gemma takes dogs for cats and birds for planes: every field it answers says so.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
    photos = await samplePhotos();
  });
  afterAll(() => server.close());

  async function compared(form: FormData) {
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
    expect(response.status).toBe(202);
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    await expect
      .poll(async () => (await server.trpc.comparisons.get.query({ comparisonId })).status, { timeout: 30_000 })
      .toBe('completed');
    return server.trpc.comparisons.get.query({ comparisonId });
  }

  it('judges a text field by meaning, as the entity is, when truthField names it over the label field', async () => {
    const view = await compared(comparisonForm(photos, [KIND, CAPTION], { truthField: 'caption' }));
    expect(view.truthField).toBe('caption');
    expect(view.fieldNames).toEqual(['kind', 'caption']);
    const [qwen, gemma] = view.models;
    expect(qwen?.fieldAccuracy).toBeUndefined();
    expect(qwen).toMatchObject({ labelled: photos.length, correct: photos.length });
    expect(gemma).toMatchObject({ labelled: photos.length, correct: photos.length - 2 });
    const puppies = view.images.find((image) => image.filename === 'puppies.jpg')!;
    expect(puppies.answers.map((answer) => [answer.model_answer, answer.judgement?.correct])).toEqual([
      ['A photo of a dog.', true],
      ['A photo of a cat.', false],
    ]);
    const summary = await (await fetch(`${server.url}/api/comparisons/${view.comparisonId}/export?format=summary`)).text();
    expect(summary.split('\r\n')[0]).toContain('field,field_accuracy');
    expect(summary.split('\r\n')[1]).toContain(`caption,1,${photos.length},${photos.length}`);
  });

  it('takes the first label field when none is chosen, and says which', async () => {
    const view = await compared(comparisonForm(photos, [CAPTION, KIND]));
    expect(view.truthField).toBe('kind');
    expect(view.models[1]?.fieldAccuracy).toMatchObject({ field: 'kind', correct: photos.length - 2 });
  });

  it('counts a labels answer right when its set holds the truth', async () => {
    const dogAndBird = photos.filter((photo) => ['puppies.jpg', 'bird_8bit_palette.bmp'].includes(photo.name));
    const view = await compared(comparisonForm(dogAndBird, [SEEN]));
    expect(view.truthField).toBe('seen');
    expect(view.models[0]?.fieldAccuracy).toMatchObject({ field: 'seen', labelled: 2, correct: 2 });
    expect(view.models[1]?.fieldAccuracy?.confusion).toEqual(expect.arrayContaining([{ truth: 'dog', answer: 'cat', count: 1 }]));
  });

  it('judges against what a person confirmed for the ground truth’s field, not another field', async () => {
    const form = batchForm(photos, { fields: JSON.stringify([CAPTION, KIND]) });
    form.append('models', QWEN);
    form.append('models', GEMMA);
    const view = await compared(form);
    const subject = { kind: 'comparison' as const, id: view.comparisonId };
    const puppies = view.images.find((image) => image.filename === 'puppies.jpg')!.index;
    const bird = view.images.find((image) => image.filename === 'bird_8bit_palette.bmp')!.index;
    await server.trpc.reviews.decide.mutate({ subject, index: puppies, field: 'kind', action: 'fix', label: 'dog' });
    await server.trpc.reviews.decide.mutate({ subject, index: bird, field: 'kind', action: 'fix', label: 'bird' });
    // A decision on another field is not the ground truth's.
    await server.trpc.reviews.decide.mutate({ subject, index: 0, field: 'caption', action: 'fix', label: 'a photo' });

    const judged = await server.trpc.comparisons.get.query({ comparisonId: view.comparisonId, groundTruth: 'confirmed' });
    expect(judged.truthField).toBe('kind');
    expect(judged.models.map((model) => [model.labelled, model.correct])).toEqual([
      [2, 2],
      [2, 0],
    ]);
  });

  it('refuses a truthField that names no judgeable field, naming it', async () => {
    for (const truthField of ['colour', 'people']) {
      const form = comparisonForm(photos.slice(0, 1), [KIND, { name: 'people', type: 'number' }], { truthField });
      const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: form });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; error: string };
      expect(body).toMatchObject({ code: 'invalid-fields', error: expect.stringContaining(`"${truthField}"`) });
    }
  });
});
