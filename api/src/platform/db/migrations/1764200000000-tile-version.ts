import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A data version per vector-tile layer, bumped by statement-level triggers whenever the
 * rows a layer draws change. The tile service puts the version into its cache key and
 * ETag, so an edited grid or building is never served from a stale tile.
 * Cases will bump `grids` too once the open-case count is drawn (see tile.layers.ts).
 */
export class TileVersion1764200000000 implements MigrationInterface {
  name = 'TileVersion1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tile_version (
        layer text PRIMARY KEY,
        version bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO tile_version (layer) VALUES ('grids'), ('buildings')`);
    await q.query(`
      CREATE FUNCTION bump_tile_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE tile_version SET version = version + 1, updated_at = now() WHERE layer = TG_ARGV[0];
        RETURN NULL;
      END $$`);
    for (const [table, layer] of [
      ['grid', 'grids'],
      ['building', 'buildings'],
    ]) {
      await q.query(
        `CREATE TRIGGER ${table}_tile_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('${layer}')`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_tile_version_truncate AFTER TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('${layer}')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER grid_tile_version ON grid`);
    await q.query(`DROP TRIGGER grid_tile_version_truncate ON grid`);
    await q.query(`DROP TRIGGER building_tile_version ON building`);
    await q.query(`DROP TRIGGER building_tile_version_truncate ON building`);
    await q.query(`DROP FUNCTION bump_tile_version()`);
    await q.query(`DROP TABLE tile_version`);
  }
}
