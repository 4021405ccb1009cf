import { briefQuote } from './clean-markup.ts';
import { extractJsonEntity } from './extract-json.ts';
import { readProse } from './prose-entity.ts';
import type { ProseReading } from './prose-entity.ts';
import { stripReasoning } from './strip-reasoning.ts';

/**
 * `entity` is the normalised label ("white shark", "dog"); `phrase` what the model named, before normalising, in
 * its own words and capitals ("white sharks", "small brown dog", "Great Pyrenees"): judging reads the phrase.
 */
export type ParsedAnswer = { ok: true; entity: string; phrase: string } | { ok: false; reason: string };

/** The failure reasons that do not quote the answer, for callers and tests that compare them. */
export const ANSWER_FAILURES = {
  empty: 'the model returned an empty answer',
  emptyEntity: 'the model returned an empty entity',
  cutOffWhileThinking: "the model's answer was cut off while thinking",
  cutOff: "the model's answer was cut off in the middle of the JSON",
  noEntityField: 'the JSON answer has no entity field',
} as const;

/**
 * Reads the main entity out of a model's reply, whatever shape the reply took. In order:
 * 1. reasoning (`<think>...</think>` and kin) is removed; an answer that is only an unfinished thought was cut
 *    off by max_tokens, unless the thought itself already holds the JSON answer;
 * 2. JSON anywhere in the reply (fenced, after prose, single-quoted, renamed key, list) wins, and its value
 *    is read like prose, since models also put sentences in it; an empty value defers to any prose around it;
 * 3. otherwise the prose is read: refusals and "I don't know" fail with a short quote, else the phrase after a
 *    cue ("the main entity is", "this image shows", "I see") or the first line is the entity.
 * The entity is always normalised (`normaliseEntity`): lowercase, at most 4 words and 40 characters; the phrase
 * it was read from comes with it (`namedPhrase`).
 */
export function parseEntityAnswer(raw: string): ParsedAnswer {
  const { text, unfinishedThought } = stripReasoning(raw);
  if (text.trim() === '') {
    if (unfinishedThought === null) return { ok: false, reason: ANSWER_FAILURES.empty };
    const fromThought = extractJsonEntity(unfinishedThought);
    const reading = fromThought.kind === 'entity' ? readValue(fromThought.entity) : null;
    return reading?.ok ? reading : { ok: false, reason: ANSWER_FAILURES.cutOffWhileThinking };
  }

  const json = extractJsonEntity(text);
  if (json.kind === 'truncated') return { ok: false, reason: ANSWER_FAILURES.cutOff };
  const fromJson = json.kind === 'entity' ? readValue(json.entity) : null;
  // An empty or echoed-template value beside a prose answer ("A cat. {"entity": "..."}") defers to the prose.
  if (fromJson !== null && (fromJson.ok || fromJson.reason !== ANSWER_FAILURES.emptyEntity)) return fromJson;
  const reading = readProse(text);
  if (fromJson !== null && reading.kind !== 'entity') return fromJson;
  // JSON without any field that could hold the answer ({"confidence": 0.9}) says so rather than "no entity".
  if (reading.kind === 'none' && json.kind === 'no-field') {
    return { ok: false, reason: ANSWER_FAILURES.noEntityField };
  }
  return fromProse(reading);
}

/** A JSON value: usually "cat", sometimes "A black cat sitting on a sofa" or "I cannot tell". */
function readValue(value: string): ParsedAnswer {
  if (value.trim() === '') return { ok: false, reason: ANSWER_FAILURES.emptyEntity };
  const reading = readProse(value);
  // A placeholder echoed from the prompt ("...", "<short noun phrase>") leaves nothing to read.
  if (reading.kind === 'none' && !/[\p{L}\p{N}]/u.test(value.replace(/short noun phrase/i, ''))) {
    return { ok: false, reason: ANSWER_FAILURES.emptyEntity };
  }
  return fromProse(reading);
}

function fromProse(reading: ProseReading): ParsedAnswer {
  switch (reading.kind) {
    case 'entity':
      return { ok: true, entity: reading.entity, phrase: reading.phrase };
    case 'refusal':
      return { ok: false, reason: `the model declined to answer: "${reading.quote}"` };
    case 'unknown':
      return { ok: false, reason: `the model could not name a main entity: "${reading.quote}"` };
    case 'none':
      return reading.quote === ''
        ? { ok: false, reason: ANSWER_FAILURES.empty }
        : { ok: false, reason: `no entity found in the answer: "${briefQuote(reading.quote)}"` };
  }
}
