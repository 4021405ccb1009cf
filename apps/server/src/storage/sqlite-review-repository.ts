import type { Client } from '@libsql/client';
import type { ReviewDecision, ReviewRepository, ReviewSubject } from '@vision/core';
import { openDatabase } from './database';
import { reviewDecisionValues, toReviewDecision } from './rows';

export interface SqliteReviewRepository extends ReviewRepository {
  close(): Promise<void>;
}

/** A person's decisions in DATA_DIR's database (table `reviews`), apart from the items a rerun rewrites. */
export async function openSqliteReviewRepository(dataDir: string): Promise<SqliteReviewRepository> {
  return createReviewRepository(await openDatabase(dataDir));
}

const whereSubject = 'subject_kind = ? AND subject_id = ?';
const subjectArgs = (subject: ReviewSubject) => [subject.kind, subject.id];

function createReviewRepository(db: Client): SqliteReviewRepository {
  return {
    async record(subject, decisions) {
      if (!decisions.length) return;
      const nextStep = `(SELECT COALESCE(MAX(step), 0) + 1 FROM reviews WHERE ${whereSubject})`;
      const [first, ...rest] = decisions as [ReviewDecision, ...ReviewDecision[]];
      const insert = (decision: ReviewDecision, step: string, stepArgs: Array<string | number>) => ({
        sql: `INSERT INTO reviews (subject_kind, subject_id, step, idx, field, action, label, suggestion, source, decided_at)
              VALUES (?, ?, ${step}, ?, ?, ?, ?, ?, ?, ?)`,
        args: [...subjectArgs(subject), ...stepArgs, ...reviewDecisionValues(decision)],
      });
      // The step is taken inside the write transaction, so two writers never share one.
      const sameStep = `(SELECT MAX(step) FROM reviews WHERE ${whereSubject})`;
      await db.batch(
        [insert(first, nextStep, subjectArgs(subject)), ...rest.map((decision) => insert(decision, sameStep, subjectArgs(subject)))],
        'write',
      );
    },
    async current(subject) {
      const result = await db.execute({
        sql: `SELECT r.* FROM reviews r
              JOIN (SELECT idx, field, MAX(step) AS step FROM reviews WHERE ${whereSubject} GROUP BY idx, field) latest
                ON r.idx = latest.idx AND r.field = latest.field AND r.step = latest.step
              WHERE r.subject_kind = ? AND r.subject_id = ?
              ORDER BY r.idx, r.field`,
        args: [...subjectArgs(subject), ...subjectArgs(subject)],
      });
      return result.rows.map(toReviewDecision);
    },
    async undoLast(subject) {
      const last = `(SELECT MAX(step) FROM reviews WHERE ${whereSubject})`;
      const [read] = await db.batch(
        [
          {
            sql: `SELECT * FROM reviews WHERE ${whereSubject} AND step = ${last} ORDER BY idx, field`,
            args: [...subjectArgs(subject), ...subjectArgs(subject)],
          },
          { sql: `DELETE FROM reviews WHERE ${whereSubject} AND step = ${last}`, args: [...subjectArgs(subject), ...subjectArgs(subject)] },
        ],
        'write',
      );
      return read!.rows.map(toReviewDecision);
    },
    async forget(subject) {
      await db.execute({ sql: `DELETE FROM reviews WHERE ${whereSubject}`, args: subjectArgs(subject) });
    },
    async close() {
      db.close();
    },
  };
}
