import { briefQuote, cleanMarkup } from './clean-markup.ts';
import { META_WORDS, isNonAnswer } from './entity-vocabulary.ts';
import { namedPhrase, normaliseEntity } from './normalise-entity.ts';

/** What a free-text answer says: an entity, a refusal, an "I don't know", or nothing usable. */
export type ProseReading =
  /** `phrase`: the noun phrase as the model wrote it ("Great Pyrenees"); `entity`, its label ("great pyrenees"). */
  | { kind: 'entity'; entity: string; phrase: string }
  | { kind: 'refusal'; quote: string }
  | { kind: 'unknown'; quote: string }
  | { kind: 'none'; quote: string };

const PICTURE = '(?:image|picture|photo(?:graph)?|scene|frame|shot)';

/**
 * Phrases after which models name the entity, most specific first; each captures the rest of its sentence
 * and `normaliseEntity` cuts that to a noun phrase. The "it's / this is" cue counts only at a sentence or
 * clause start, where it introduces the answer rather than a side remark.
 */
const CUES: readonly RegExp[] = [
  cue(
    '\\b(?:main|primary|central|principal|key|dominant|prominent|focal)\\s+' +
      '(?:entity|subject|object|focus|element|thing|item|feature|figure|animal|point of interest)' +
      `(?:\\s+(?:in|of|within|shown in|depicted in|from)\\s+(?:this|the|that|your)\\s+${PICTURE})?` +
      '\\s*(?:\\b(?:is|would be|appears to be|seems to be|looks to be|is likely|is probably|is clearly)\\b\\s*:?' +
      '|[:=–—-])',
  ),
  cue(
    '\\b(?:entity|subject|answer|label|object|category|class|result|output)' +
      `(?:\\s+(?:in|of)\\s+(?:this|the)\\s+${PICTURE})?\\s*(?:\\b(?:is|would be)\\b\\s*:?|[:=]|\\s[-–—]\\s)`,
  ),
  cue(
    `\\b(?:${PICTURE}|this)\\s+(?:mainly |primarily |clearly |prominently )?` +
      '(?:shows|depicts|features|contains|displays|captures|portrays|presents|illustrates|showcases|is of|has|' +
      'is (?:an? )?(?:close[- ]?up(?: view| shot)?|photo(?:graph)?|picture|image|shot|view|portrait|snapshot) of)',
  ),
  cue('\\b(?:i|we|you)\\s+(?:can\\s+)?(?:clearly\\s+)?(?:see|spot|notice|observe)'),
  cue("\\bthere(?:\\s+(?:is|are)|'s)"),
  cue(
    "(?:^|[.!?,]\\s+|\\n\\s*)(?:(?:i think|i believe|i guess|i'd say|i would say)\\s+)?" +
      "(?:it|this|that)(?:'s|\\s+is|\\s+looks like|\\s+appears to be|\\s+seems to be)",
  ),
  cue("\\b(?:i think|i believe|i guess|i'd say|i would say)\\b"),
  cue('\\b(?:looks|appears|seems)\\s+(?:like|to be)'),
];

/** A cue pattern followed by the rest of its sentence, which a cue's answer never runs past. */
function cue(lead: string): RegExp {
  return new RegExp(`${lead}\\s*([^\\n.!?。！？]+)`, 'gi');
}

/** Declining to answer. A refusal followed by "but ..." may still name the entity, see `readProse`. */
const REFUSAL = new RegExp(
  "^(?:(?:i'm|i am)\\s+(?:sorry|afraid|unable|not able)|sorry\\b|(?:i\\s+)?apologi[sz]e|as an ai\\b|" +
    "unable to\\b|cannot\\b|can't\\b|" +
    "i\\s+(?:cannot|can't|can not|couldn't|could not|won't|am unable|do not|don't)\\s+" +
    '(?:see|identify|determine|tell|access|view|analy[sz]e|process|recogni[sz]e|help|provide|make out|answer|have)|' +
    "(?:there is|there's)\\s+no\\s+(?:image|picture|photo)|" +
    'no\\s+(?:image|picture|photo)\\s+(?:was|is|has been)\\s+(?:provided|attached|uploaded|shared))',
  'i',
);

/** Not knowing, as opposed to declining: "I'm not sure what this is", "It's hard to tell". */
const UNSURE = new RegExp(
  "^(?:(?:i'm|i am)\\s+not\\s+(?:sure|certain)|not sure|i\\s+(?:don't|do not)\\s+know|" +
    "(?:it's|it is)\\s+(?:unclear|hard|difficult)|(?:hard|difficult)\\s+to\\s+(?:say|tell))",
  'i',
);

/**
 * Openers that carry no answer: "Sure!", "Certainly.", "Here is the answer:". "Great" only with its punctuation:
 * "Great Pyrenees" and "Great Dane" are answers.
 */
const FILLER =
  /^(?:(?:sure|certainly|of course|okay|ok|absolutely|alright|yes|got it|here(?:'s| is| you go)[^:.!\n]*)[\s!.,:]*|great(?:[!.,:]+\s*|\s*$))/i;
/** A short leading prepositional phrase: "In this image, ", "In the foreground, ", "At the center, ". */
const LEADING_SETTING = /^(?:in|from|within|on|at|to)\s+(?:the|this|that|your)\s+[^,.\n]{1,40},\s*/i;

export function readProse(text: string): ProseReading {
  const cleaned = cleanMarkup(text).trim();
  const quote = briefQuote(cleaned);
  const whole = cleaned.toLowerCase().replace(/[\s.!?]+$/, '');
  if (isNonAnswer(whole)) return { kind: 'unknown', quote };

  if (REFUSAL.test(cleaned)) {
    // "I can't identify people, but the image shows a woman" still answers, after the "but".
    const after = /\b(?:but|however)\b[,\s]*([\s\S]*)/i.exec(cleaned)?.[1] ?? '';
    const reading = after === '' || REFUSAL.test(after) ? null : entityFromCues(after);
    return reading?.kind === 'entity' ? reading : { kind: 'refusal', quote };
  }

  const fromCues = entityFromCues(cleaned);
  if (fromCues?.kind === 'entity') return fromCues;
  if (fromCues !== null || UNSURE.test(cleaned)) return { kind: 'unknown', quote };
  const opening = entityFromOpening(cleaned);
  if (opening === null) return { kind: 'none', quote };
  return isNonAnswer(opening.entity) ? { kind: 'unknown', quote } : { kind: 'entity', ...opening };
}

/**
 * The first cue match that names something. A cue naming a non-answer ("the main entity is unclear") is
 * remembered but not final: "...unclear, but it looks like a cat" still gives "cat".
 */
function entityFromCues(text: string): Extract<ProseReading, { kind: 'entity' }> | { kind: 'unknown' } | null {
  let sawNonAnswer = false;
  for (const cue of CUES) {
    for (const match of text.matchAll(cue)) {
      const named = match[1] ?? '';
      const entity = usable(normaliseEntity(named));
      if (entity === null) continue;
      if (!isNonAnswer(entity)) return { kind: 'entity', entity, phrase: namedPhrase(named) || entity };
      sawNonAnswer = true;
    }
  }
  return sawNonAnswer ? { kind: 'unknown' } : null;
}

/**
 * No cue: the answer is the first line that names something, without "Sure!" or "In this image," in front;
 * a heading line ("## Main entity") names nothing and is passed over.
 */
function entityFromOpening(text: string): { entity: string; phrase: string } | null {
  for (const line of text.split('\n')) {
    let opening = line.trim();
    for (let previous = ''; previous !== opening;) {
      previous = opening;
      opening = opening.replace(FILLER, '').replace(LEADING_SETTING, '').trimStart();
    }
    const entity = usable(normaliseEntity(opening));
    if (entity !== null) return { entity, phrase: namedPhrase(opening) || entity };
  }
  return null;
}

/** Null for an empty result or one that names the picture or the question ("image", "main entity"). */
function usable(entity: string): string | null {
  return entity === '' || META_WORDS.has(entity) ? null : entity;
}
