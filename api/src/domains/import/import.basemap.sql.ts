import type { EntityManager } from 'typeorm';
import type { BasemapImportFeature, ImportIssue, ImportReport } from './import.types';

/**
 * How far outside its street's extent (bounding box) a base-map feature may reach, in degrees
 * (~500 m): a river or a main road runs on past the street's edge.
 */
export const BASEMAP_TOLERANCE_DEG = 0.005;

type Row = Record<string, unknown>;

/** Loads the base-map features into a temporary table `import_basemap` (dropped at commit/rollback). */
export async function stageBasemap(m: EntityManager, features: BasemapImportFeature[]): Promise<void> {
  await m.query(`
    CREATE TEMP TABLE import_basemap (
      idx int PRIMARY KEY, code text NOT NULL, street text, kind text NOT NULL, name text, geom geometry(Geometry, 4326)
    ) ON COMMIT DROP`);
  if (!features.length) return;
  await m.query(
    `INSERT INTO import_basemap (idx, code, street, kind, name, geom)
     SELECT idx, code, street, kind, name, CASE WHEN geojson IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326) END
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(idx, code, street, kind, name, geojson)`,
    [
      features.map((f) => f.index),
      features.map((f) => f.code),
      features.map((f) => f.street),
      features.map((f) => f.kind),
      features.map((f) => f.name),
      features.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null)),
    ],
  );
}

/**
 * Checks the staged base-map features against PostGIS and the streets (stored, or created by
 * this import from its LARGE grids): valid geometry, a street (given, or the one whose extent
 * holds the feature), inside that street's extent with {@link BASEMAP_TOLERANCE_DEG}, one code
 * once per street. Sets `street` where it was inferred.
 */
export async function validateBasemap(m: EntityManager, newStreets: Set<string>): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM import_basemap`);
  if (!n) return issues;
  const invalid: Row[] = await m.query(`
    SELECT idx, code, (d).reason AS reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
      FROM (SELECT idx, code, ST_IsValidDetail(geom) d FROM import_basemap WHERE geom IS NOT NULL) s
     WHERE NOT (d).valid ORDER BY idx`);
  for (const r of invalid) {
    issues.push({
      kind: 'INVALID_GEOMETRY',
      feature: Number(r.idx),
      code: String(r.code),
      message: `${r.code}: PostGIS: ${r.reason}`,
      ...(r.x !== null && { location: [Number(r.x), Number(r.y)] as [number, number] }),
    });
  }
  await m.query(
    `CREATE TEMP TABLE import_extent ON COMMIT DROP AS
       SELECT code, ST_Expand(ST_Envelope(geom), $2::float8) AS box FROM street
       UNION ALL
       SELECT left(code, 9), ST_Expand(ST_SetSRID(ST_Extent(geom)::geometry, 4326), $2::float8) FROM import_feature
        WHERE kind = 'grid' AND level = 'LARGE' AND left(code, 9) = ANY($1::text[]) AND geom IS NOT NULL
        GROUP BY left(code, 9)`,
    [[...newStreets], BASEMAP_TOLERANCE_DEG],
  );
  // A feature without a street: the one street whose extent holds it.
  const inferred: Row[] = await m.query(`
    SELECT f.idx, f.code, array_agg(e.code ORDER BY e.code) FILTER (WHERE e.code IS NOT NULL) AS streets
      FROM import_basemap f LEFT JOIN import_extent e ON ST_CoveredBy(f.geom, e.box)
     WHERE f.street IS NULL AND f.geom IS NOT NULL GROUP BY f.idx, f.code ORDER BY f.idx`);
  for (const r of inferred) {
    const streets = (r.streets as string[] | null) ?? [];
    if (streets.length === 1) {
      await m.query(`UPDATE import_basemap SET street = $2 WHERE idx = $1`, [r.idx, streets[0]]);
    } else {
      issues.push({
        kind: streets.length ? 'BAD_FIELD' : 'OUTSIDE_PARENT',
        feature: Number(r.idx),
        code: String(r.code),
        message: streets.length
          ? `${r.code}: lies in the extent of streets ${streets.join(', ')}: give its "street" property`
          : `${r.code}: lies in no street's extent (nor within ~500 m of one)`,
      });
    }
  }
  const placed: Row[] = await m.query(`
    SELECT f.idx, f.code, f.street, e.code IS NOT NULL AS known, coalesce(ST_CoveredBy(f.geom, e.box), false) AS inside,
           ST_X(ST_PointOnSurface(f.geom)) AS x, ST_Y(ST_PointOnSurface(f.geom)) AS y
      FROM import_basemap f LEFT JOIN import_extent e ON e.code = f.street
     WHERE f.street IS NOT NULL AND f.geom IS NOT NULL ORDER BY f.idx`);
  for (const r of placed) {
    if (!r.known) {
      issues.push({
        kind: 'ORPHAN',
        feature: Number(r.idx),
        code: String(r.code),
        other: String(r.street),
        message: `${r.code}: street ${r.street} is neither stored nor created by this import`,
      });
    } else if (!r.inside) {
      issues.push({
        kind: 'OUTSIDE_PARENT',
        feature: Number(r.idx),
        code: String(r.code),
        other: String(r.street),
        location: [Number(r.x), Number(r.y)],
        message: `${r.code}: reaches more than ~500 m outside street ${r.street}'s extent`,
      });
    }
  }
  const dupes: Row[] = await m.query(`
    SELECT street, code, array_agg(idx ORDER BY idx) AS at FROM import_basemap WHERE street IS NOT NULL
     GROUP BY street, code HAVING count(*) > 1 ORDER BY min(idx)`);
  for (const r of dupes) {
    const at = r.at as number[];
    issues.push({
      kind: 'DUPLICATE_CODE',
      code: String(r.code),
      feature: at[0],
      message: `base-map code ${r.code} occurs ${at.length} times in street ${r.street} (features ${at.join(', ')})`,
    });
  }
  return issues;
}

/** Inserted / updated / unchanged base-map features, by street and code (geometry by ST_Equals). */
export async function countBasemapChanges(m: EntityManager): Promise<ImportReport['changes']> {
  const [r]: Row[] = await m.query(`
    WITH c AS (
      SELECT CASE WHEN b.id IS NULL THEN 'inserted'
                  WHEN b.kind = f.kind AND b.name IS NOT DISTINCT FROM f.name AND ST_Equals(b.geom, ST_Multi(f.geom)) THEN 'unchanged'
                  ELSE 'updated' END AS change
        FROM import_basemap f LEFT JOIN street s ON s.code = f.street LEFT JOIN basemap_feature b ON b.street_id = s.id AND b.code = f.code
    )
    SELECT count(*) FILTER (WHERE change = 'inserted')::int AS inserted, count(*) FILTER (WHERE change = 'updated')::int AS updated,
           count(*) FILTER (WHERE change = 'unchanged')::int AS unchanged FROM c`);
  if (!r) throw new Error('import: the database answered no row when counting base-map changes; nothing was written');
  return { inserted: Number(r.inserted), updated: Number(r.updated), unchanged: Number(r.unchanged) };
}

/** Upserts the staged base-map features by (street, code); streets the import creates exist by now. */
export async function writeBasemap(m: EntityManager): Promise<void> {
  await m.query(`
    UPDATE basemap_feature b SET kind = f.kind, name = f.name, geom = ST_Multi(f.geom), updated_at = now()
      FROM import_basemap f JOIN street s ON s.code = f.street
     WHERE b.street_id = s.id AND b.code = f.code
       AND NOT (b.kind = f.kind AND b.name IS NOT DISTINCT FROM f.name AND ST_Equals(b.geom, ST_Multi(f.geom)))`);
  await m.query(`
    INSERT INTO basemap_feature (street_id, code, kind, name, geom)
    SELECT s.id, f.code, f.kind, f.name, ST_Multi(f.geom)
      FROM import_basemap f JOIN street s ON s.code = f.street
     WHERE NOT EXISTS (SELECT 1 FROM basemap_feature e WHERE e.street_id = s.id AND e.code = f.code)`);
}
