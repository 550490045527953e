import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * The street's case rules (事件办理规则): `case_rule`, one row per street, absent = the
 * defaults. Today one rule: a rating at most `rework_rating_at_most` (of 5) sends a closed
 * case back for rework (满意度回访不满意，重新办理), at most `rework_times` times per case;
 * `rework_rating_at_most` null turns it off.
 */
export class CaseRules1765730000000 implements MigrationInterface {
  name = 'CaseRules1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_rule (
        street_id uuid PRIMARY KEY REFERENCES street(id) ON DELETE CASCADE,
        rework_rating_at_most smallint CHECK (rework_rating_at_most BETWEEN 1 AND 4),
        rework_times smallint NOT NULL DEFAULT 1 CHECK (rework_times BETWEEN 0 AND 5),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await secureTable(q, 'case_rule');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_rule`);
  }
}
