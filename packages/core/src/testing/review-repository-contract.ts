import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewRepository } from '../review/review-repository';
import type { ReviewDecision, ReviewSubject } from '../schemas/review';

const batch: ReviewSubject = { kind: 'batch', id: 'b1' };
const comparison: ReviewSubject = { kind: 'comparison', id: 'b1' };

const decision = (index: number, extra: Partial<ReviewDecision> = {}): ReviewDecision => ({
  index,
  field: null,
  action: 'accept',
  label: 'cat',
  suggestion: 'cat',
  source: 'model',
  decidedAt: `2026-01-01T00:00:0${index}.000Z`,
  ...extra,
});

/**
 * What every `ReviewRepository` must do, as one suite (SQLite's and Postgres's in the server, the in-memory one
 * here). `reopen` gives a repository over the same storage, as after a restart. Test-only.
 */
export function describeReviewRepositoryContract(
  name: string,
  open: () => Promise<{ repository: ReviewRepository; reopen(): Promise<ReviewRepository>; close(): Promise<void> }>,
) {
  describe(`${name} review repository contract`, () => {
    let repository: ReviewRepository;
    let reopen: () => Promise<ReviewRepository>;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repository, reopen, close } = await open());
    });
    afterEach(() => close());

    it('gives back the latest decision per image and field, by index, the entity before its fields', async () => {
      await repository.record(batch, [decision(2)]);
      await repository.record(batch, [decision(0, { field: 'colour', label: 'red', suggestion: 'red' })]);
      await repository.record(batch, [decision(0, { action: 'fix', label: 'dog', source: null })]);
      await repository.record(batch, [decision(2, { action: 'reject', label: null })]);
      expect(await repository.current(batch)).toEqual([
        decision(0, { action: 'fix', label: 'dog', source: null }),
        decision(0, { field: 'colour', label: 'red', suggestion: 'red' }),
        decision(2, { action: 'reject', label: null }),
      ]);
    });

    it("keeps a batch's decisions apart from a comparison's with the same id", async () => {
      await repository.record(batch, [decision(0)]);
      expect(await repository.current(comparison)).toEqual([]);
    });

    it('undoes the last step only, showing the decision it replaced, and a bulk step as a whole', async () => {
      await repository.record(batch, [decision(0)]);
      await repository.record(batch, [decision(0, { action: 'reject', label: null })]);
      await repository.record(batch, [decision(1), decision(3)]);
      expect(await repository.undoLast(batch)).toEqual([decision(1), decision(3)]);
      expect(await repository.undoLast(batch)).toEqual([decision(0, { action: 'reject', label: null })]);
      expect(await repository.current(batch)).toEqual([decision(0)]);
      expect(await repository.undoLast(batch)).toEqual([decision(0)]);
      expect(await repository.undoLast(batch)).toEqual([]);
      expect(await repository.current(batch)).toEqual([]);
    });

    it("forgets every step of one subject, leaving other subjects' decisions, also after a restart", async () => {
      const other: ReviewSubject = { kind: 'batch', id: 'b2' };
      await repository.record(batch, [decision(0)]);
      await repository.record(batch, [decision(1), decision(2)]);
      await repository.record(comparison, [decision(0)]);
      await repository.record(other, [decision(3)]);
      await repository.forget(batch);
      expect(await repository.current(batch)).toEqual([]);
      expect(await repository.undoLast(batch)).toEqual([]);
      const reopened = await reopen();
      expect(await reopened.current(batch)).toEqual([]);
      expect(await reopened.current(comparison)).toEqual([decision(0)]);
      expect(await reopened.current(other)).toEqual([decision(3)]);
    });

    it('forgets a subject that has no decisions without complaint', async () => {
      await repository.forget(batch);
      expect(await repository.current(batch)).toEqual([]);
    });

    it('keeps the decisions over a restart', async () => {
      await repository.record(comparison, [decision(1, { source: 'consensus' })]);
      const reopened = await reopen();
      expect(await reopened.current(comparison)).toEqual([decision(1, { source: 'consensus' })]);
    });
  });
}
