import type { ReviewDecision, ReviewSubject } from '../schemas/review';

/**
 * Where a person's decisions live, apart from the batches: a retry or a rerun rewrites an item's result, never
 * what was confirmed about it. Decisions are kept as steps (one decision, or one bulk accept), newest last, so that
 * undo takes back exactly the last step and the decision before it shows again.
 */
export interface ReviewRepository {
  /** Appends the decisions as one step. */
  record(subject: ReviewSubject, decisions: readonly ReviewDecision[]): Promise<void>;
  /** The latest decision per image and field, by index (the entity's, `field: null`, before a field's). */
  current(subject: ReviewSubject): Promise<ReviewDecision[]>;
  /** Removes the last step and gives back its decisions; empty when there is nothing to undo. */
  undoLast(subject: ReviewSubject): Promise<ReviewDecision[]>;
  /** Removes every decision on the subject, for when it is deleted: nothing a person decided outlives the photos. */
  forget(subject: ReviewSubject): Promise<void>;
}

/** The order `current` answers in: by image, then the entity before its fields, fields by name. */
export function byDecisionKey(a: ReviewDecision, b: ReviewDecision): number {
  if (a.index !== b.index) return a.index - b.index;
  if (a.field === b.field) return 0;
  if (a.field === null) return -1;
  if (b.field === null) return 1;
  return a.field.localeCompare(b.field);
}
