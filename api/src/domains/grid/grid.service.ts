import type { Db } from '../../platform/db/session';
import { requireCan } from '../../platform/identity/policy';
import { codeToLtreePath, GeoInputError, parentCode, parseGridCode } from '@streetgrid/geo';
import type { EntityManager } from 'typeorm';
import { paginate } from '../../platform/graphql/connection';
import { type SyncArgs, syncPage, withoutSync } from '../../platform/graphql/sync';
import { badInput, conflict, notFound } from '../../platform/graphql/errors';
import { checkBBox, checkLngLat } from '../../platform/graphql/spatial-args';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, NAME_MAX, text } from '../../platform/graphql/validate';
import type { CompileNodes } from '../../platform/graphql/compiled-read';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { checkPolygonal } from '../../platform/geometry';
import { Street } from '../street/street.entity';
import { Grid, GridLevel } from './grid.entity';
import type { CreateGridInput, UpdateGridInput } from './grid.input';
import type { GridConnection } from './grid.type';

/** Area a child may stick out of its parent, or overlap a sibling, before it is refused. */
const TOLERANCE_M2 = 1;
const TOLERANCE_SHARE = 0.001;

export interface GridFilter {
  level?: GridLevel | null;
  parentId?: string | null;
  streetId?: string | null;
  bbox?: number[] | null;
  intersects?: unknown;
  first?: number | null;
  after?: string | null;
}

const CONSTRAINT_FIELDS = { grid_code_key: 'input.code', grid_path_key: 'input.code' };

/** Grids: listing, point lookup, and checked writes (valid, inside parent, no sibling overlap). */
export class GridService {
  constructor(
    private readonly ds: Db,
    private readonly scope: Scope,
  ) {}

  /** A page of grids by code; with `compile`, its nodes built as the query selects them when the selection compiles. */
  async list(filter: GridFilter, sync?: SyncArgs, compile?: CompileNodes): Promise<GridConnection> {
    const bbox = checkBBox(filter.bbox);
    const qb = applyScope(this.ds.getRepository(Grid).createQueryBuilder('g'), this.scope, 'Grid', 'g');
    if (filter.level) qb.andWhere('g.level = :level', { level: filter.level });
    if (filter.parentId) qb.andWhere('g.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.streetId) qb.andWhere('g.street_id = :streetId', { streetId: filter.streetId });
    if (bbox) qb.andWhere('g.geom && ST_MakeEnvelope(:w, :s, :e, :n, 4326)', { w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3] });
    if (filter.intersects != null) {
      const json = await checkPolygonal(this.ds, filter.intersects, 'intersects');
      qb.andWhere('ST_Intersects(g.geom, ST_SetSRID(ST_GeomFromGeoJSON(:intersects), 4326))', { intersects: json });
    }
    if (sync?.changedSince != null)
      return syncPage(this.ds, sync.config, qb, 'g', { kind: 'Grid' }, { ...filter, changedSince: sync.changedSince });
    return withoutSync(await paginate(qb, 'g.code', (g) => g.code, filter, 'ASC', compile?.('g')));
  }

  /**
   * One grid by id or code, built by a compiled read (see `compiled-read.ts`): the grid as the
   * query selects it, or null when there is none the caller may see; undefined when the
   * selection does not compile (the resolvers read it then).
   */
  async compiledOne(by: { id?: string; code?: string }, compile: CompileNodes): Promise<Grid | null | undefined> {
    const compiled = compile('g');
    if (!compiled) return undefined;
    if (by.id != null && !isUuid(by.id)) return null;
    // A plain statement, as `at`: TypeORM's query builder rewrote property names across the whole
    // compiled JSON (with a regex per column) on every request.
    const visible = this.scope.where('Grid', 'g');
    const [sql, params] = this.ds.connection.driver.escapeQueryWithParameters(
      `SELECT ${compiled.json} AS node FROM grid g WHERE g.${by.id != null ? 'id' : 'code'} = :by AND ${visible.sql}`,
      { ...visible.params, ...compiled.params, by: by.id ?? by.code },
    );
    const [row]: { node: Grid }[] = await this.ds.query(sql, params);
    return row?.node ?? null;
  }

  /**
   * The grids containing a point, SMALL → MEDIUM → LARGE. A point on a shared edge lies
   * in two siblings: the one with the lower code is taken, so the chain has one per level.
   * With `compile` (the query's selection), each grid is built as the query's JSON by the
   * statement itself, as `compiledOne` does.
   */
  async at(lng: number, lat: number, opts: { shapes?: boolean; compile?: CompileNodes } = {}): Promise<Grid[]> {
    checkLngLat(lng, lat);
    // The hottest read of the API (every click and every department lookup): one plain
    // statement, rows made into Grid objects directly, no query builder or hydration.
    const compiled = opts.compile?.('g');
    const visible = this.scope.where('Grid', 'g');
    const [sql, params] = this.ds.connection.driver.escapeQueryWithParameters(
      `SELECT ${compiled ? `g.level, ${compiled.json} AS node` : `${GRID_COLUMNS}${opts.shapes ? `, ${SHAPE_COLUMNS}` : ''}`}
         FROM grid g
        WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)) AND ${visible.sql}
        ORDER BY g.level DESC, g.code`,
      { ...visible.params, ...compiled?.params, lng, lat },
    );
    const found: (Grid & { node?: Grid })[] = await this.ds.query(sql, params);
    const seen = new Set<GridLevel>();
    const chain = found.filter((g) => !seen.has(g.level) && seen.add(g.level));
    return compiled ? chain.map((g) => g.node!) : chain.map((row) => Object.assign(new Grid(), row));
  }

  async create(input: CreateGridInput): Promise<Grid> {
    requireCan(this.scope.viewer, 'SHAPE_GRIDS');
    const name = text(input.name, 'input.name', NAME_MAX);
    const code = parseCode(input.code, input.level);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const geometry = await checkPolygonal(m, input.geometry, 'input.geometry');
      const street = await m.getRepository(Street).findOneBy({ code: code.street });
      if (!street) throw badInput('input.code', `no street with code ${code.street}`);
      let parent: Grid | null = null;
      if (input.level !== GridLevel.LARGE) {
        parent = await m.getRepository(Grid).findOneBy({ code: parentCode(input.code)! });
        if (!parent) throw badInput('input.code', `no parent grid with code ${parentCode(input.code)}`);
      }
      await checkPlacement(m, geometry, { level: input.level, streetId: street.id, parentId: parent?.id ?? null });
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO grid (street_id, parent_id, code, name, level, path, geom, label_point, area_m2)
         SELECT $1, $2, $3, $4, $5, $6::ltree, g, ST_PointOnSurface(g), ST_Area(g::geography)
           FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)) AS g) x
         RETURNING id`,
        [street.id, parent?.id ?? null, input.code, name, input.level, codeToLtreePath(input.code), geometry],
      );
      return m.getRepository(Grid).findOneByOrFail({ id });
    });
  }

  async update(id: string, input: UpdateGridInput): Promise<Grid> {
    requireCan(this.scope.viewer, 'SHAPE_GRIDS');
    const name = input.name == null ? undefined : text(input.name, 'input.name', NAME_MAX);
    return inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
      const grid = await m.getRepository(Grid).createQueryBuilder('g').setLock('pessimistic_write').where('g.id = :id', { id }).getOne();
      if (!grid) throw notFound('Grid', id);
      if (grid.version !== input.version) throw conflict('Grid', id, input.version, grid.version);
      let geometry: string | null = null;
      if (input.geometry != null) {
        geometry = await checkPolygonal(m, input.geometry, 'input.geometry');
        await checkPlacement(m, geometry, { level: grid.level, streetId: grid.streetId, parentId: grid.parentId, selfId: grid.id });
        await checkChildrenInside(m, geometry, grid.id);
      }
      await m.query(
        `UPDATE grid SET name = coalesce($2, name),
                geom = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)), geom),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, name ?? null, geometry],
      );
      await m.query(`UPDATE grid SET label_point = ST_PointOnSurface(geom), area_m2 = ST_Area(geom::geography) WHERE id = $1`, [id]);
      return m.getRepository(Grid).findOneByOrFail({ id });
    });
  }
}

/** A grid row as the entity's properties (geometries as GeoJSON), for raw reads. */
const GRID_COLUMNS = `g.id, g.code, g.name, g.level, g.street_id AS "streetId", g.parent_id AS "parentId", g.path::text AS path,
  g.area_m2 AS "areaM2", g.version, g.updated_at AS "updatedAt"`;
/** The shapes, only when the query asks for them. */
const SHAPE_COLUMNS = `ST_AsGeoJSON(g.geom)::json AS geometry, ST_AsGeoJSON(g.label_point)::json AS "labelPoint"`;

function parseCode(code: string, level: GridLevel) {
  let parsed;
  try {
    parsed = parseGridCode(code);
  } catch (error) {
    if (error instanceof GeoInputError) throw badInput('input.code', error.message);
    throw error;
  }
  if (parsed.level !== level) throw badInput('input.code', `is a ${parsed.level} grid code, but level is ${level}`);
  return parsed;
}

/** The grid lies inside its parent (or the street for LARGE) and overlaps no grid of its level. */
async function checkPlacement(
  m: EntityManager,
  geometry: string,
  where: { level: GridLevel; streetId: string; parentId: string | null; selfId?: string },
): Promise<void> {
  const container = where.parentId
    ? { table: 'grid', id: where.parentId, what: 'its parent grid' }
    : { table: 'street', id: where.streetId, what: 'the street boundary' };
  const [outside]: { outside_m2: number; area_m2: number }[] = await m.query(
    `SELECT ST_Area(ST_Difference(g, p.geom)::geography) AS outside_m2, ST_Area(g::geography) AS area_m2
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x, ${container.table} p
      WHERE p.id = $2`,
    [geometry, container.id],
  );
  if (outside.outside_m2 > Math.max(TOLERANCE_M2, TOLERANCE_SHARE * outside.area_m2)) {
    throw badInput('input.geometry', `extends ${outside.outside_m2.toFixed(1)} m² outside ${container.what}`, {
      outsideM2: outside.outside_m2,
    });
  }
  const overlaps: { code: string; overlap_m2: number }[] = await m.query(
    `SELECT s.code, ST_Area(ST_Intersection(s.geom, g)::geography) AS overlap_m2
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x
       JOIN grid s ON s.street_id = $2 AND s.level = $3 AND ST_Intersects(s.geom, g)
      WHERE s.id IS DISTINCT FROM $4::uuid
      ORDER BY overlap_m2 DESC`,
    [geometry, where.streetId, where.level, where.selfId ?? null],
  );
  const worst = overlaps.find((o) => o.overlap_m2 > TOLERANCE_M2);
  if (worst) {
    throw badInput('input.geometry', `overlaps grid ${worst.code} by ${worst.overlap_m2.toFixed(1)} m²`, {
      overlapsCode: worst.code,
      overlapM2: worst.overlap_m2,
    });
  }
}

/** A new boundary must still hold every child grid. */
async function checkChildrenInside(m: EntityManager, geometry: string, id: string): Promise<void> {
  const [worst]: { code: string; outside_m2: number; area_m2: number }[] = await m.query(
    `SELECT c.code, ST_Area(ST_Difference(c.geom, g)::geography) AS outside_m2, c.area_m2
       FROM grid c, (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x
      WHERE c.parent_id = $2
      ORDER BY outside_m2 DESC LIMIT 1`,
    [geometry, id],
  );
  if (worst && worst.outside_m2 > Math.max(TOLERANCE_M2, TOLERANCE_SHARE * worst.area_m2)) {
    throw badInput('input.geometry', `would leave ${worst.outside_m2.toFixed(1)} m² of child grid ${worst.code} outside`);
  }
}
