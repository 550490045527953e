import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Party organisations and grid leaders managed in the app:
 * - `party_organization.dissolved_at`: a dissolved organisation stays for history, hidden
 *   from the chain; one live organisation per grid (central households aside);
 * - `resident.is_owners_committee_head` (业委会主任): one of the people the seed's rule lets
 *   lead a compound (medium grid).
 */
export class PartyAdmin1765410000000 implements MigrationInterface {
  name = 'PartyAdmin1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE party_organization ADD COLUMN dissolved_at timestamptz`);
    await q.query(`
      CREATE UNIQUE INDEX party_org_live_grid ON party_organization (grid_id)
       WHERE dissolved_at IS NULL AND grid_id IS NOT NULL AND level <> 'CENTRAL_HOUSEHOLD'`);
    await q.query(`ALTER TABLE resident ADD COLUMN is_owners_committee_head boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resident DROP COLUMN is_owners_committee_head`);
    await q.query(`DROP INDEX party_org_live_grid`);
    await q.query(`ALTER TABLE party_organization DROP COLUMN dissolved_at`);
  }
}
