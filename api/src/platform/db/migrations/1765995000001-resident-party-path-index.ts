import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The party members by path: the wall's party layer (`partyMap`) counts party members per small
 * grid. On 20 streets they are 97k of 1.38 million residents, and finding them read every
 * resident under the area (2.5 s); this partial index holds just their paths, so the count is an
 * index-only scan in path order (49 ms). Its predicate is the one `partyMap` writes.
 */
export class ResidentPartyPathIndex1765995000001 implements MigrationInterface {
  name = 'ResidentPartyPathIndex1765995000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resident_party_path_idx ON resident (grid_path) WHERE is_party_member OR is_in_service_party_member`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resident_party_path_idx`);
  }
}
