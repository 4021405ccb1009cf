import type { MatchToList } from '../fields/read-field-value.ts';
import { judgeAnswer, type JudgeOptions } from './match-label.ts';

/**
 * Matches an answer outside a closed list to the member WordNet says it is one of ("tabby" → "cat"), as the
 * comparisons judge an entity against its label. An answer that fits two members is not guessed at.
 */
export function wordNetMatcher(options: JudgeOptions = {}): MatchToList {
  return async (answer, values) => {
    const judgements = await Promise.all(values.map((value) => judgeAnswer(answer, value, options)));
    const members = values.filter((_value, position) => judgements[position]?.correct);
    return members.length === 1 ? members[0]! : null;
  };
}
