import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * The people of organisations and councils, residents with a public role, and mediation records.
 * - `organization_member`: a resident (or a free name) with a role in an organisation (主任, 委员 …).
 * - `public_role`: 两代表一委员 (DEPUTY), 经济能人 (CAPABLE), 贤达人士 (RESPECTED) — a resident's public role,
 *   with the time they consented to publication (`consent_at`; null: not published).
 * - `mediation_record` (矛盾调解): parties, issue, agreement, follow-up date, by a council or the community,
 *   linked to a DISPUTE case when there is one; `grid_path` is the path of the grid it concerns.
 */
export class OrganizationMembers1765900000001 implements MigrationInterface {
  name = 'OrganizationMembers1765900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        role text NOT NULL CHECK (length(role) BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organization_member_org_idx ON organization_member (organization_id)`);
    await q.query(`CREATE UNIQUE INDEX organization_member_resident_uq ON organization_member (organization_id, resident_id)
                     WHERE resident_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE public_role (
        resident_id uuid PRIMARY KEY REFERENCES resident(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) BETWEEN 1 AND 3 AND roles <@ ARRAY['DEPUTY', 'CAPABLE', 'RESPECTED']),
        title text NOT NULL DEFAULT '' CHECK (length(title) <= 100),
        consent_at timestamptz,
        recorded_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX public_role_path_idx ON public_role USING gist (grid_path)`);
    await q.query(`
      CREATE TABLE mediation_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        community_id uuid NOT NULL REFERENCES grid(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        organization_id uuid REFERENCES organization(id),
        case_id uuid REFERENCES "case"(id) ON DELETE SET NULL,
        parties text[] NOT NULL CHECK (cardinality(parties) BETWEEN 2 AND 20),
        issue text NOT NULL CHECK (length(issue) BETWEEN 1 AND 4000),
        agreement text CHECK (length(agreement) BETWEEN 1 AND 4000),
        mediated_on date NOT NULL,
        follow_up_on date,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mediation_record_path_idx ON mediation_record USING gist (grid_path)`);
    await q.query(`CREATE INDEX mediation_record_case_idx ON mediation_record (case_id)`);
    await q.query(`CREATE INDEX mediation_record_org_idx ON mediation_record (organization_id)`);
    await secureTable(q, 'organization_member');
    await secureTable(q, 'public_role');
    await secureTable(q, 'mediation_record');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediation_record`);
    await q.query(`DROP TABLE public_role`);
    await q.query(`DROP TABLE organization_member`);
  }
}
