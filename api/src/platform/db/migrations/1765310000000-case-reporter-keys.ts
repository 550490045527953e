import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys bound to their reporter: `case.reporter_key_id` records the department
 * key that reported (accounts are `reporter_user_id`), and `client_key` is unique per
 * reporter instead of globally, so another caller's key makes a new case and never
 * answers theirs.
 */
export class CaseReporterKeys1765310000000 implements MigrationInterface {
  name = 'CaseReporterKeys1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" ADD COLUMN reporter_key_id uuid`);
    await q.query(`ALTER TABLE "case" DROP CONSTRAINT case_client_key_key`);
    // The expression is CaseService's REPORTER_KEY: its ON CONFLICT names it to find this index.
    await q.query(`
      CREATE UNIQUE INDEX case_reporter_client_key
          ON "case" ((coalesce(reporter_user_id, reporter_key_id, '00000000-0000-0000-0000-000000000000'::uuid)), client_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_reporter_client_key`);
    await q.query(`ALTER TABLE "case" ADD CONSTRAINT case_client_key_key UNIQUE (client_key)`);
    await q.query(`ALTER TABLE "case" DROP COLUMN reporter_key_id`);
  }
}
