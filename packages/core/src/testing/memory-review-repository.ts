import type { ReviewRepository } from '../review/review-repository';
import { byDecisionKey } from '../review/review-repository';
import type { ReviewDecision } from '../schemas/review';

/** Decisions in memory, for core's tests: the same contract suite as SQLite's (review-repository-contract.ts). */
export function createMemoryReviewRepository(): ReviewRepository {
  const steps = new Map<string, ReviewDecision[][]>();
  const keyOf = (subject: { kind: string; id: string }) => `${subject.kind}:${subject.id}`;
  const stepsOf = (subject: { kind: string; id: string }) => {
    const key = keyOf(subject);
    let list = steps.get(key);
    if (!list) steps.set(key, (list = []));
    return list;
  };
  return {
    async record(subject, decisions) {
      if (decisions.length) stepsOf(subject).push(structuredClone([...decisions]));
    },
    async current(subject) {
      const latest = new Map<string, ReviewDecision>();
      for (const step of stepsOf(subject))
        for (const decision of step) latest.set(`${decision.index}\u0000${decision.field ?? ''}`, decision);
      return structuredClone([...latest.values()].sort(byDecisionKey));
    },
    async undoLast(subject) {
      return stepsOf(subject).pop() ?? [];
    },
    async forget(subject) {
      steps.delete(keyOf(subject));
    },
  };
}
