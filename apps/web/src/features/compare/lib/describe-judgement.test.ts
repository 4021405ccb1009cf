import type { TAgreementLink, TJudgement } from '@vision/api-contract';
import { explainJudgement } from '@vision/core/explain';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/messages-en';
import { ru } from '../../../i18n/messages-ru';
import { describeAgreement, describeJudgement } from './describe-judgement';

type Reason = TJudgement['reason'];
const sense = (words: string[], gloss = `${words[0]} gloss`, offset = words.length) => ({ offset, words, gloss });
const reason = (relation: Reason['relation'], more: Partial<Reason> = {}): Reason => ({
  relation,
  answer: 'tabby',
  answerName: 'tabby',
  answerRead: null,
  labels: ['cat'],
  answerSense: null,
  answerSenseRare: false,
  labelSense: null,
  labelSenseRare: false,
  path: [],
  compound: null,
  everyday: null,
  ...more,
});

/** One reason of every relation, with the notes that change a sentence (rare senses, shortened readings). */
const REASONS: Reason[] = [
  reason('no-label', { labels: [] }),
  reason('no-answer', { answer: '', answerName: '' }),
  reason('same-text', { answer: 'cat', answerName: 'cat' }),
  reason('same-name', { answer: 'A Cat.', answerName: 'cat', answerRead: 'normalised' }),
  reason('same-name', { answer: 'tabby cat sleeping', answerName: 'tabby cat', answerRead: 'head' }),
  reason('synonym', {
    answer: 'guy',
    answerName: 'guy',
    labelSense: sense(['cat', 'guy'], 'an informal term for a youth or man'),
    labelSenseRare: true,
  }),
  reason('hyponym', { path: [sense(['tabby']), sense(['domestic cat']), sense(['cat'])] }),
  reason('hyponym', {
    answer: 'Boxer dog',
    answerName: 'boxer',
    answerRead: 'head',
    labels: ['dog'],
    answerSense: sense(['boxer'], 'a breed of stocky medium-sized short-haired dog with a brindled coat'),
    answerSenseRare: true,
    path: [sense(['boxer']), sense(['working dog']), sense(['dog'])],
  }),
  reason('compound', {
    answer: 'labrador',
    answerName: 'labrador',
    labels: ['dog'],
    compound: 'labrador retriever',
    path: [sense(['labrador retriever']), sense(['retriever']), sense(['dog'])],
  }),
  reason('compound', {
    answer: 'retriever',
    answerName: 'retriever',
    labels: ['dog'],
    compound: 'golden retriever',
    path: [sense(['golden retriever'])],
  }),
  reason('gloss', { answer: 'kitten', answerName: 'kitten', answerSense: sense(['kitten'], 'young domestic cat') }),
  reason('bloom', {
    answer: 'tulip',
    answerName: 'tulip',
    labels: ['flower'],
    answerSense: sense(['tulip'], 'any of numerous perennial bulbous herbs'),
  }),
  reason('part-of', { answer: 'beach', answerName: 'beach', labels: ['coast'], path: [sense(['shore'])] }),
  reason('includes', { answer: 'shore', answerName: 'shore', labels: ['beach'] }),
  reason('everyday', {
    answer: 'rose',
    answerName: 'rose',
    labels: ['flower'],
    everyday: { word: 'rose', hypernym: 'flower' },
    path: [sense(['rose'])],
  }),
  reason('everyday', {
    answer: 'damask rose',
    answerName: 'damask rose',
    labels: ['flower'],
    everyday: { word: 'rose', hypernym: 'flower' },
    path: [sense(['damask rose']), sense(['rose'])],
  }),
  reason('broader', { answer: 'animal', answerName: 'animal' }),
  reason('unrelated', { answer: 'tomato', answerName: 'tomato', labels: ['apple', 'pear', 'plum'] }),
  reason('unknown-answer', { answer: 'blorf', answerName: 'blorf', labels: ['apple'] }),
];

describe('describeJudgement', () => {
  it("says in English exactly what core's explanation says, from the reason's parts alone", () => {
    for (const each of REASONS) expect(describeJudgement(each, en)).toBe(explainJudgement(each));
  });

  it('says the same in Russian, keeping the words and WordNet path', () => {
    expect(describeJudgement(REASONS[6]!, ru)).toBe('tabby — разновидность cat (WordNet: tabby → domestic cat → cat)');
    expect(describeJudgement(REASONS[17]!, ru)).toBe('tomato — не apple, pear или plum');
    expect(describeJudgement(REASONS[5]!, ru)).toBe(
      'guy — другое название для cat, если понимать cat как «an informal term for a youth or man»',
    );
    expect(describeJudgement(REASONS[7]!, ru)).toBe(
      'boxer (a breed of stocky medium-sized short-haired dog) — разновидность dog (WordNet: boxer → working dog → dog) (boxer dog прочитано как boxer)',
    );
  });

  it('has a Russian sentence for every relation, none of them the English one', () => {
    for (const each of REASONS) expect(describeJudgement(each, ru)).not.toBe(explainJudgement(each));
  });
});

describe('describeAgreement', () => {
  const link = (basis: TAgreementLink['basis'], label: string | null = null): TAgreementLink => ({
    basis,
    answer: 'tabby',
    other: 'cat',
    label,
    reason: null,
  });

  it('says how two answers agree, in either language', () => {
    expect(describeAgreement([link('kind-of')], en)).toBe('tabby is a kind of cat');
    expect(describeAgreement([link('kind-of')], ru)).toBe('tabby — разновидность cat');
    expect(describeAgreement([link('same-label', 'cat'), link('synonym')], ru)).toBe(
      'tabby и cat — оба верны для метки cat; tabby — другое название для cat',
    );
  });
});
