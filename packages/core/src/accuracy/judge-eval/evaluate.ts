import type { Judgement } from '../judgement.ts';
import type { LabelledPair, PairGroup } from './labelled-pairs.ts';

export interface GroupScore {
  group: PairGroup;
  right: number;
  total: number;
  /** The pairs judged against their labelling, with the judge's reason, for a reviewer. */
  misses: Array<LabelledPair & { explanation: string }>;
}

/** Judges every pair (a few at a time, as the comparison view does) and counts, per group, the judgements that agree with the labelling. */
export async function evaluateJudge(
  pairs: readonly LabelledPair[],
  judge: (answer: string, label: string) => Promise<Judgement>,
): Promise<GroupScore[]> {
  const scores = new Map<PairGroup, GroupScore>();
  for (const pair of pairs) {
    const judgement = await judge(pair.answer, pair.label);
    const score = scores.get(pair.group) ?? { group: pair.group, right: 0, total: 0, misses: [] };
    score.total++;
    if (judgement.correct === pair.correct) score.right++;
    else score.misses.push({ ...pair, explanation: judgement.explanation });
    scores.set(pair.group, score);
  }
  return [...scores.values()];
}
