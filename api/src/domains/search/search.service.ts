import type { Db } from '../../platform/db/session';
import type { Scope } from '../../platform/identity/scope';
import { intIn, text } from '../../platform/graphql/validate';
import type { GridLevel } from '../grid/grid.entity';
import { SearchKind, type SearchHit } from './search.type';

/** The longest search text. */
const SEARCH_MAX = 100;
/** The most hits a search answers, of each kind. */
export const SEARCH_FIRST_MAX = 50;

interface HitRow {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  level: GridLevel | null;
  point: number[] | null;
  bbox: number[] | null;
}

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
function containing(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Finds grids by name or code, buildings by name or address, households by address and
 * cases by number — at any zoom, whatever the map has loaded — in one statement on the
 * caller's session, so row-level security decides what each caller finds (a resident finds
 * the grids around their home and their own household; a leader what lies in their grids).
 * Exact codes and numbers first, then the shortest names (the closest matches).
 */
export async function search(db: Db, scope: Scope, input: { text: string; first?: number }): Promise<SearchHit[]> {
  const value = text(input.text, 'text', SEARCH_MAX);
  const first = intIn(input.first ?? 10, 'first', 1, SEARCH_FIRST_MAX);
  // Each kind narrowed as its own list is (a volunteer may read a household they help by id, but finds only their own).
  const params: unknown[] = [value, containing(value), first];
  const visible = (entity: 'Grid' | 'Building' | 'Household' | 'Case', alias: string) => {
    const w = scope.whereRaw(entity, alias, params.length + 1);
    params.push(...w.params);
    return w.sql;
  };
  const rows: HitRow[] = await db.query(
    `WITH q AS (SELECT $1::text AS exact, $2::text AS pattern)
     (SELECT 'GRID' AS kind, g.id, g.name AS title, g.code AS subtitle, g.level::text AS level,
             ARRAY[ST_X(g.label_point), ST_Y(g.label_point)] AS point,
             ARRAY[ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom)] AS bbox
        FROM grid g, q
       WHERE (g.code = q.exact OR g.name ILIKE q.pattern) AND ${visible('Grid', 'g')}
       ORDER BY g.code = q.exact DESC, length(g.name), g.level, g.code
       LIMIT $3)
     UNION ALL
     (SELECT 'BUILDING', b.id, b.name, b.address, NULL,
             ARRAY[ST_X(b.centroid), ST_Y(b.centroid)],
             ARRAY[ST_XMin(b.footprint), ST_YMin(b.footprint), ST_XMax(b.footprint), ST_YMax(b.footprint)]
        FROM building b, q
       WHERE (b.code = q.exact OR b.name ILIKE q.pattern OR b.address ILIKE q.pattern) AND ${visible('Building', 'b')}
       ORDER BY b.code = q.exact DESC, length(b.address), b.address
       LIMIT $3)
     UNION ALL
     -- LEFT JOIN: a caller who may read households but not buildings (a department's key) still finds them.
     (SELECT 'HOUSEHOLD', h.id, h.address, b.name, NULL,
             ARRAY[ST_X(b.centroid), ST_Y(b.centroid)],
             ARRAY[ST_XMin(b.footprint), ST_YMin(b.footprint), ST_XMax(b.footprint), ST_YMax(b.footprint)]
        FROM q, household h LEFT JOIN building b ON b.id = h.building_id
       WHERE h.address ILIKE q.pattern AND ${visible('Household', 'h')}
       ORDER BY length(h.address), h.address
       LIMIT $3)
     UNION ALL
     (SELECT 'CASE', c.id, c.number, NULL, NULL, ARRAY[ST_X(c.location), ST_Y(c.location)], NULL
        FROM "case" c, q
       WHERE c.number = q.exact AND ${visible('Case', 'c')}
       ORDER BY c.reported_at DESC
       LIMIT $3)`,
    params,
  );
  return rows;
}
