import { describe, expect, it } from 'vitest';
import type { ComparisonView } from '../../vision-client';
import { fieldAccuracy } from '@vision/core/fields';
import { PLAIN_STYLE } from '../terminal';
import { allAnswered, buildReport, verdict } from './comparison-report';
import { comparisonLines } from './comparison-tables';
import { renderComparison } from './write-comparison';

type Answer = [entity: string | null, correct: boolean | null, seconds: number];

function judgement(
  answer: string,
  label: string,
  correct: boolean,
): NonNullable<ComparisonView['images'][number]['answers'][number]['judgement']> {
  const reason = {
    relation: correct ? ('same-text' as const) : ('unrelated' as const),
    answer,
    answerName: answer,
    answerRead: null,
    labels: [label],
    answerSense: null,
    answerSenseRare: false,
    labelSense: null,
    labelSenseRare: false,
    path: [],
    compound: null,
    everyday: null,
  };
  return {
    correct,
    kind: correct ? 'exact' : 'wrong',
    explanation: correct ? `${answer} is ${label}` : `${answer} is not ${label}`,
    reason,
  };
}

/** A finished comparison: per image its label and each model's answer, in `models` order. */
function view(id: string, models: string[], images: Array<{ file: string; label: string | null; answers: Answer[] }>): ComparisonView {
  const answersOf = (position: number) => images.map((image) => image.answers[position]!);
  return {
    comparisonId: id,
    createdAt: '2026-11-26T17:00:00.000Z',
    prompt: null,
    status: 'completed',
    agreement: { compared: 0, agreed: 0 },
    models: models.map((model, position) => {
      const answers = answersOf(position);
      const labelled = images.filter((image) => image.label !== null).length;
      return {
        batchId: `${id}-${model}`,
        model,
        status: 'completed',
        images: images.length,
        answered: answers.filter(([entity]) => entity).length,
        failures: answers.filter(([entity]) => !entity).length,
        labelled,
        correct: answers.filter(([, correct]) => correct).length,
        accuracy: null,
        meanProcessingTime: null,
        meanTokensPerSecond: null,
        meanTimeToFirstToken: null,
        confusions: [],
        stats: null,
        runRecord: null,
      };
    }),
    images: images.map((image, index) => {
      const entities = image.answers.map(([entity]) => entity);
      return {
        index,
        filename: image.file,
        label: image.label,
        agree: entities.every(Boolean) ? entities.every((entity) => entity === entities[0]) : null,
        agreedBy: [],
        answers: image.answers.map(([entity, correct, seconds], position) => ({
          batchId: `${id}-${models[position]}`,
          model: models[position]!,
          status: entity ? 'answered' : 'failed',
          entity,
          error: entity ? null : 'LM Studio timed out',
          errorCode: entity ? null : 'inference-timeout',
          processing_time: seconds,
          tokens_per_second: 40,
          time_to_first_token: 0.1,
          judgement: correct === null ? null : judgement(entity ?? '', image.label ?? '', correct),
        })),
      };
    }),
  };
}

// Two uploads of one run; the second ran the models in reverse order.
const first = view(
  'c1',
  ['qwen', 'gemma'],
  [
    {
      file: 'dog/1.jpg',
      label: 'dog|puppy',
      answers: [
        ['dog', true, 1],
        ['cat', false, 0.5],
      ],
    },
    {
      file: 'cat/2.jpg',
      label: 'cat',
      answers: [
        ['cat', true, 3],
        ['cat', true, 0.5],
      ],
    },
  ],
);
const second = view(
  'c2',
  ['gemma', 'qwen'],
  [
    {
      file: 'dog/3.jpg',
      label: 'dog',
      answers: [
        ['cat', false, 0.5],
        ['dog', true, 2],
      ],
    },
    {
      file: 'x.jpg',
      label: null,
      answers: [
        [null, null, 0],
        ['fox', null, 2],
      ],
    },
  ],
);

describe('buildReport', () => {
  const report = buildReport([{ view: first }, { view: second, names: ['photos/dog/3.jpg', 'photos/x.jpg'] }], {
    models: ['qwen', 'gemma'],
    notSent: [{ name: 'huge.png', error: 'too large; not sent' }],
  });

  it('lines up every image with the answers in the order the models were given, local names first', () => {
    expect(report.images.map((image) => [image.name, ...image.answers.map((answer) => answer.entity ?? answer.status)])).toEqual([
      ['dog/1.jpg', 'dog', 'cat'],
      ['cat/2.jpg', 'cat', 'cat'],
      ['photos/dog/3.jpg', 'dog', 'cat'],
      ['photos/x.jpg', 'fox', 'failed'],
      ['huge.png', 'failed', 'failed'],
    ]);
  });

  it("sums the server's counts over the uploads and takes the means and mistakes over all images", () => {
    const [qwen, gemma] = report.models;
    expect(qwen).toMatchObject({
      images: 5,
      answered: 4,
      failures: 1,
      labelled: 3,
      correct: 3,
      accuracy: 1,
      meanProcessingTime: 2,
      batchIds: ['c1-qwen', 'c2-qwen'],
    });
    expect(gemma).toMatchObject({ images: 5, answered: 3, failures: 2, labelled: 3, correct: 1, meanProcessingTime: 0.5 });
    expect(gemma!.accuracy).toBeCloseTo(1 / 3);
    expect(gemma!.confusions).toEqual([{ label: 'dog', answer: 'cat', count: 2 }]);
    expect(report.agreement).toEqual({ compared: 3, agreed: 1 });
    expect(allAnswered(report)).toBe(false);
  });

  it('names the most accurate and the fastest model, and nobody when every model ties (as the web app badges)', () => {
    expect(verdict(report).mostAccurate.map((model) => model.model)).toEqual(['qwen']);
    expect(verdict(report).fastest.map((model) => model.model)).toEqual(['gemma']);
    const tie = buildReport([
      {
        view: view(
          't',
          ['a', 'b'],
          [
            {
              file: '1.jpg',
              label: 'cat',
              answers: [
                ['cat', true, 1],
                ['cat', true, 1],
              ],
            },
          ],
        ),
      },
    ]);
    expect(verdict(tie)).toEqual({ mostAccurate: [], fastest: [] });
  });

  it('prints right and wrong in words when plain, marks on a terminal, then the models, mistakes and verdict', () => {
    const plain = comparisonLines(report, { style: PLAIN_STYLE, marks: false });
    expect(plain[0]).toMatch(/^FILE\s+LABEL\s+qwen\s+gemma\s+AGREE$/);
    expect(plain).toContainEqual(expect.stringMatching(/^dog\/1\.jpg\s+dog\|puppy\s+dog right\s+cat wrong\s+no$/));
    expect(plain).toContainEqual(expect.stringMatching(/^photos\/x\.jpg\s+-\s+fox\s+failed: LM Studio timed out\s+-$/));
    expect(plain).toContainEqual(expect.stringMatching(/^qwen\s+100% \(3\/3\)\s+2\.00 s\s+40\.0\s+0\.10 s\s+1$/));
    expect(plain).toContainEqual(expect.stringMatching(/^gemma\s+33\.3% \(1\/3\)\s+0\.50 s/));
    expect(plain).toContainEqual('  gemma:  dog → cat (2)');
    expect(plain.at(-1)).toBe('Most accurate: qwen (100%) · Fastest: gemma (0.50 s per image)');
    const marked = comparisonLines(report, { style: PLAIN_STYLE, marks: true });
    expect(marked).toContainEqual(expect.stringMatching(/^dog\/1\.jpg\s+dog\|puppy\s+dog ✓\s+cat ✗\s+no$/));
  });

  it('says how two answers agree when they differ in words ("tabby is a kind of cat")', () => {
    const agreeing = view(
      'k',
      ['a', 'b'],
      [
        {
          file: '1.jpg',
          label: null,
          answers: [
            ['cat', null, 1],
            ['tabby', null, 1],
          ],
        },
      ],
    );
    agreeing.images[0] = {
      ...agreeing.images[0]!,
      agree: true,
      agreedBy: [{ basis: 'kind-of', answer: 'tabby', other: 'cat', label: null, reason: null }],
    };
    const lines = comparisonLines(buildReport([{ view: agreeing }]), { style: PLAIN_STYLE, marks: false });
    expect(lines).toContainEqual(expect.stringMatching(/^1\.jpg\s+-\s+cat\s+tabby\s+yes: tabby is a kind of cat$/));
    const csv = renderComparison(buildReport([{ view: agreeing }]), [agreeing], 'csv');
    expect(csv).toContain(',,yes: tabby is a kind of cat\r\n');
  });

  it('writes a CSV row per image and model, and JSON with the figures and every view', () => {
    const rows = renderComparison(report, [first, second], 'csv')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows).toHaveLength(1 + 5 * 2);
    expect(rows[2]).toBe('dog/1.jpg,dog|puppy,gemma,cat,answered,false,cat is not dog|puppy,wrong,0.5,40,0.1,,c1,c1-gemma,0,,no');
    expect(rows[10]).toBe('huge.png,,gemma,,failed,,,,,,,too large; not sent,,,,not-sent,');
    const json = JSON.parse(renderComparison(report, [first, second], 'json'));
    expect(json.comparison_ids).toEqual(['c1', 'c2']);
    expect(json.models.map((model: { model: string; correct: number }) => [model.model, model.correct])).toEqual([
      ['qwen', 3],
      ['gemma', 1],
    ]);
    expect(json.comparisons.map((comparison: { comparisonId: string }) => comparison.comparisonId)).toEqual(['c1', 'c2']);
  });
});

describe('a comparison judged by a label field', () => {
  const kind = { name: 'kind', type: 'label' as const, values: ['cat', 'dog'] };
  /** The server's view of a fields comparison: each model's `fieldAccuracy` for `kind`, its truth field named. */
  function judgedView(id: string, models: string[], truths: string[], answersPerModel: string[][]): ComparisonView {
    const base = view(
      id,
      models,
      truths.map((truth, index) => ({
        file: `${id}-${index}.jpg`,
        label: truth,
        answers: answersPerModel.map((answers): Answer => [answers[index]!, null, 1]),
      })),
    );
    const truthMap = new Map(truths.map((truth, index) => [index, truth]));
    return {
      ...base,
      truthField: 'kind',
      models: base.models.map((model, position) => {
        const answers = new Map(answersPerModel[position]!.map((answer, index) => [index, answer]));
        return { ...model, fieldAccuracy: fieldAccuracy(kind, truthMap, answers) };
      }),
    };
  }

  it('sums each model’s field figures over the uploads and prints its classes and confusion table', () => {
    const report = buildReport([
      {
        view: judgedView(
          'c1',
          ['qwen', 'gemma'],
          ['dog', 'cat'],
          [
            ['dog', 'cat'],
            ['cat', 'cat'],
          ],
        ),
      },
      { view: judgedView('c2', ['qwen', 'gemma'], ['dog'], [['dog'], ['cat']]) },
    ]);
    const gemma = report.models.find((model) => model.model === 'gemma')!;
    expect(report.truthField).toBe('kind');
    expect(gemma.fieldAccuracy).toMatchObject({ field: 'kind', labelled: 3, correct: 1 });
    expect(gemma.confusions).toEqual([{ label: 'dog', answer: 'cat', count: 2 }]);

    const lines = comparisonLines(report, { style: PLAIN_STYLE, marks: false });
    expect(lines).toContain('Ground truth judges the field "kind", class by class:');
    expect(lines.find((line) => /^gemma\s+dog\s+-\s+0%\s+2$/.test(line))).toBeDefined();
    const confusion = lines.slice(lines.indexOf('Confusion of "kind", gemma (ground truth ↓, answer →):'));
    expect(confusion.slice(1, 4).map((line) => line.split(/\s+/))).toEqual([
      ['TRUTH', 'cat', 'dog'],
      ['cat', '1', '0'],
      ['dog', '2', '0'],
    ]);
  });
});
