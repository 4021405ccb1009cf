import type { ReviewRepository, ReviewSubject } from '@vision/core';
import pg from 'pg';
import { migratePostgres } from './postgres-migrations';
import { inTransaction } from './postgres-transaction';
import { reviewDecisionValues, toReviewDecision } from './rows';

export interface PostgresReviewRepository extends ReviewRepository {
  close(): Promise<void>;
}

/** Serialises the steps of one subject: two API servers recording at once never share a step. */
const lockSubject = (client: pg.PoolClient, subject: ReviewSubject) =>
  client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`review:${subject.kind}:${subject.id}`]);

/** A person's decisions in Postgres (table `reviews`, as in SQLite), for the API servers of a cluster. */
export async function openPostgresReviewRepository(databaseUrl: string): Promise<PostgresReviewRepository> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  await migratePostgres(pool).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  return {
    async record(subject, decisions) {
      if (!decisions.length) return;
      await inTransaction(pool, async (client) => {
        await lockSubject(client, subject);
        const next = await client.query(
          'SELECT COALESCE(MAX(step), 0) + 1 AS step FROM reviews WHERE subject_kind = $1 AND subject_id = $2',
          [subject.kind, subject.id],
        );
        const step = Number(next.rows[0].step);
        for (const decision of decisions)
          await client.query(
            `INSERT INTO reviews (subject_kind, subject_id, step, idx, field, action, label, suggestion, source, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [subject.kind, subject.id, step, ...reviewDecisionValues(decision)],
          );
      });
    },
    async current(subject) {
      const result = await pool.query(
        `SELECT DISTINCT ON (idx, field) * FROM reviews WHERE subject_kind = $1 AND subject_id = $2 ORDER BY idx, field, step DESC`,
        [subject.kind, subject.id],
      );
      return result.rows.map(toReviewDecision);
    },
    async undoLast(subject) {
      return inTransaction(pool, async (client) => {
        await lockSubject(client, subject);
        const result = await client.query(
          `DELETE FROM reviews WHERE subject_kind = $1 AND subject_id = $2
             AND step = (SELECT MAX(step) FROM reviews WHERE subject_kind = $1 AND subject_id = $2) RETURNING *`,
          [subject.kind, subject.id],
        );
        return result.rows
          .sort((a, b) => Number(a.idx) - Number(b.idx) || String(a.field).localeCompare(String(b.field)))
          .map(toReviewDecision);
      });
    },
    async forget(subject) {
      // Under the subject's lock, so a step being recorded at the same moment is removed with the rest, not half.
      await inTransaction(pool, async (client) => {
        await lockSubject(client, subject);
        await client.query('DELETE FROM reviews WHERE subject_kind = $1 AND subject_id = $2', [subject.kind, subject.id]);
      });
    },
    close: () => pool.end(),
  };
}
