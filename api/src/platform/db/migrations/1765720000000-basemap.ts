import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * The offline base map beneath the grids (issue #13): the street's roads by class and its
 * water and green areas, drawn from the app's own tiles (`/tiles/basemap/…`) so the wall needs
 * no outside map. Roads are (Multi)LineStrings, areas MultiPolygons, all EPSG:4326; `code` is
 * the import's key within a street. Writes bump the `basemap` tile layer's version.
 */
export class Basemap1765720000000 implements MigrationInterface {
  name = 'Basemap1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE basemap_feature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id) ON DELETE CASCADE,
        code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MAIN', 'SECONDARY', 'MINOR', 'PATH', 'WATER', 'GREEN')),
        name text,
        geom geometry(Geometry, 4326) NOT NULL CHECK (
          (kind IN ('WATER', 'GREEN') AND GeometryType(geom) = 'MULTIPOLYGON')
          OR (kind NOT IN ('WATER', 'GREEN') AND GeometryType(geom) = 'MULTILINESTRING')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (street_id, code)
      )`);
    await q.query(`CREATE INDEX basemap_feature_geom_idx ON basemap_feature USING gist (geom)`);
    await secureTable(q, 'basemap_feature');
    await q.query(`INSERT INTO tile_version (layer) VALUES ('basemap') ON CONFLICT (layer) DO NOTHING`);
    await q.query(
      `CREATE TRIGGER basemap_feature_tile_version AFTER INSERT OR UPDATE OR DELETE ON basemap_feature
       FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('basemap')`,
    );
    await q.query(
      `CREATE TRIGGER basemap_feature_tile_version_truncate AFTER TRUNCATE ON basemap_feature
       FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version('basemap')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE basemap_feature`);
    await q.query(`DELETE FROM tile_version WHERE layer = 'basemap'`);
  }
}
