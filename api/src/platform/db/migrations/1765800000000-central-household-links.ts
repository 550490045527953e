import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 党员中心户 联系户: the 5–15 neighbouring households each central household looks after
 * (`setCentralHouseholdLinks` replaces the set in one transaction); `central_household_id` is the
 * central household's own household, so a member's policy needs no join to party_organization.
 */
export class CentralHouseholdLinks1765800000000 implements MigrationInterface {
  name = 'CentralHouseholdLinks1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central_household_link (
        organization_id uuid NOT NULL REFERENCES party_organization(id) ON DELETE CASCADE,
        household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        central_household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, household_id)
      )`);
    await q.query(`CREATE INDEX central_household_link_household_idx ON central_household_link (household_id)`);
    await q.query(`CREATE INDEX central_household_link_central_idx ON central_household_link (central_household_id)`);
    await secureTable(q, 'central_household_link');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE central_household_link`);
  }
}
