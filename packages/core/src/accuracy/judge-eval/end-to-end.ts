import { parseEntityAnswer } from '../../answer/index.ts';
import type { ItemResult } from '../../schemas/batch.ts';
import { compareRuns } from '../compare-runs.ts';
import { parseLabelsCsv } from '../ground-truth.ts';
import type { JudgeOptions } from '../match-label.ts';
import type { GroupScore } from './evaluate.ts';
import type { LabelledPair, PairGroup } from './labelled-pairs.ts';

/** How a model writes its answer: the JSON the prompt asks for, or a plain sentence. */
export type AnswerForm = 'json' | 'sentence';

export const ANSWER_FORMS: Readonly<Record<AnswerForm, (answer: string) => string>> = {
  json: (answer) => JSON.stringify({ entity: answer }),
  sentence: (answer) => `${/^[aeiou]/i.test(answer) ? 'An' : 'A'} ${answer}.`,
};

interface AnsweredImage {
  pair: LabelledPair;
  filename: string;
  raw: string;
}

/**
 * The same pairs as `evaluateJudge`, but as a comparison meets them: each answer written as a model writes it
 * (every form of `forms`), read by `parseEntityAnswer` into a result (entity and the model's phrase), each label
 * in a `filename,label` CSV read by `parseLabelsCsv`, and all of it judged by `compareRuns`. An answer that
 * cannot be read counts as judged wrong, as in a model's accuracy. The misses show the answer as written.
 */
export async function evaluateEndToEnd(
  pairs: readonly LabelledPair[],
  forms: readonly AnswerForm[] = ['json', 'sentence'],
  judge?: JudgeOptions,
): Promise<GroupScore[]> {
  const images = pairs.flatMap((pair, at) =>
    forms.map((form): AnsweredImage => ({ pair, filename: `${at}-${form}.jpg`, raw: ANSWER_FORMS[form](pair.answer) })),
  );
  const { labels } = parseLabelsCsv(labelsCsv(images));
  const results = images.map((image, index) => resultOf(image, index));
  const { images: compared } = await compareRuns([{ runId: 'end-to-end', model: 'as written', results }], { labels, judge });
  const scores = new Map<PairGroup, GroupScore>();
  compared.forEach((row, index) => {
    const { pair, raw } = images[index] as AnsweredImage;
    const judgement = row.answers[0]?.judgement ?? null;
    const score = scores.get(pair.group) ?? { group: pair.group, right: 0, total: 0, misses: [] };
    score.total++;
    if ((judgement?.correct ?? false) === pair.correct) score.right++;
    else score.misses.push({ ...pair, answer: raw, explanation: judgement?.explanation ?? row.answers[0]?.error ?? 'not judged' });
    scores.set(pair.group, score);
  });
  return [...scores.values()];
}

function labelsCsv(images: readonly AnsweredImage[]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows = images.map((image) => `${cell(image.filename)},${cell(image.pair.label)}`);
  return ['filename,label', ...rows].join('\n');
}

/** The result a run would store for this answer, timings aside. */
function resultOf(image: AnsweredImage, index: number): ItemResult {
  const parsed = parseEntityAnswer(image.raw);
  return {
    filename: image.filename,
    index,
    entity: parsed.ok ? parsed.entity : null,
    ...(parsed.ok ? { model_answer: parsed.phrase } : {}),
    raw_answer: image.raw,
    processing_time: 0,
    success: parsed.ok,
    error: parsed.ok ? null : parsed.reason,
    errorCode: parsed.ok ? null : 'no-entity',
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
    queue_time: null,
    preparation_time: null,
    generation_time: null,
  };
}
