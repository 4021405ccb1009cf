import { relateAnswers, type JudgePair } from '../accuracy/agreement.ts';
import { judgeAnswer, type JudgeOptions } from '../accuracy/match-label.ts';
import type { Consensus } from '../schemas/review';

const judgeWith =
  (options?: JudgeOptions): JudgePair =>
  (answer, label) =>
    judgeAnswer(answer, label, options);

/**
 * What most models answered to one image, by meaning (the comparison's agreement: the same once read, synonyms,
 * one a kind of the other), with its share of all the models. Answers are grouped around the first of each
 * meaning; the largest group wins, the earlier model breaking a tie. `agreedByAll` is the comparison's own
 * verdict (`agreementOf` over every answer), which links answers through each other where a group's first may
 * not. Null when no model answered.
 */
export async function consensusOf(
  entities: ReadonlyArray<string | null>,
  agreedByAll: boolean | null,
  options?: JudgeOptions,
): Promise<Consensus | null> {
  const answered = entities.filter((entity): entity is string => entity !== null && entity.trim() !== '');
  const first = answered[0];
  if (first === undefined) return null;
  const of = entities.length;
  if (agreedByAll && answered.length === of) return { entity: first, models: of, of, agreed: of > 1 };
  const groups = await groupByMeaning(answered, judgeWith(options), options);
  const largest = groups.reduce((best, group) => (group.members > best.members ? group : best));
  return { entity: largest.entity, models: largest.members, of, agreed: largest.members === of && of > 1 };
}

async function groupByMeaning(answers: readonly string[], judge: JudgePair, options?: JudgeOptions) {
  const groups: Array<{ entity: string; members: number }> = [];
  for (const entity of answers) {
    let home: { entity: string; members: number } | undefined;
    for (const group of groups) {
      const link = await relateAnswers({ entity: group.entity, judgement: null }, { entity, judgement: null }, judge, options);
      if (link) {
        home = group;
        break;
      }
    }
    if (home) home.members += 1;
    else groups.push({ entity, members: 1 });
  }
  return groups;
}
