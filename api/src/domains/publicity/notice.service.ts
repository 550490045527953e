import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { badInput, conflict, forbidden, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, text, uuid } from '../../platform/graphql/validate';
import { inSubtree, requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import { CONCERNS, GRID_JSON, PUBLICITY_CONSTRAINT_FIELDS, status, versionArg, writableGrid } from './publicity.rules';
import { type Notice, type NoticeInput, PublicationStatus } from './publicity.type';

export const NOTICE_COLUMNS = `n.id, ${GRID_JSON('g')} AS grid, n.title, n.body, n.status, n.is_public AS "isPublic",
  ST_X(n.point) AS lng, ST_Y(n.point) AS lat, n.author_name AS "authorName", n.author_user_id AS "authorUserId",
  n.published_at AS "publishedAt", n.version, n.grid_path::text AS "gridPath"`;
const FROM = `notice n JOIN public_grid g ON g.id = n.grid_id`;

interface CleanNotice {
  gridId: string;
  title: string;
  body: string;
  status: PublicationStatus;
  isPublic: boolean;
  point: { lng: number; lat: number } | null;
}

/** Checks a notice's input completely before anything is read or written. */
function clean(input: NoticeInput): CleanNotice {
  const gridId = uuid(input.gridId, 'input.gridId');
  const title = text(input.title, 'input.title', 100);
  const body = text(input.body, 'input.body', 4000);
  const st = status(input.status, 'input.status');
  const { lng, lat } = input;
  if ((lng == null) !== (lat == null)) throw badInput(lng == null ? 'input.lng' : 'input.lat', 'give both lng and lat, or neither');
  if (lng != null && (!Number.isFinite(lng) || lng < -180 || lng > 180)) throw badInput('input.lng', 'must be a longitude (-180 to 180)');
  if (lat != null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) throw badInput('input.lat', 'must be a latitude (-90 to 90)');
  return { gridId, title, body, status: st, isPublic: !!input.isPublic, point: lng != null && lat != null ? { lng, lat } : null };
}

/** A pin must lie inside the notice's grid. */
async function checkPin(m: EntityManager, gridId: string, point: CleanNotice['point']): Promise<void> {
  if (!point) return;
  const [{ covers }] = await m.query(`SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS covers FROM grid WHERE id = $1`, [
    gridId,
    point.lng,
    point.lat,
  ]);
  if (!covers) throw badInput('input.lng', 'the pin must lie inside the notice’s grid');
}

/**
 * 宣传栏 — notices of a community, compound or building grid. Street admins and the leaders of
 * the grid (or a grid above it) write them; row-level security decides who reads (a leader their
 * subtree and what is published above; a resident what is published for their home's grids).
 * Each grid leader in a published notice's subtree marks it read; its managers see who has.
 */
export class NoticeService {
  constructor(private readonly db: Db) {}

  /** The notices the caller sees, newest first: all, or those concerning a grid (above or below it), or only pinned ones. */
  async list(scope: Scope, gridId: string | null | undefined, pinned: boolean): Promise<Notice[]> {
    scope.requireSignedIn();
    if (gridId != null) uuid(gridId, 'gridId');
    return this.db.query(
      `SELECT ${NOTICE_COLUMNS} FROM ${FROM}
        WHERE ${CONCERNS('n')}
          AND (NOT $2 OR n.point IS NOT NULL)
        ORDER BY coalesce(n.published_at, n.created_at) DESC, n.id LIMIT 200`,
      [gridId ?? null, pinned],
    );
  }

  async create(scope: Scope, input: NoticeInput): Promise<Notice> {
    requireCan(scope.viewer, 'PUBLICITY');
    const c = clean(input);
    const v = scope.viewer;
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      await checkPin(m, grid.id, c.point);
      const [{ id }] = await m.query(
        `INSERT INTO notice (grid_id, grid_path, title, body, status, is_public, point, author_user_id, author_name, published_at)
         VALUES ($1, $2::ltree, $3, $4, $5, $6, CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7, $8), 4326) END,
                 $9, coalesce((SELECT display_name FROM app_user WHERE id = $9), $10), CASE WHEN $5 = 'PUBLISHED' THEN now() END)
         RETURNING id`,
        [
          grid.id,
          grid.path,
          c.title,
          c.body,
          c.status,
          c.isPublic,
          c.point?.lng ?? null,
          c.point?.lat ?? null,
          v.kind === 'user' ? v.id : null,
          authorName(scope),
        ],
      );
      return this.read(m, id);
    });
  }

  async update(scope: Scope, id: string, version: number, input: NoticeInput): Promise<Notice> {
    requireCan(scope.viewer, 'PUBLICITY');
    if (!isUuid(id)) throw notFound('Notice', id);
    const expected = versionArg(version);
    const c = clean(input);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(`SELECT grid_path::text AS path, version FROM notice WHERE id = $1`, [id]);
      if (!row) throw notFound('Notice', id);
      requireCan(scope.viewer, 'PUBLICITY', { path: row.path });
      if (row.version !== expected) throw conflict('Notice', id, expected, row.version);
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      await checkPin(m, grid.id, c.point);
      const [updated]: [{ id: string }[], number] = await m.query(
        `UPDATE notice SET grid_id = $2, grid_path = $3::ltree, title = $4, body = $5, status = $6, is_public = $7,
                point = CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END,
                published_at = CASE WHEN $6 = 'PUBLISHED' THEN coalesce(published_at, now()) END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $10 RETURNING id`,
        [id, grid.id, grid.path, c.title, c.body, c.status, c.isPublic, c.point?.lng ?? null, c.point?.lat ?? null, expected],
      );
      if (!updated.length) throw conflict('Notice', id, expected, expected + 1);
      return this.read(m, id);
    });
  }

  /** A grid leader marks a published notice for their grids read (once; again changes nothing). */
  async markRead(scope: Scope, id: string): Promise<Notice> {
    const v = scope.viewer;
    if (v.kind !== 'user' || v.role !== 'GRID_LEADER') throw forbidden('read receipts are for grid leaders');
    if (!isUuid(id)) throw notFound('Notice', id);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(`SELECT grid_path::text AS path, status FROM notice WHERE id = $1`, [id]);
      if (!row) throw notFound('Notice', id);
      if (row.status !== PublicationStatus.PUBLISHED) throw badInput('id', 'is a draft: only published notices are read');
      if (!v.gridPaths.some((p) => inSubtree(p, [row.path]))) throw forbidden('this notice is not for the grids you lead');
      await m.query(`INSERT INTO notice_receipt (notice_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, v.id]);
      return this.read(m, id);
    });
  }

  private async read(m: EntityManager, id: string): Promise<Notice> {
    const [row] = await m.query(`SELECT ${NOTICE_COLUMNS} FROM ${FROM} WHERE n.id = $1`, [id]);
    return row;
  }
}

/** The label a row records when the author's account has no display name to read (a department key). */
export function authorName(scope: Scope): string {
  return actorLabel(scope.viewer);
}
