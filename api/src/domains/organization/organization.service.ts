import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { type ConnectionShape, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, missing, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, optionalText, text, uuid } from '../../platform/graphql/validate';
import { can, requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import { ORGANIZATION_KINDS, Organization, type OrganizationContact, OrganizationKind } from './organization.entity';
import type { CreateOrganizationInput, OrganizationContactInput, UpdateOrganizationInput } from './organization.input';

/** A phone number: digits, optionally a leading + and dashes or spaces between. */
const PHONE = /^\+?[0-9][0-9 -]{4,22}[0-9]$/;
const MAX_CONTACTS = 20;
const MAX_SERVED = 100;

export const ORGANIZATION_COLUMNS = `o.id, o.street_id AS "streetId", o.community_id AS "communityId", o.grid_id AS "gridId",
  o.grid_path::text AS "gridPath", o.kind, o.name, o.duties, o.contacts, o.published, o.registration_id AS "registrationId",
  o.archived_at AS "archivedAt", o.version,
  ARRAY(SELECT og.grid_id FROM organization_grid og WHERE og.organization_id = o.id ORDER BY og.grid_id) AS "servedGridIds"`;

const CONSTRAINTS = {
  organization_registration_id_fkey: 'input.registrationId',
  organization_grid_grid_id_fkey: 'input.servedGridIds',
};

interface Row extends Omit<Organization, 'canEdit'> {
  contacts: { name: string; phone: string | null }[];
}

/** The contacts as the caller may read them: phones only for those who may edit the organisation. */
export function present(scope: Scope, row: Row): Organization {
  const canEdit = can(scope.viewer, 'MANAGE_ORGANIZATIONS', { path: row.gridPath });
  const contacts: OrganizationContact[] = (row.contacts ?? []).map((c) => ({ name: c.name, phone: canEdit ? c.phone : null }));
  return Object.assign(new Organization(), row, { contacts, canEdit }) as Organization;
}

function contactsOf(input: OrganizationContactInput[]): { name: string; phone: string | null }[] {
  if (input.length > MAX_CONTACTS) throw badInput('input.contacts', `at most ${MAX_CONTACTS} contacts`);
  return input.map((c, i) => {
    const name = text(c.name, `input.contacts.${i}.name`, 50);
    const phone = optionalText(c.phone, `input.contacts.${i}.phone`, 24);
    // The reason never repeats the number: phones stay out of errors and logs.
    if (phone != null && !PHONE.test(phone)) throw badInput(`input.contacts.${i}.phone`, 'is not a phone number');
    return { name, phone };
  });
}

function servedOf(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_SERVED) throw badInput('input.servedGridIds', `at most ${MAX_SERVED} grids`);
  for (const id of unique) uuid(id, 'input.servedGridIds');
  return unique;
}

/**
 * 组织 — the registry of a community's organisations. Who may write: street admins anywhere; a grid
 * leader inside the grids they lead (a community's secretary the community's and its compounds',
 * a compound's leader the compound's) — `requireCan(MANAGE_ORGANIZATIONS)` with the organisation's
 * grid path. Who may read is row-level security's (`organization` in rls.ts).
 */
export class OrganizationService {
  constructor(private readonly db: Db) {}

  /** The organisation if the caller sees it, else NOT_FOUND. */
  async get(scope: Scope, id: string, m: Db | EntityManager = this.db): Promise<Organization> {
    if (!isUuid(id)) throw notFound('organization', id);
    const [row] = await m.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = $1`, [id]);
    if (!row) throw notFound('organization', id);
    return present(scope, row);
  }

  async create(scope: Scope, input: CreateOrganizationInput): Promise<Organization> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    uuid(input.gridId, 'input.gridId');
    if (!ORGANIZATION_KINDS.includes(input.kind)) throw badInput('input.kind', 'is not a kind of organisation');
    const name = text(input.name, 'input.name', 100);
    const duties = optionalText(input.duties, 'input.duties', 4000) ?? '';
    const contacts = contactsOf(input.contacts ?? []);
    const served = input.servedGridIds == null ? null : servedOf(input.servedGridIds);
    if (input.registrationId != null) {
      uuid(input.registrationId, 'input.registrationId');
      if (input.kind !== OrganizationKind.CO_BUILDING_UNIT)
        throw badInput('input.registrationId', 'only a co-building unit has a registration');
    }
    const grid = await this.homeGrid(scope, input.gridId, 'input.gridId');
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: grid.path });
    if (served) await this.checkServed(grid.path, served);
    if (input.registrationId != null) await this.checkRegistration(scope, input.registrationId);
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      const [{ id }] = await m.query(
        `INSERT INTO organization (street_id, community_id, grid_id, grid_path, kind, name, duties, contacts, published, registration_id,
                                   created_by)
         VALUES ($1, $2, $3, $4::ltree, $5, $6, $7, $8::jsonb, $9, $10, $11) RETURNING id`,
        [
          grid.streetId,
          grid.communityId,
          grid.id,
          grid.path,
          input.kind,
          name,
          duties,
          JSON.stringify(contacts),
          input.published ?? false,
          input.registrationId ?? null,
          actorLabel(v),
        ],
      );
      await m.query(`INSERT INTO organization_grid (organization_id, grid_id) SELECT $1, unnest($2::uuid[])`, [id, served ?? [grid.id]]);
      return this.get(scope, id, m);
    });
  }

  async update(scope: Scope, input: UpdateOrganizationInput): Promise<Organization> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    const current = await this.get(scope, input.id);
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: current.gridPath });
    const name = input.name == null ? current.name : text(input.name, 'input.name', 100);
    const duties = input.duties == null ? current.duties : (optionalText(input.duties, 'input.duties', 4000) ?? '');
    const contacts = input.contacts == null ? null : contactsOf(input.contacts);
    const served = input.servedGridIds == null ? null : servedOf(input.servedGridIds);
    if (served) await this.checkServed(current.gridPath, served);
    if (current.archivedAt) throw badInput('input.id', 'is archived');
    return inTransaction(this.db, CONSTRAINTS, async (m) => {
      await lockVersion(m, current.id, input.version);
      await m.query(
        `UPDATE organization SET name = $2, duties = $3, contacts = COALESCE($4::jsonb, contacts), published = COALESCE($5, published),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [current.id, name, duties, contacts && JSON.stringify(contacts), input.published ?? null],
      );
      if (served) {
        await m.query(`DELETE FROM organization_grid WHERE organization_id = $1`, [current.id]);
        await m.query(`INSERT INTO organization_grid (organization_id, grid_id) SELECT $1, unnest($2::uuid[])`, [current.id, served]);
      }
      return this.get(scope, current.id, m);
    });
  }

  /** Archives an organisation (kept as history, hidden from residents and from lists unless asked). */
  async archive(scope: Scope, id: string, version: number): Promise<Organization> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    const current = await this.get(scope, id);
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: current.gridPath });
    if (current.archivedAt) throw badInput('id', 'is already archived');
    return inTransaction(this.db, {}, async (m) => {
      await lockVersion(m, id, version);
      await m.query(`UPDATE organization SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      return this.get(scope, id, m);
    });
  }

  /**
   * Organisations as the caller may see them, by name: of a community, of a kind, and (`gridId`) those
   * belonging to that grid or a grid above it, or serving it (a small grid's property company).
   */
  async list(
    scope: Scope,
    args: {
      communityId?: string | null;
      gridId?: string | null;
      kind?: OrganizationKind | null;
      includeArchived?: boolean | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<ConnectionShape<Organization>> {
    scope.requireSignedIn();
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after);
    if (args.communityId != null) uuid(args.communityId, 'communityId');
    if (args.gridId != null) uuid(args.gridId, 'gridId');
    const [afterName, afterId] = after ? splitCursor(after) : [null, null];
    const where = `($1::uuid IS NULL OR o.community_id = $1)
       AND ($2::uuid IS NULL OR o.grid_path @> (SELECT t.path FROM grid t WHERE t.id = $2)
            OR EXISTS (SELECT 1 FROM organization_grid og WHERE og.organization_id = o.id AND og.grid_id = $2))
       AND ($3::text IS NULL OR o.kind = $3) AND ($4 OR o.archived_at IS NULL)`;
    const params = [args.communityId ?? null, args.gridId ?? null, args.kind ?? null, args.includeArchived ?? false];
    const rows: Row[] = await this.db.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organization o
        WHERE ${where} AND ($5::text IS NULL OR (o.name, o.id) > ($5, $6::uuid))
        ORDER BY o.name, o.id LIMIT $7`,
      [...params, afterName, afterId, limit + 1],
    );
    return toConnection(
      rows.map((r) => present(scope, r)),
      limit,
      async () => (await this.db.query(`SELECT count(*)::int AS n FROM organization o WHERE ${where}`, params))[0].n,
      (o) => JSON.stringify([o.name, o.id]),
    );
  }

  /** 无物业小区: marks a compound (MEDIUM grid) as having no property company, or clears the mark. */
  async setNoPropertyCompany(scope: Scope, gridId: string, value: boolean): Promise<boolean> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    uuid(gridId, 'gridId');
    const grid = await this.homeGrid(scope, gridId, 'gridId');
    if (grid.level !== 'MEDIUM') throw badInput('gridId', 'is not a compound (MEDIUM grid)');
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: grid.path });
    return inTransaction(this.db, {}, async (m) => {
      await m.query(`UPDATE grid SET no_property_company = $2 WHERE id = $1`, [gridId, value]);
      return value;
    });
  }

  /** A community or compound the caller sees, with its community. */
  private async homeGrid(scope: Scope, gridId: string, field: string) {
    const visible = scope.whereRaw('Grid', 'g', 2);
    const [grid] = await this.db.query(
      `SELECT g.id, g.level, g.path::text AS path, g.street_id AS "streetId",
              CASE WHEN g.level = 'LARGE' THEN g.id ELSE g.parent_id END AS "communityId"
         FROM grid g WHERE g.id = $1 AND ${visible.sql}`,
      [gridId, ...visible.params],
    );
    if (!grid) throw missing(field, 'grid', scope.seesAll);
    if (grid.level !== 'LARGE' && grid.level !== 'MEDIUM') throw badInput(field, 'is not a community or a compound');
    return grid as { id: string; level: string; path: string; streetId: string; communityId: string };
  }

  /** Served grids lie in the organisation's own grid (its community or compound). */
  private async checkServed(path: string, ids: string[]): Promise<void> {
    if (!ids.length) throw badInput('input.servedGridIds', 'give at least one grid');
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM grid g WHERE g.id = ANY($1::uuid[]) AND g.path <@ $2::ltree`, [
      ids,
      path,
    ]);
    if (n !== ids.length) throw badInput('input.servedGridIds', 'names a grid outside the organisation’s community or compound');
  }

  /** A co-building unit's registration: a unit's (双报到) the caller sees. */
  private async checkRegistration(scope: Scope, id: string): Promise<void> {
    const [reg] = await this.db.query(`SELECT kind FROM service_registration WHERE id = $1`, [id]);
    if (!reg) throw missing('input.registrationId', 'registration', scope.seesAll);
    if (reg.kind !== 'UNIT') throw badInput('input.registrationId', 'is not a unit’s registration');
  }
}

/** Locks the row and refuses a stale version (CONFLICT). */
async function lockVersion(m: EntityManager, id: string, expected: number): Promise<void> {
  const [row] = await m.query(`SELECT version FROM organization WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw notFound('organization', id);
  if (row.version !== expected) throw conflict('organization', id, expected, row.version);
}

function splitCursor(key: string): [string, string] {
  try {
    const [name, id] = JSON.parse(key) as [unknown, unknown];
    if (typeof name === 'string' && isUuid(id)) return [name, id];
  } catch {
    // falls through
  }
  throw badInput('after', 'is not a cursor from this API');
}
