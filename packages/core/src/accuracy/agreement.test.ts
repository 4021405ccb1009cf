import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../schemas';
import { agreementOf, relateAnswers, type AgreeingAnswer } from './agreement.ts';
import { compareRuns } from './compare-runs.ts';
import { judgeAnswer } from './match-label.ts';

const judge = (answer: string, label: string) => judgeAnswer(answer, label);
const unlabelled = (entity: string): AgreeingAnswer => ({ entity, judgement: null });
const judged = async (entity: string, label: string): Promise<AgreeingAnswer> => ({ entity, judgement: await judgeAnswer(entity, label) });

describe('relateAnswers', () => {
  it('says two answers that read the same are the same', async () => {
    expect(await relateAnswers(unlabelled('cat'), unlabelled('Cats.'), judge)).toMatchObject({
      basis: 'same',
      answer: 'Cats.',
      other: 'cat',
    });
  });

  it('takes words of one synset in a usual sense as synonyms', async () => {
    expect(await relateAnswers(unlabelled('aeroplane'), unlabelled('airplane'), judge)).toMatchObject({ basis: 'synonym' });
  });

  it("finds a kind of the other answer either way round, narrower answer first, with the judge's path", async () => {
    const down = await relateAnswers(unlabelled('cat'), unlabelled('tabby'), judge);
    const up = await relateAnswers(unlabelled('tabby'), unlabelled('cat'), judge);
    for (const link of [down, up]) {
      expect(link).toMatchObject({ basis: 'kind-of', answer: 'tabby', other: 'cat' });
      expect(link?.reason?.path.map((sense) => sense.words[0])).toEqual(['tabby', 'domestic cat', 'cat']);
    }
  });

  it('does not take slang synonyms, parts of a scene, siblings or nothing in common as agreeing', async () => {
    for (const [first, second] of [
      ['cat', 'guy'],
      ['beach', 'shore'],
      ['cat', 'dog'],
      ['dog', 'hot dog'],
      ['cat', 'tomato'],
    ] as const) {
      expect({ first, second, link: await relateAnswers(unlabelled(first), unlabelled(second), judge) }).toEqual({
        first,
        second,
        link: null,
      });
    }
  });

  it('counts two answers judged right against the same label as agreeing, not two right on different alternatives', async () => {
    const link = await relateAnswers(await judged('seashore', 'beach'), await judged('sand', 'beach|sand'), judge);
    expect(link).toBeNull();
    const same = await relateAnswers(await judged('shore', 'beach'), await judged('beach', 'beach'), judge);
    expect(same).toMatchObject({ basis: 'same-label', label: 'beach' });
  });
});

describe('agreementOf', () => {
  it('links every answer to one already linked, and disagrees when one cannot be linked', async () => {
    const three = await agreementOf(['tabby', 'cat', 'siamese cat'].map(unlabelled), judge);
    expect(three.agree).toBe(true);
    expect(three.links.map((link) => [link.basis, link.answer, link.other])).toEqual([
      ['kind-of', 'tabby', 'cat'],
      ['kind-of', 'siamese cat', 'cat'],
    ]);
    expect(await agreementOf(['cat', 'tabby', 'dog'].map(unlabelled), judge)).toEqual({ agree: false, links: [] });
    expect(await agreementOf([unlabelled('cat')], judge)).toEqual({ agree: null, links: [] });
  });
});

describe('compareRuns agreement', () => {
  const result = (entity: string): ItemResult => ({
    filename: 'cat.jpg',
    index: 0,
    entity,
    raw_answer: entity,
    processing_time: 1,
    success: true,
    error: null,
    errorCode: null,
    tokens_per_second: 20,
    time_to_first_token: 0.5,
    prompt_tokens: 1,
    completion_tokens: 1,
    queue_time: 0,
    preparation_time: 0,
    generation_time: 0,
  });

  it('counts "cat" and "tabby" as agreeing, and says how', async () => {
    const comparison = await compareRuns(
      [
        { runId: 'a', model: 'a', results: [result('cat')] },
        { runId: 'b', model: 'b', results: [result('tabby')] },
      ],
      { labels: new Map([['cat.jpg', 'cat']]) },
    );
    expect(comparison.agreement).toEqual({ compared: 1, agreed: 1 });
    expect(comparison.images[0]?.agreedBy).toMatchObject([{ basis: 'kind-of', answer: 'tabby', other: 'cat' }]);
  });
});
