import type { EntityManager } from 'typeorm';
import type { ImportFeature, ImportIssue, ImportReport } from './import.types';

const CHUNK = 2000;
/** Areas up to this many m² are shared-edge noise, not an overlap or an outside part. */
export const TOLERANCE_M2 = 1;
/** A parent less covered than this (percent uncovered) is reported as a gap. */
export const GAP_TOLERANCE_PERCENT = 0.1;
/**
 * Every overlay here (difference, intersection, union) runs on a fixed precision grid of
 * 1e-9° (about 0.1 mm): GEOS's floating-point overlay retries a failed robustness check by
 * throwing and catching a C++ exception, which the embedded PGlite's WebAssembly PostGIS cannot
 * do — the statement ends early with no error and later answers go to the wrong queries
 * (seen as `countChanges` reading no row after a parent minus the union of its children).
 * Snap-rounding never needs that fallback, and 0.1 mm is far below the 1 m² tolerances.
 */
const OVERLAY_GRID = '1e-9';

type Row = Record<string, unknown>;
const point = (r: Row): [number, number] | undefined => (r.x === null || r.x === undefined ? undefined : [Number(r.x), Number(r.y)]);

/**
 * Loads the features into a temporary table `import_feature` (dropped at commit/rollback).
 * Geometry that geo could not read is kept as NULL so its code still counts as present.
 */
export async function stageFeatures(
  m: EntityManager,
  features: ImportFeature[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await m.query(`
    CREATE TEMP TABLE import_feature (
      idx int PRIMARY KEY, kind text NOT NULL, code text NOT NULL, name text NOT NULL, level text, parent_code text, path text,
      address text NOT NULL, floors int, units int, geom geometry(MultiPolygon, 4326), ok boolean NOT NULL DEFAULT true
    ) ON COMMIT DROP`);
  for (let i = 0; i < features.length; i += CHUNK) {
    const rows = features.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO import_feature (idx, kind, code, name, level, parent_code, path, address, floors, units, geom, ok)
       SELECT idx, kind, code, name, level, parent_code, path, address, floors, units,
              CASE WHEN geojson IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)) END, geojson IS NOT NULL
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::int[], $10::int[], $11::text[])
              AS t(idx, kind, code, name, level, parent_code, path, address, floors, units, geojson)`,
      [
        rows.map((f) => f.index),
        rows.map((f) => f.kind),
        rows.map((f) => f.code),
        rows.map((f) => f.name),
        rows.map((f) => f.level),
        rows.map((f) => f.parentCode),
        rows.map((f) => f.path),
        rows.map((f) => f.address),
        rows.map((f) => (Number.isInteger(f.floors) ? f.floors : null)),
        rows.map((f) => (Number.isInteger(f.units) ? f.units : null)),
        rows.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null)),
      ],
    );
    onProgress?.(Math.min(i + CHUNK, features.length), features.length);
  }
  await m.query(`CREATE INDEX ON import_feature (code)`);
  await m.query(`ANALYZE import_feature`);
}

/**
 * Every check against PostGIS, over the staged features and the grids already in the
 * database (a grid in the file replaces the stored one with the same code).
 */
export async function validateStaged(m: EntityManager, opts: { newStreets: Set<string> }): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];

  // 1. ST_IsValidDetail, authoritative, in one query over all features geo accepted.
  const invalid: Row[] = await m.query(`
    SELECT idx, code, (d).reason AS reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
      FROM (SELECT idx, code, ST_IsValidDetail(geom) d FROM import_feature WHERE ok) s
     WHERE NOT (d).valid ORDER BY idx`);
  for (const r of invalid) {
    issues.push({
      kind: 'INVALID_GEOMETRY',
      feature: Number(r.idx),
      code: String(r.code),
      message: `${r.code}: PostGIS: ${r.reason}`,
      location: point(r),
    });
  }
  if (invalid.length) await m.query(`UPDATE import_feature SET ok = false WHERE idx = ANY($1::int[])`, [invalid.map((r) => r.idx)]);

  // Every grid that will exist after the import, in the streets the file touches.
  await m.query(`
    CREATE TEMP TABLE import_grid ON COMMIT DROP AS
      SELECT code, parent_code, level, geom, true AS from_file, ok FROM import_feature WHERE kind = 'grid'
      UNION ALL
      SELECT g.code, p.code, g.level::text, g.geom, false, true
        FROM grid g LEFT JOIN grid p ON p.id = g.parent_id
       WHERE left(g.code, 9) IN (SELECT DISTINCT left(code, 9) FROM import_feature WHERE kind = 'grid' OR kind = 'building')
         AND g.code NOT IN (SELECT code FROM import_feature WHERE kind = 'grid')`);
  await m.query(`CREATE INDEX ON import_grid (code)`);
  await m.query(`CREATE INDEX ON import_grid USING gist (geom)`);
  await m.query(`ANALYZE import_grid`);

  // 2. Orphans: the parent grid is neither in the file nor in the database; a LARGE grid's street must exist (or be created).
  const orphans: Row[] = await m.query(
    `SELECT f.idx, f.code, f.kind, coalesce(f.parent_code, left(f.code, 9)) AS parent
       FROM import_feature f
      WHERE (f.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_grid g WHERE g.code = f.parent_code))
         OR (f.kind = 'grid' AND f.parent_code IS NULL AND f.level = 'LARGE'
             AND NOT EXISTS (SELECT 1 FROM street s WHERE s.code = left(f.code, 9)) AND NOT left(f.code, 9) = ANY($1::text[]))
      ORDER BY f.idx`,
    [[...opts.newStreets]],
  );
  for (const r of orphans) {
    const street = r.kind === 'grid' && String(r.parent).length === 9;
    issues.push({
      kind: 'ORPHAN',
      feature: Number(r.idx),
      code: String(r.code),
      other: String(r.parent),
      message: street
        ? `${r.code}: street ${r.parent} is not in the database (give --street-name to create it)`
        : `${r.code}: parent ${r.parent} is neither in the file nor in the database`,
    });
  }

  // 3. Children outside their parent (buildings outside their grid too; LARGE grids outside an existing street).
  const outside: Row[] = await m.query(
    `WITH pairs AS (
       SELECT f.idx, f.code, g.code AS parent, f.geom AS child, g.geom AS pgeom
         FROM import_feature f JOIN import_grid g ON g.code = f.parent_code AND g.ok
        WHERE f.ok
       UNION ALL
       SELECT f.idx, f.code, s.code, f.geom, s.geom
         FROM import_feature f JOIN street s ON s.code = left(f.code, 9)
        WHERE f.ok AND f.kind = 'grid' AND f.level = 'LARGE'
     ), d AS (
       SELECT idx, code, parent, ST_Difference(child, pgeom, ${OVERLAY_GRID}) AS part FROM pairs WHERE NOT ST_CoveredBy(child, pgeom)
     )
     SELECT idx, code, parent, ST_Area(part::geography) AS area, ST_X(ST_PointOnSurface(part)) AS x, ST_Y(ST_PointOnSurface(part)) AS y
       FROM d WHERE ST_Area(part::geography) > $1 ORDER BY idx`,
    [TOLERANCE_M2],
  );
  for (const r of outside) {
    const area = Number(r.area);
    issues.push({
      kind: 'OUTSIDE_PARENT',
      feature: Number(r.idx),
      code: String(r.code),
      other: String(r.parent),
      areaM2: area,
      location: point(r),
      message: `${r.code}: ${area.toFixed(1)} m² outside its parent ${r.parent}`,
    });
  }

  // 4. Overlaps between siblings (same parent; LARGE grids of the same street), at least one from the file.
  const overlaps: Row[] = await m.query(
    `WITH o AS (
       SELECT a.code AS a, b.code AS b, ST_Intersection(a.geom, b.geom, ${OVERLAY_GRID}) AS part
         FROM import_grid a JOIN import_grid b
           ON a.code < b.code AND a.level = b.level AND left(a.code, 9) = left(b.code, 9)
          AND a.parent_code IS NOT DISTINCT FROM b.parent_code AND a.geom && b.geom
        WHERE a.ok AND b.ok AND (a.from_file OR b.from_file) AND ST_Intersects(a.geom, b.geom) AND NOT ST_Touches(a.geom, b.geom)
     )
     SELECT a, b, ST_Area(part::geography) AS area, ST_X(ST_PointOnSurface(part)) AS x, ST_Y(ST_PointOnSurface(part)) AS y
       FROM o WHERE ST_Area(part::geography) > $1 ORDER BY a, b`,
    [TOLERANCE_M2],
  );
  for (const r of overlaps) {
    const area = Number(r.area);
    issues.push({
      kind: 'SIBLING_OVERLAP',
      code: String(r.a),
      other: String(r.b),
      areaM2: area,
      location: point(r),
      message: `${r.a} and ${r.b} overlap by ${area.toFixed(1)} m²`,
    });
  }

  // 5. Gaps: the part of a parent (grid, or an existing street) its children leave uncovered.
  const gaps: Row[] = await m.query(
    `WITH parents AS (
       SELECT p.code, p.geom, bool_or(c.from_file) OR bool_or(p.from_file) AS touched, ST_Union(c.geom, ${OVERLAY_GRID}) AS cover
         FROM import_grid p JOIN import_grid c ON c.parent_code = p.code AND c.ok
        WHERE p.ok GROUP BY p.code, p.geom
       UNION ALL
       SELECT s.code, s.geom, bool_or(c.from_file), ST_Union(c.geom, ${OVERLAY_GRID})
         FROM street s JOIN import_grid c ON c.level = 'LARGE' AND left(c.code, 9) = s.code AND c.ok
        GROUP BY s.code, s.geom
     ), g AS (
       SELECT code, ST_Area(geom::geography) AS total, ST_Difference(geom, cover, ${OVERLAY_GRID}) AS part FROM parents WHERE touched
     )
     SELECT code, total, ST_Area(part::geography) AS area, ST_X(ST_PointOnSurface(part)) AS x, ST_Y(ST_PointOnSurface(part)) AS y
       FROM g WHERE NOT ST_IsEmpty(part) AND ST_Area(part::geography) > $1 ORDER BY code`,
    [TOLERANCE_M2],
  );
  for (const r of gaps) {
    const area = Number(r.area);
    const percent = (area / Number(r.total)) * 100;
    if (percent <= GAP_TOLERANCE_PERCENT) continue;
    issues.push({
      kind: 'COVERAGE_GAP',
      code: String(r.code),
      areaM2: area,
      percent,
      location: point(r),
      message: `${r.code}: ${percent.toFixed(2)}% (${area.toFixed(1)} m²) not covered by its children`,
    });
  }
  return issues;
}

/** Inserted / updated / unchanged counts, comparing with what is stored (geometry by ST_Equals). */
export async function countChanges(m: EntityManager): Promise<ImportReport['changes']> {
  const rows: Row[] = await m.query(`
    WITH c AS (
      SELECT f.idx,
             CASE WHEN g.id IS NULL AND b.id IS NULL THEN 'inserted'
                  WHEN f.kind = 'grid' AND g.name = f.name AND p.code IS NOT DISTINCT FROM f.parent_code
                       AND ST_Equals(g.geom, f.geom) THEN 'unchanged'
                  WHEN f.kind = 'building' AND b.name = f.name AND b.address = f.address AND b.floors = f.floors AND b.units = f.units
                       AND bg.code = f.parent_code AND ST_Equals(b.footprint, f.geom) THEN 'unchanged'
                  ELSE 'updated' END AS change
        FROM import_feature f
        LEFT JOIN grid g ON f.kind = 'grid' AND g.code = f.code LEFT JOIN grid p ON p.id = g.parent_id
        LEFT JOIN building b ON f.kind = 'building' AND b.code = f.code LEFT JOIN grid bg ON bg.id = b.grid_id
    )
    SELECT count(*) FILTER (WHERE change = 'inserted')::int AS inserted, count(*) FILTER (WHERE change = 'updated')::int AS updated,
           count(*) FILTER (WHERE change = 'unchanged')::int AS unchanged FROM c`);
  const [r] = rows;
  // An aggregate always answers one row: none means the database lost the statement's result.
  if (!r) throw new Error('import: the database answered no row when counting changes; nothing was written');
  return { inserted: Number(r.inserted), updated: Number(r.updated), unchanged: Number(r.unchanged) };
}

/**
 * Upserts the staged features by code: missing streets first (geometry = union of their LARGE
 * grids), then grids parents-first, then buildings. Path, label point and area come from PostGIS.
 */
export async function writeStaged(m: EntityManager, newStreets: Map<string, string>): Promise<string[]> {
  const created: string[] = [];
  for (const [code, name] of newStreets) {
    const rows: Row[] = await m.query(
      `INSERT INTO street (code, name, geom, area_m2)
       SELECT $1, $2, g, ST_Area(g::geography)
         FROM (SELECT ST_Multi(ST_Union(geom, ${OVERLAY_GRID})) g
                 FROM import_feature WHERE kind = 'grid' AND level = 'LARGE' AND left(code, 9) = $1) x
        WHERE g IS NOT NULL
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [code, name],
    );
    created.push(...rows.map((r) => String(r.code)));
  }
  for (const level of ['LARGE', 'MEDIUM', 'SMALL']) {
    await m.query(
      `UPDATE grid g SET name = f.name, parent_id = p.id, path = f.path::ltree, geom = f.geom, label_point = ST_PointOnSurface(f.geom),
              area_m2 = ST_Area(f.geom::geography), version = g.version + 1, updated_at = now()
         FROM import_feature f LEFT JOIN grid p ON p.code = f.parent_code
        WHERE f.kind = 'grid' AND f.level = $1 AND g.code = f.code
          AND NOT (g.name = f.name AND g.parent_id IS NOT DISTINCT FROM p.id AND ST_Equals(g.geom, f.geom))`,
      [level],
    );
    await m.query(
      `INSERT INTO grid (street_id, parent_id, code, name, level, path, geom, label_point, area_m2)
       SELECT s.id, p.id, f.code, f.name, f.level::grid_level, f.path::ltree, f.geom, ST_PointOnSurface(f.geom), ST_Area(f.geom::geography)
         FROM import_feature f JOIN street s ON s.code = left(f.code, 9) LEFT JOIN grid p ON p.code = f.parent_code
        WHERE f.kind = 'grid' AND f.level = $1 AND NOT EXISTS (SELECT 1 FROM grid e WHERE e.code = f.code)`,
      [level],
    );
  }
  await m.query(
    `UPDATE building b SET grid_id = g.id, name = f.name, address = f.address, floors = f.floors, units = f.units,
            footprint = f.geom, centroid = ST_PointOnSurface(f.geom), version = b.version + 1, updated_at = now()
       FROM import_feature f JOIN grid g ON g.code = f.parent_code
      WHERE f.kind = 'building' AND b.code = f.code
        AND NOT (b.grid_id = g.id AND b.name = f.name AND b.address = f.address AND b.floors = f.floors AND b.units = f.units
                 AND ST_Equals(b.footprint, f.geom))`,
  );
  await m.query(
    `INSERT INTO building (grid_id, code, name, address, floors, units, footprint, centroid)
     SELECT g.id, f.code, f.name, f.address, f.floors, f.units, f.geom, ST_PointOnSurface(f.geom)
       FROM import_feature f JOIN grid g ON g.code = f.parent_code
      WHERE f.kind = 'building' AND NOT EXISTS (SELECT 1 FROM building e WHERE e.code = f.code)`,
  );
  return created;
}
