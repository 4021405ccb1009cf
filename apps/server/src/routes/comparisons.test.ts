import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validPhotos } from '@vision/testkit';
import { startTestServer, type TestServer } from '../testing/server-harness';

const QWEN = 'qwen/qwen3-vl-4b';
const GEMMA = 'google/gemma-3-4b';

async function comparisonForm(models: string[], labels?: string) {
  const form = new FormData();
  for (const model of models) form.append('models', model);
  if (labels !== undefined) form.append('labels', labels);
  for (const photo of validPhotos()) {
    form.append('images[]', new Blob([await readFile(photo.absolutePath)]), photo.file.split('/')[1]!);
  }
  return form;
}

const labelsCsv = () =>
  ['filename,label', ...validPhotos().map((photo) => `${photo.file.split('/')[1]},${[photo.label, ...photo.alternatives].join('|')}`)].join(
    '\n',
  );

async function finishedComparison(server: TestServer, comparisonId: string) {
  await expect.poll(async () => (await server.trpc.comparisons.get.query({ comparisonId })).status, { timeout: 20_000 }).toBe('completed');
  return server.trpc.comparisons.get.query({ comparisonId });
}

describe('comparing two models on a labelled dataset', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Gemma (in the double) takes dogs for cats and birds for planes: the models must come out different.
    server = await startTestServer({ double: { mistakes: { [GEMMA]: { dog: 'cat', bird: 'airplane' } } } });
  });
  afterAll(() => server.close());

  it('runs every model over one upload, one after another, and says which is more accurate', async () => {
    const response = await fetch(`${server.url}/api/comparisons`, {
      method: 'POST',
      body: await comparisonForm([QWEN, GEMMA], labelsCsv()),
    });
    expect(response.status).toBe(202);
    const { comparisonId, batchIds, labelProblems } = (await response.json()) as {
      comparisonId: string;
      batchIds: string[];
      labelProblems: string[];
    };
    expect(batchIds).toHaveLength(2);
    expect(labelProblems).toEqual([]);

    const view = await finishedComparison(server, comparisonId);
    const photos = validPhotos();
    expect(view.models.map((model) => model.model)).toEqual([QWEN, GEMMA]);
    const [qwen, gemma] = view.models;
    expect(qwen).toMatchObject({ labelled: photos.length, correct: photos.length, accuracy: 1 });
    expect(gemma).toMatchObject({ labelled: photos.length, correct: photos.length - 2 });
    expect(gemma!.accuracy).toBeCloseTo((photos.length - 2) / photos.length, 3);
    expect(gemma!.confusions).toEqual(
      expect.arrayContaining([
        { label: 'dog', answer: 'cat', count: 1 },
        { label: 'bird', answer: 'airplane', count: 1 },
      ]),
    );
    for (const model of view.models) {
      expect(model.meanProcessingTime).toBeGreaterThan(0);
      expect(model.runRecord).toMatchObject({ model: model.model, promptHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    }
    expect(qwen!.runRecord!.promptHash).toBe(gemma!.runRecord!.promptHash);

    const puppies = view.images.find((image) => image.filename === 'puppies.jpg')!;
    expect(puppies.label).toBe('dog|puppy');
    expect(puppies.agree).toBe(false);
    expect(puppies.answers.map((answer) => [answer.model, answer.entity, answer.judgement?.correct])).toEqual([
      [QWEN, 'dog', true],
      [GEMMA, 'cat', false],
    ]);
    expect(puppies.answers[1]!.judgement!.explanation).toMatch(/cat is not dog/);

    // One GPU, one model at a time: Gemma's first request came after Qwen's last.
    const models = server.double.requests.map((request) => request.model);
    expect(models.lastIndexOf(QWEN)).toBeLessThan(models.indexOf(GEMMA));
  });

  it('takes labels typed in the UI and judges the answers again', async () => {
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: await comparisonForm([QWEN]) });
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    const before = await finishedComparison(server, comparisonId);
    expect(before.models[0]).toMatchObject({ labelled: 0, accuracy: null });
    const puppies = before.images.find((image) => image.filename === 'puppies.jpg')!;
    const after = await server.trpc.comparisons.setLabels.mutate({ comparisonId, labels: [{ index: puppies.index, label: ' Dog ' }] });
    expect(after.models[0]).toMatchObject({ labelled: 1, correct: 1, accuracy: 1 });
    expect(after.images[puppies.index]!.answers[0]!.judgement).toMatchObject({ correct: true });
  });

  it('exports every answer with its judgement, and the per-model figures', async () => {
    const response = await fetch(`${server.url}/api/comparisons`, {
      method: 'POST',
      body: await comparisonForm([QWEN, GEMMA], labelsCsv()),
    });
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    await finishedComparison(server, comparisonId);
    const csv = await (await fetch(`${server.url}/api/comparisons/${comparisonId}/export?format=csv`)).text();
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe(
      'index,filename,label,model,entity,model_answer,correct,judgement,processing_time,tokens_per_second,time_to_first_token,error,error_code,agreement,label_source',
    );
    expect(rows).toHaveLength(1 + validPhotos().length * 2);
    expect(rows.some((row) => row.startsWith(`6,puppies.jpg,dog|puppy,${GEMMA},cat,cat,false,cat is not dog`))).toBe(true);
    const summary = (await (await fetch(`${server.url}/api/comparisons/${comparisonId}/export?format=summary`)).text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(summary[0]).toMatch(/^model,accuracy,correct,labelled,failures,mean_processing_time,mean_tokens_per_second,/);
    expect(summary[1]).toMatch(new RegExp(`^${QWEN},1,7,7,0,`));
    const page = await server.trpc.comparisons.list.query({ limit: 10 });
    expect(page.comparisons[0]).toMatchObject({
      comparisonId,
      models: [QWEN, GEMMA],
      images: validPhotos().length,
      labelled: validPhotos().length,
    });
  });

  it('refuses a comparison naming a model LM Studio cannot use, before running any', async () => {
    const before = server.double.requests.length;
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: await comparisonForm([QWEN, 'qwen/qwen3-4b']) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/cannot see images/);
    expect(server.double.requests.length).toBe(before);
    expect(await server.leftoverUploads()).toEqual([]);
  });
});

describe('a comparison of two models', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ double: { generationTokensPerSecond: 20 } });
  });
  afterAll(() => server.close());

  it('is cancelled whole: the running model stops at once and the waiting one never starts', async () => {
    const response = await fetch(`${server.url}/api/comparisons`, {
      method: 'POST',
      body: await comparisonForm([QWEN, GEMMA], labelsCsv()),
    });
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    await expect.poll(() => server.double.requests.length).toBeGreaterThan(0);
    const view = await server.trpc.comparisons.cancel.mutate({ comparisonId });
    expect(view.status).toBe('cancelled');
    expect(view.models.map((model) => model.status)).toEqual(['cancelled', 'cancelled']);
    // Only a run sends requests: once no batch runs or waits to, the waiting model would have been sent if started.
    await server.batches.idle();
    expect(server.double.requests.every((request) => request.model === QWEN)).toBe(true);
    // Cancelled images were never judged: they do not count against a model's accuracy.
    const gemma = (await server.trpc.comparisons.get.query({ comparisonId })).models[1]!;
    expect(gemma).toMatchObject({ labelled: 0, correct: 0, accuracy: null });
    const qwen = (await server.trpc.comparisons.get.query({ comparisonId })).models[0]!;
    expect(qwen.labelled).toBe(qwen.answered);
    expect(qwen.labelled).toBeLessThan(validPhotos().length);
  });

  it('matches labels by path, by name and regardless of case', async () => {
    const csv = ['filename,label', 'trip/PUPPIES.JPG,dog', 'airplane.jpg,airplane'].join('\n');
    const response = await fetch(`${server.url}/api/comparisons`, { method: 'POST', body: await comparisonForm([QWEN], csv) });
    const { comparisonId } = (await response.json()) as { comparisonId: string };
    const view = await server.trpc.comparisons.get.query({ comparisonId });
    const labelled = Object.fromEntries(view.images.map((image) => [image.filename, image.label]));
    expect(labelled['puppies.jpg']).toBe('dog');
    expect(labelled['airplane.jpg']).toBe('airplane');
    await server.trpc.comparisons.cancel.mutate({ comparisonId });
  });
});
