import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 考核评价 — the street's assessment scheme, versioned: `assessment_scheme`, one row per
 * version (a change appends a version; history kept). `inputs` is a JSON array of
 * `{ code, weight, target }`. No row for a street: the documented defaults
 * (api/src/domains/assessment/assessment.scheme.ts). Scores are computed on read.
 */
export class Assessment1765830000000 implements MigrationInterface {
  name = 'Assessment1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_scheme (
        street_id uuid NOT NULL REFERENCES street(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        inputs jsonb NOT NULL CHECK (jsonb_typeof(inputs) = 'array'),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (street_id, version)
      )`);
    await secureTable(q, 'assessment_scheme');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_scheme`);
  }
}
