import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grid tiles draw each grid's open-case count (`open_cases`), so any write to cases bumps
 * the `grids` tile version too, like a grid edit does (see 1764200000000-tile-version).
 */
export class TileVersionCases1764600000000 implements MigrationInterface {
  name = 'TileVersionCases1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER case_tile_version AFTER INSERT OR UPDATE OR DELETE ON "case"
       FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('grids')`,
    );
    await q.query(
      `CREATE TRIGGER case_tile_version_truncate AFTER TRUNCATE ON "case" FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('grids')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_tile_version ON "case"`);
    await q.query(`DROP TRIGGER case_tile_version_truncate ON "case"`);
  }
}
