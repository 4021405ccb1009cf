import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../schemas';
import { compareRuns, type ComparedRun } from './compare-runs.ts';

const item = (index: number, filename: string, entity: string | null, timing: Partial<ItemResult> = {}): ItemResult => ({
  filename,
  index,
  entity,
  raw_answer: entity,
  processing_time: 1,
  success: entity !== null,
  error: entity === null ? 'The model did not answer in time' : null,
  errorCode: entity === null ? 'inference-timeout' : null,
  tokens_per_second: 20,
  time_to_first_token: 0.5,
  prompt_tokens: 100,
  completion_tokens: 5,
  queue_time: 0,
  preparation_time: 0.1,
  generation_time: 0.5,
  ...timing,
});

const files = ['cat.jpg', 'kitten.jpg', 'plane.jpg', 'dog1.jpg', 'dog2.jpg', 'beach.jpg'];
const run = (runId: string, model: string, entities: Array<string | null>, timing: Partial<ItemResult> = {}): ComparedRun => ({
  runId,
  model,
  results: entities.map((entity, index) => item(index, files[index] ?? `${index}.jpg`, entity, timing)),
});

const labels = new Map([
  ['cat.jpg', 'cat'],
  ['kitten.jpg', 'cat'],
  ['plane.jpg', 'airplane|aircraft'],
  ['dog1.jpg', 'dog'],
  ['dog2.jpg', 'dog'],
]);
const qwen = run('r1', 'qwen2.5-vl-7b', ['cat', 'kitten', 'aeroplane', 'golden retriever', 'dog', 'seashore'], {
  processing_time: 2,
  tokens_per_second: 30,
  time_to_first_token: 0.4,
});
const gemma = run('r2', 'gemma-3-4b', ['cat', 'cat', 'bird', 'cat', null, 'beach'], {
  processing_time: 1,
  tokens_per_second: 50,
  time_to_first_token: 0.2,
});

describe('compareRuns', () => {
  it("puts each model's entity side by side per image, with its judgement and whether the models agree", async () => {
    const { images } = await compareRuns([qwen, gemma], { labels });
    expect(images.map((image) => [image.filename, image.label, image.answers.map((answer) => answer.entity), image.agree])).toEqual([
      ['cat.jpg', 'cat', ['cat', 'cat'], true],
      ['kitten.jpg', 'cat', ['kitten', 'cat'], true],
      ['plane.jpg', 'airplane|aircraft', ['aeroplane', 'bird'], false],
      ['dog1.jpg', 'dog', ['golden retriever', 'cat'], false],
      ['dog2.jpg', 'dog', ['dog', null], null],
      ['beach.jpg', null, ['seashore', 'beach'], false],
    ]);
    const plane = images[2]?.answers;
    expect(plane?.map((answer) => answer.judgement)).toMatchObject([
      { correct: true, kind: 'synonym', explanation: 'aeroplane is another word for airplane' },
      { correct: false, kind: 'wrong', explanation: 'bird is not airplane or aircraft' },
    ]);
    expect(images[4]?.answers[1]).toEqual({
      runId: 'r2',
      model: 'gemma-3-4b',
      status: 'failed',
      entity: null,
      modelAnswer: null,
      error: 'The model did not answer in time',
      judgement: null,
    });
    expect(images[5]?.answers.map((answer) => answer.judgement)).toEqual([null, null]);
  });

  it('summarises each model: accuracy over labelled images, failures, mean timings and agreement', async () => {
    const { models, agreement } = await compareRuns([qwen, gemma], { labels });
    expect(models.map(({ confusions: _, ...summary }) => summary)).toEqual([
      {
        runId: 'r1',
        model: 'qwen2.5-vl-7b',
        images: 6,
        answered: 6,
        failures: 0,
        labelled: 5,
        correct: 5,
        accuracy: 1,
        meanProcessingTime: 2,
        meanTokensPerSecond: 30,
        meanTimeToFirstToken: 0.4,
      },
      {
        runId: 'r2',
        model: 'gemma-3-4b',
        images: 6,
        answered: 5,
        failures: 1,
        labelled: 5,
        correct: 2,
        accuracy: 0.4,
        meanProcessingTime: 1,
        meanTokensPerSecond: 50,
        meanTimeToFirstToken: 0.2,
      },
    ]);
    expect(agreement).toEqual({ compared: 5, agreed: 2 });
  });

  it("lists each model's most frequent mistakes, label first, most frequent first, at most the top N", async () => {
    const sloppy = run('r3', 'tiny', ['dog', 'dog', 'bird', 'cat', 'cat', 'sand']);
    const { models } = await compareRuns([sloppy], { labels, topConfusions: 2 });
    expect(models[0]?.confusions).toEqual([
      { label: 'cat', answer: 'dog', count: 2 },
      { label: 'dog', answer: 'cat', count: 2 },
    ]);
    expect((await compareRuns([sloppy], { labels })).models[0]?.confusions).toHaveLength(3);
  });

  it('matches images by index when a run repeats a file name, and marks images a run lacks as missing', async () => {
    const first: ComparedRun = { runId: 'a', model: 'm1', results: [item(0, 'IMG.jpg', 'cat'), item(1, 'IMG.jpg', 'dog')] };
    const second: ComparedRun = { runId: 'b', model: 'm2', results: [item(1, 'IMG.jpg', 'puppy')] };
    const { images, models } = await compareRuns([first, second]);
    expect(images.map((image) => [image.key, image.answers.map((answer) => answer.status), image.agree])).toEqual([
      ['#0', ['answered', 'missing'], null],
      ['#1', ['answered', 'answered'], true], // a puppy is a young dog: the same thing by meaning
    ]);
    expect(models.map((summary) => [summary.labelled, summary.accuracy])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('reports no timing means when no answer carries them', async () => {
    const bare = run('r4', 'm', ['cat'], { tokens_per_second: null, time_to_first_token: null });
    const [summary] = (await compareRuns([bare])).models;
    expect([summary?.meanTokensPerSecond, summary?.meanTimeToFirstToken, summary?.meanProcessingTime]).toEqual([null, null, 1]);
  });

  describe('judges what the model said, not the shortened label', () => {
    const said = (index: number, filename: string, entity: string, modelAnswer: string): ItemResult => ({
      ...item(index, filename, entity),
      model_answer: modelAnswer,
    });
    const sharkLabels = new Map([
      ['shark.jpg', 'great white shark'],
      ['finch.jpg', 'goldfinch'],
    ]);

    it('judges the phrase a result keeps beside its entity', async () => {
      // Entities as a normaliser that dropped colours and forced singulars would have stored them.
      const results = [said(0, 'shark.jpg', 'shark', 'white sharks'), said(1, 'finch.jpg', 'carduelis cardueli', 'Carduelis carduelis')];
      const { images, models } = await compareRuns([{ runId: 'r', model: 'm', results }], { labels: sharkLabels });
      expect(images.map((image) => [image.answers[0]?.modelAnswer, image.answers[0]?.judgement?.correct])).toEqual([
        ['white sharks', true],
        ['Carduelis carduelis', true],
      ]);
      expect(models[0]?.accuracy).toBe(1);
    });

    it('still reads a result stored before the phrase was kept, judging its entity', async () => {
      const results = [item(0, 'shark.jpg', 'white shark'), item(1, 'finch.jpg', 'shark')];
      const { images } = await compareRuns([{ runId: 'old', model: 'm', results }], { labels: sharkLabels });
      expect(images.map((image) => [image.answers[0]?.modelAnswer, image.answers[0]?.judgement?.correct])).toEqual([
        ['white shark', true],
        ['shark', false],
      ]);
    });

    it('agrees when one model describes what the other names ("a black cat" and "cat")', async () => {
      const first: ComparedRun = { runId: 'a', model: 'm1', results: [said(0, 'cat.jpg', 'cat', 'black cat')] };
      const second: ComparedRun = { runId: 'b', model: 'm2', results: [said(0, 'cat.jpg', 'cat', 'cat')] };
      const { images } = await compareRuns([first, second], { labels });
      expect(images[0]?.agree).toBe(true);
      expect(images[0]?.answers.map((answer) => answer.judgement?.correct)).toEqual([true, true]);
    });
  });
});
