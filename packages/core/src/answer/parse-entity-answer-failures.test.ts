import { describe, expect, test } from 'vitest';
import { ANSWER_FAILURES, parseEntityAnswer } from './parse-entity-answer.ts';

// How replies that name no entity fail: each reason tells the user what went wrong with the model's answer.
describe('parseEntityAnswer failures', () => {
  test.each([
    ['an empty string', ''],
    ['only whitespace', '   \n\t '],
    ['only a think block', '<think>\nThe image shows a cat.\n</think>'],
    ['an empty think block', '<think>\n\n</think>\n\n'],
    ['only an end-of-turn token', '<end_of_turn>'],
  ])('fails with "empty answer" for %s', (_name, raw) => {
    expect(parseEntityAnswer(raw)).toEqual({ ok: false, reason: ANSWER_FAILURES.empty });
  });

  test.each([
    ['a thought cut off mid-sentence', '<think>\nOkay, let me look. The image shows a cat on a sofa, and the user wants'],
    ['a thought that only echoes the JSON template', '<think>\nI must answer as {"entity": "..."}. I see a'],
    ['a Kimi-VL thought cut off', '◁think▷The picture shows'],
    ['a thought whose last paragraph could be an answer or more thinking', '<think>\nThe image shows a cat.\n\ncat'],
  ])('fails with "cut off while thinking" for %s', (_name, raw) => {
    expect(parseEntityAnswer(raw)).toEqual({ ok: false, reason: ANSWER_FAILURES.cutOffWhileThinking });
  });

  test.each([
    ["I'm sorry, I can't identify the main entity in this image."],
    ['I cannot determine the main entity of this image.'],
    ['Sorry, I am unable to view images.'],
    ['As an AI language model, I cannot see images.'],
    ['There is no image provided.'],
    ['{"entity": "I\'m sorry, I cannot identify the entity"}'],
  ])('fails as a refusal quoting the answer: %s', (raw) => {
    const parsed = parseEntityAnswer(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(/^the model declined to answer: ".+"$/);
    expect(parsed.reason).toContain(raw.replace(/^\{"entity": "|"\}$/g, '').slice(0, 20));
  });

  test('quotes a long refusal briefly', () => {
    const raw = `I'm sorry, but I can't help with identifying ${'anything at all '.repeat(20)}`;
    const parsed = parseEntityAnswer(raw);
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^the model declined to answer: ".{1,60}"$/) });
  });

  test.each([
    ['unknown'],
    ['Unknown.'],
    ['N/A'],
    ['{"entity": "unknown"}'],
    ['{"entity": "none"}'],
    ['{"entity": null}'],
    ["I'm not sure what this is."],
    ['The main entity is unclear.'],
    ["I don't know"],
  ])('fails as "could not name" for %s', (raw) => {
    expect(parseEntityAnswer(raw)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the model could not name a main entity: ".*"$/),
    });
  });

  test.each([
    ['an empty entity', '{"entity": ""}'],
    ['an echoed placeholder', '{"entity": "..."}'],
    ['an echoed placeholder in angle brackets', '{"entity": "<short noun phrase>"}'],
  ])('fails with "empty entity" for %s', (_name, raw) => {
    expect(parseEntityAnswer(raw)).toEqual({ ok: false, reason: ANSWER_FAILURES.emptyEntity });
  });

  test('fails with "no entity field" for JSON without one', () => {
    expect(parseEntityAnswer('{"confidence": 0.4}')).toEqual({ ok: false, reason: ANSWER_FAILURES.noEntityField });
  });

  test('fails with a quote when nothing in the answer names an entity', () => {
    expect(parseEntityAnswer('...')).toEqual({ ok: false, reason: 'no entity found in the answer: "..."' });
  });
});
