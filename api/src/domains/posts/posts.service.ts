import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { badInput, conflict, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { intIn, NAME_MAX, optionalText, text, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Viewer } from '../../platform/identity/viewer';
import type { GridLevel } from '../grid/grid.entity';
import { optionalPhone } from '../party/party.service';
import {
  PartyServicePostKind,
  type PartyServicePost,
  type PartyServicePostInput,
  type PostsBoard,
  type PublicGrid,
  type PublicGridPost,
  type PublicPartyPost,
} from './posts.type';

/** A grid code the posts board answers: a community (12 digits), a compound (15) or a small grid (19). */
export const BOARD_CODE = /^\d{12}(\d{3}(\d{4})?)?$/;
const HOURS_MAX = 200;
const KINDS = new Set<string>(Object.values(PartyServicePostKind));

/** The order of posts on the board: the leader, the deputy, the workers. */
const ROLE_ORDER = `CASE p.role WHEN 'LEADER' THEN 0 WHEN 'DEPUTY' THEN 1 ELSE 2 END`;
const LEVEL_ORDER = `array_position(
  ARRAY['STREET_COMMITTEE', 'COMMUNITY', 'COMPOUND_BRANCH', 'BUILDING_GROUP', 'CENTRAL_HOUSEHOLD'], o.level)`;

const POST_COLUMNS = `sp.id, sp.grid_id AS "gridId", g.code AS "gridCode", g.name AS "gridName", sp.name, sp.kind,
  ST_X(sp.point) AS lng, ST_Y(sp.point) AS lat, sp.hours, sp.address, sp.phone, sp.version`;

const PUBLIC_PARTY_COLUMNS = `o.level, o.name, g.code AS "gridCode", o.building_name AS "buildingName", o.secretary_name AS "secretaryName",
  o.secretary_contact AS "secretaryContact", o.deputy_name AS "deputySecretaryName", o.deputy_contact AS "deputyContact",
  o.office_phone AS "officePhone"`;

/**
 * 岗位公示 — the posts board of a community, compound or building grid, for anyone (no sign-in):
 * read only through the public projections (`public_grid`, `public_grid_post`,
 * `public_party_post`: names, posts, duties, office numbers, and a phone only where its owner
 * consented) and the public service posts. No resident row is read as the caller.
 */
export async function postsBoard(db: Db, code: string): Promise<PostsBoard> {
  const given = (code ?? '').trim();
  if (!BOARD_CODE.test(given)) throw badInput('code', 'must be the code of a community (12 digits), compound (15) or small grid (19)');
  const [grid]: { id: string; code: string; name: string; level: GridLevel; path: string; street_id: string; street_name: string }[] =
    await db.query(`SELECT id, code, name, level, path::text AS path, street_id, street_name FROM public_grid WHERE code = $1`, [given]);
  if (!grid) throw badInput('code', `no grid has the code ${given}`);
  const [up, down, leaders, organizations, centralHouseholds, servicePosts] = await Promise.all([
    db.query(`SELECT code, name, level FROM public_grid WHERE path @> $1::ltree AND path <> $1::ltree ORDER BY nlevel(path)`, [
      grid.path,
    ]) as Promise<PublicGrid[]>,
    db.query(`SELECT code, name, level FROM public_grid WHERE parent_id = $1 ORDER BY code`, [grid.id]) as Promise<PublicGrid[]>,
    db.query(
      `SELECT p.role, p.name, p.duties, p.contact, p.office_phone AS "officePhone", p.since::text AS since,
              g.code AS "gridCode", g.level AS "gridLevel"
         FROM public_grid_post p JOIN public_grid g ON g.id = p.grid_id
        WHERE g.path @> $1::ltree ORDER BY nlevel(g.path), ${ROLE_ORDER}, p.since, p.name`,
      [grid.path],
    ) as Promise<PublicGridPost[]>,
    db.query(
      `SELECT ${PUBLIC_PARTY_COLUMNS} FROM public_party_post o LEFT JOIN public_grid g ON g.id = o.grid_id
        WHERE o.level <> 'CENTRAL_HOUSEHOLD' AND (o.grid_path @> $1::ltree OR (o.level = 'STREET_COMMITTEE' AND o.street_id = $2))
        ORDER BY ${LEVEL_ORDER}`,
      [grid.path, grid.street_id],
    ) as Promise<PublicPartyPost[]>,
    db.query(
      `SELECT ${PUBLIC_PARTY_COLUMNS} FROM public_party_post o LEFT JOIN public_grid g ON g.id = o.grid_id
        WHERE o.level = 'CENTRAL_HOUSEHOLD' AND o.grid_path <@ $1::ltree ORDER BY o.building_name, o.name LIMIT 200`,
      [grid.path],
    ) as Promise<PublicPartyPost[]>,
    db.query(
      `SELECT ${POST_COLUMNS} FROM party_service_post sp JOIN public_grid g ON g.id = sp.grid_id
        WHERE g.path @> $1::ltree OR g.path <@ $1::ltree ORDER BY nlevel(g.path) DESC, g.code, sp.name LIMIT 200`,
      [grid.path],
    ) as Promise<PartyServicePost[]>,
  ]);
  return {
    grid: { code: grid.code, name: grid.name, level: grid.level },
    streetName: grid.street_name,
    up,
    down,
    leaders,
    organizations,
    centralHouseholds,
    servicePosts,
  };
}

/** The party service posts, all or those in a grid's subtree. */
export async function listServicePosts(db: Db, gridId?: string | null): Promise<PartyServicePost[]> {
  if (gridId == null)
    return db.query(`SELECT ${POST_COLUMNS} FROM party_service_post sp JOIN public_grid g ON g.id = sp.grid_id ORDER BY g.code, sp.name`);
  return db.query(
    `SELECT ${POST_COLUMNS} FROM party_service_post sp JOIN public_grid g ON g.id = sp.grid_id
      WHERE g.path <@ (SELECT path FROM public_grid WHERE id = $1) ORDER BY g.code, sp.name`,
    [uuid(gridId, 'gridId')],
  );
}

interface CleanPost {
  gridId: string;
  name: string;
  kind: PartyServicePostKind;
  lng: number;
  lat: number;
  hours: string;
  address: string | null;
  phone: string | null;
}

/** Every field checked before anything is read or written. */
function clean(input: PartyServicePostInput): CleanPost {
  if (!KINDS.has(input.kind)) throw badInput('input.kind', `must be one of ${[...KINDS].join(', ')}`);
  if (!Number.isFinite(input.lng) || input.lng < -180 || input.lng > 180)
    throw badInput('input.lng', 'must be a longitude from -180 to 180');
  if (!Number.isFinite(input.lat) || input.lat < -90 || input.lat > 90) throw badInput('input.lat', 'must be a latitude from -90 to 90');
  return {
    gridId: uuid(input.gridId, 'input.gridId'),
    name: text(input.name, 'input.name', NAME_MAX),
    kind: input.kind,
    lng: input.lng,
    lat: input.lat,
    hours: text(input.hours, 'input.hours', HOURS_MAX),
    address: optionalText(input.address, 'input.address', NAME_MAX),
    phone: optionalPhone(input.phone, 'input.phone') ?? null,
  };
}

/** The grid exists and its polygon covers the point; answers the grid's street. */
async function placeIn(m: EntityManager, post: CleanPost): Promise<string> {
  const [grid]: { street_id: string; code: string; covers: boolean }[] = await m.query(
    `SELECT street_id, code, ST_Covers(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS covers FROM grid WHERE id = $1`,
    [post.gridId, post.lng, post.lat],
  );
  if (!grid) throw badInput('input.gridId', 'no such grid');
  if (!grid.covers) throw badInput('input.lng', `the point lies outside the grid ${grid.code}`);
  return grid.street_id;
}

async function postOf(m: EntityManager, id: string): Promise<PartyServicePost> {
  const [post]: PartyServicePost[] = await m.query(
    `SELECT ${POST_COLUMNS} FROM party_service_post sp JOIN public_grid g ON g.id = sp.grid_id WHERE sp.id = $1`,
    [uuid(id, 'id')],
  );
  if (!post) throw notFound('PartyServicePost', id);
  return post;
}

/** 党群服务阵地: the street admins keep the party service posts. */
export class ServicePostService {
  constructor(private readonly db: Db) {}

  async create(viewer: Viewer, input: PartyServicePostInput): Promise<PartyServicePost> {
    requireCan(viewer, 'MANAGE_PARTY');
    const post = clean(input);
    return inTransaction(this.db, {}, async (m) => {
      const streetId = await placeIn(m, post);
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO party_service_post (street_id, grid_id, name, kind, point, hours, address, phone)
         VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9) RETURNING id`,
        [streetId, post.gridId, post.name, post.kind, post.lng, post.lat, post.hours, post.address, post.phone],
      );
      return postOf(m, id);
    });
  }

  async update(viewer: Viewer, id: string, version: number, input: PartyServicePostInput): Promise<PartyServicePost> {
    requireCan(viewer, 'MANAGE_PARTY');
    const post = clean(input);
    intIn(version, 'version', 1, 2_147_483_647);
    return inTransaction(this.db, {}, async (m) => {
      const current = await postOf(m, id);
      if (current.version !== version) throw conflict('PartyServicePost', id, version, current.version);
      const streetId = await placeIn(m, post);
      await m.query(
        `UPDATE party_service_post SET street_id = $2, grid_id = $3, name = $4, kind = $5, point = ST_SetSRID(ST_MakePoint($6, $7), 4326),
                hours = $8, address = $9, phone = $10, version = version + 1, updated_at = now() WHERE id = $1`,
        [current.id, streetId, post.gridId, post.name, post.kind, post.lng, post.lat, post.hours, post.address, post.phone],
      );
      return postOf(m, current.id);
    });
  }

  async remove(viewer: Viewer, id: string): Promise<PartyServicePost> {
    requireCan(viewer, 'MANAGE_PARTY');
    return inTransaction(this.db, {}, async (m) => {
      const current = await postOf(m, id);
      await m.query(`DELETE FROM party_service_post WHERE id = $1`, [current.id]);
      return current;
    });
  }
}
