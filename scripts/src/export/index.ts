import { fromWgs84, type Crs } from '@streetgrid/geo';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { DataSource } from '@streetgrid/api';

export interface ExportOptions {
  /** Only this street (code). */
  street?: string;
  /** Only this grid and everything under it (code). */
  grid?: string;
  /** Output coordinate system (default WGS84). */
  crs?: Crs;
}

type Row = Record<string, unknown>;

/**
 * Grids (code, name, level, parent_code) and buildings (kind=building, code, name, address,
 * floors, units, parent_code = their grid) as one FeatureCollection that `importGeoJson` reads back
 * unchanged. Coordinates keep 15 decimals so geometry survives the round trip exactly.
 */
export async function exportGeoJson(dataSource: DataSource, opts: ExportOptions = {}): Promise<FeatureCollection<MultiPolygon>> {
  const where = `($1::text IS NULL OR s.code = $1) AND ($2::text IS NULL OR g.path <@ (SELECT path FROM grid WHERE code = $2))`;
  const params = [opts.street ?? null, opts.grid ?? null];
  if (opts.grid) {
    const found: Row[] = await dataSource.query(`SELECT 1 FROM grid WHERE code = $1`, [opts.grid]);
    if (!found.length) throw new Error(`no grid with code ${opts.grid}`);
  }
  if (opts.street) {
    const found: Row[] = await dataSource.query(`SELECT 1 FROM street WHERE code = $1`, [opts.street]);
    if (!found.length) throw new Error(`no street with code ${opts.street}`);
  }
  const grids: Row[] = await dataSource.query(
    `SELECT g.code, g.name, g.level::text AS level, p.code AS parent_code, ST_AsGeoJSON(g.geom, 15) AS geojson
       FROM grid g JOIN street s ON s.id = g.street_id LEFT JOIN grid p ON p.id = g.parent_id
      WHERE ${where} ORDER BY g.path`,
    params,
  );
  const buildings: Row[] = await dataSource.query(
    `SELECT b.code, b.name, b.address, b.floors, b.units, g.code AS grid_code, ST_AsGeoJSON(b.footprint, 15) AS geojson
       FROM building b JOIN grid g ON g.id = b.grid_id JOIN street s ON s.id = g.street_id
      WHERE ${where} AND b.code IS NOT NULL ORDER BY g.path, b.code`,
    params,
  );
  const features: Feature<MultiPolygon>[] = [
    ...grids.map((r) => ({
      type: 'Feature' as const,
      properties: { kind: 'grid', code: r.code, name: r.name, level: r.level, parent_code: r.parent_code ?? String(r.code).slice(0, 9) },
      geometry: JSON.parse(String(r.geojson)) as MultiPolygon,
    })),
    ...buildings.map((r) => ({
      type: 'Feature' as const,
      properties: {
        kind: 'building',
        code: r.code,
        name: r.name,
        address: r.address,
        floors: r.floors,
        units: r.units,
        parent_code: r.grid_code,
      },
      geometry: JSON.parse(String(r.geojson)) as MultiPolygon,
    })),
  ];
  const collection: FeatureCollection<MultiPolygon> = { type: 'FeatureCollection', features };
  return opts.crs && opts.crs !== 'WGS84' ? fromWgs84(collection, opts.crs) : collection;
}
