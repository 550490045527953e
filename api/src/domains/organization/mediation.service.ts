import type { EventBus } from '../../platform/events/bus';
import { type Db, elevated } from '../../platform/db/session';
import { type ConnectionShape, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, missing, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, optionalText, text, uuid } from '../../platform/graphql/validate';
import { actorFor } from '../../platform/identity/actor';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import type { CaseEvent } from '../case/case.entity';
import { TRANSITIONS } from '../case/case.rules';
import { CaseService } from '../case/case.service';
import type { MediationInput, MediationRecord, OrganizationMember, OrganizationMemberInput } from './mediation.entity';
import { OrganizationService } from './organization.service';
import type { PublicRole, PublicRoleInput } from './public-role.entity';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MEDIATION_COLUMNS = `m.id, m.community_id AS "communityId", m.grid_id AS "gridId", m.organization_id AS "organizationId",
  m.case_id AS "caseId", m.parties, m.issue, m.agreement, to_char(m.mediated_on, 'YYYY-MM-DD') AS "mediatedOn",
  to_char(m.follow_up_on, 'YYYY-MM-DD') AS "followUpOn", m.created_at AS "createdAt"`;
const MEMBER_COLUMNS = `id, organization_id AS "organizationId", resident_id AS "residentId", name, role`;

function day(value: string, field: string): string {
  if (
    !DAY.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw badInput(field, 'must be a day, YYYY-MM-DD');
  return value;
}

/**
 * 矛盾调解, members of organisations and residents' public roles. Writes: street admins, and the
 * grid leaders of the place concerned (`MANAGE_ORGANIZATIONS` with its grid path); reads under
 * row-level security. A mediation with an agreement that settles an open DISPUTE case closes the
 * case in the record's transaction, through the case service's MEDIATE step (a CLOSED event).
 */
export class MediationService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  async record(scope: Scope, input: MediationInput): Promise<MediationRecord> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    if (input.caseId == null && input.gridId == null) throw badInput('input.gridId', 'give the case or the grid it concerns');
    if (input.caseId != null) uuid(input.caseId, 'input.caseId');
    if (input.gridId != null) uuid(input.gridId, 'input.gridId');
    if (input.organizationId != null) uuid(input.organizationId, 'input.organizationId');
    if (input.caseVersion != null && !Number.isInteger(input.caseVersion)) throw badInput('input.caseVersion', 'must be an integer');
    if (input.parties.length < 2 || input.parties.length > 20) throw badInput('input.parties', 'give 2 to 20 names');
    const parties = input.parties.map((p, i) => text(p, `input.parties.${i}`, 50));
    const issue = text(input.issue, 'input.issue', 4000);
    const agreement = optionalText(input.agreement, 'input.agreement', 4000);
    const mediatedOn = day(input.mediatedOn, 'input.mediatedOn');
    const followUpOn = input.followUpOn == null ? null : day(input.followUpOn, 'input.followUpOn');
    if (followUpOn && followUpOn < mediatedOn) throw badInput('input.followUpOn', 'must not be before mediatedOn');

    let gridId = input.gridId ?? null;
    let kase: { id: string; status: string; category: string; version: number; gridId: string } | null = null;
    if (input.caseId != null) {
      const visible = scope.whereRaw('Case', 'c', 2);
      const [row] = await this.db.query(
        `SELECT c.id, c.status, c.category, c.version, c.grid_id AS "gridId" FROM "case" c WHERE c.id = $1 AND ${visible.sql}`,
        [input.caseId, ...visible.params],
      );
      if (!row) throw missing('input.caseId', 'case', scope.seesAll);
      if (row.category !== 'DISPUTE') throw badInput('input.caseId', 'is not a dispute (DISPUTE case)');
      if (gridId != null && gridId !== row.gridId) throw badInput('input.gridId', 'must be the case’s grid, or absent');
      kase = row;
      gridId = row.gridId;
    }
    const visible = scope.whereRaw('Grid', 'g', 2);
    const [grid] = await this.db.query(
      `SELECT g.id, g.path::text AS path, g.street_id AS "streetId" FROM grid g WHERE g.id = $1 AND ${visible.sql}`,
      [gridId, ...visible.params],
    );
    if (!grid) throw missing('input.gridId', 'grid', scope.seesAll);
    // The community of the grid, which a compound's leader does not see: the street's structure, not the caller's view.
    const [community] = await elevated(this.db, () =>
      this.db.query(`SELECT l.id FROM grid l WHERE l.level = 'LARGE' AND l.path @> $1::ltree`, [grid.path]),
    );
    if (!community) throw badInput('input.gridId', 'lies in no community');
    grid.communityId = community.id;
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: grid.path });
    if (input.organizationId != null) {
      const [org] = await this.db.query(`SELECT community_id AS "communityId", archived_at FROM organization WHERE id = $1`, [
        input.organizationId,
      ]);
      if (!org) throw missing('input.organizationId', 'organisation', scope.seesAll);
      if (org.communityId !== grid.communityId) throw badInput('input.organizationId', 'is not an organisation of the same community');
      if (org.archived_at) throw badInput('input.organizationId', 'is archived');
    }
    const closes = kase != null && agreement != null && TRANSITIONS.MEDIATE.from.includes(kase.status as never);
    if (kase && agreement && !closes && kase.status === 'REPORTED') throw badInput('input.caseId', 'file the case before mediating it');
    const actor = closes ? actorFor(scope) : null;

    const cases = new CaseService(this.db, this.bus);
    let events: CaseEvent[] = [];
    const record = await inTransaction(this.db, {}, async (m) => {
      const [row] = await m.query(
        `INSERT INTO mediation_record (street_id, community_id, grid_id, grid_path, organization_id, case_id, parties, issue, agreement,
                                       mediated_on, follow_up_on, recorded_by)
         VALUES ($1, $2, $3, $4::ltree, $5, $6, $7, $8, $9, $10::date, $11::date, $12) RETURNING id`,
        [
          grid.streetId,
          grid.communityId,
          grid.id,
          grid.path,
          input.organizationId ?? null,
          kase?.id ?? null,
          parties,
          issue,
          agreement,
          mediatedOn,
          followUpOn,
          actorLabel(v),
        ],
      );
      if (closes && kase && actor) {
        const step = await cases.transitionWithin(m, kase.id, input.caseVersion ?? kase.version, actor, 'MEDIATE', {
          comment: agreement,
          mediationId: row.id,
        });
        events = step.events;
      }
      const [made] = await m.query(`SELECT ${MEDIATION_COLUMNS} FROM mediation_record m WHERE m.id = $1`, [row.id]);
      return made as MediationRecord;
    });
    await cases.publishCaseEvents(events);
    return record;
  }

  async list(
    scope: Scope,
    args: {
      communityId?: string | null;
      caseId?: string | null;
      organizationId?: string | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<ConnectionShape<MediationRecord>> {
    scope.requireSignedIn();
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after);
    if (after != null && !isUuid(after)) throw badInput('after', 'is not a cursor from this API');
    if (args.communityId != null) uuid(args.communityId, 'communityId');
    if (args.caseId != null) uuid(args.caseId, 'caseId');
    if (args.organizationId != null) uuid(args.organizationId, 'organizationId');
    const where = `($1::uuid IS NULL OR m.community_id = $1) AND ($2::uuid IS NULL OR m.case_id = $2)
                   AND ($3::uuid IS NULL OR m.organization_id = $3)`;
    const params = [args.communityId ?? null, args.caseId ?? null, args.organizationId ?? null];
    const rows: MediationRecord[] = await this.db.query(
      `SELECT ${MEDIATION_COLUMNS} FROM mediation_record m WHERE ${where} AND ($4::uuid IS NULL OR m.id < $4)
        ORDER BY m.id DESC LIMIT $5`,
      [...params, after ?? null, limit + 1],
    );
    return toConnection(
      rows,
      limit,
      async () => (await this.db.query(`SELECT count(*)::int AS n FROM mediation_record m WHERE ${where}`, params))[0].n,
      (r) => r.id,
    );
  }

  async addMember(scope: Scope, input: OrganizationMemberInput): Promise<OrganizationMember> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    uuid(input.organizationId, 'input.organizationId');
    const role = text(input.role, 'input.role', 50);
    if (input.residentId != null) uuid(input.residentId, 'input.residentId');
    else if (input.name == null) throw badInput('input.name', 'give a resident or a name');
    const org = await new OrganizationService(this.db).get(scope, input.organizationId).catch(() => {
      throw missing('input.organizationId', 'organisation', scope.seesAll);
    });
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: org.gridPath });
    if (org.archivedAt) throw badInput('input.organizationId', 'is archived');
    let name = input.name == null ? null : text(input.name, 'input.name', 50);
    if (input.residentId != null) {
      const [r] = await this.db.query(`SELECT r.name FROM resident r WHERE r.id = $1 AND r.grid_path <@ $2::ltree`, [
        input.residentId,
        org.gridPath,
      ]);
      if (!r) throw missing('input.residentId', 'resident of the organisation’s grid', scope.seesAll);
      name ??= r.name as string;
    }
    return inTransaction(this.db, { organization_member_resident_uq: 'input.residentId' }, async (m) => {
      const [row] = await m.query(
        `INSERT INTO organization_member (organization_id, resident_id, name, role) VALUES ($1, $2, $3, $4) RETURNING ${MEMBER_COLUMNS}`,
        [org.id, input.residentId ?? null, name, role],
      );
      return row as OrganizationMember;
    });
  }

  async removeMember(scope: Scope, id: string): Promise<boolean> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    if (!isUuid(id)) throw notFound('organization member', id);
    const [row] = await this.db.query(
      `SELECT o.grid_path::text AS path FROM organization_member x JOIN organization o ON o.id = x.organization_id WHERE x.id = $1`,
      [id],
    );
    if (!row) throw notFound('organization member', id);
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: row.path });
    return inTransaction(this.db, {}, async (m) => {
      await m.query(`DELETE FROM organization_member WHERE id = $1`, [id]);
      return true;
    });
  }

  async setPublicRole(scope: Scope, input: PublicRoleInput): Promise<PublicRole | null> {
    const v = scope.viewer;
    requireCan(v, 'MANAGE_ORGANIZATIONS');
    uuid(input.residentId, 'input.residentId');
    const roles = [...new Set(input.roles)];
    const title = optionalText(input.title, 'input.title', 100) ?? '';
    const [r] = await this.db.query(`SELECT r.name, r.grid_path::text AS path FROM resident r WHERE r.id = $1`, [input.residentId]);
    if (!r) throw missing('input.residentId', 'resident', scope.seesAll);
    requireCan(v, 'MANAGE_ORGANIZATIONS', { path: r.path });
    return inTransaction(this.db, {}, async (m) => {
      if (!roles.length) {
        await m.query(`DELETE FROM public_role WHERE resident_id = $1`, [input.residentId]);
        return null;
      }
      const [row] = await m.query(
        `INSERT INTO public_role (resident_id, grid_path, roles, title, consent_at, recorded_by)
         VALUES ($1, $2::ltree, $3, $4, CASE WHEN $5 THEN now() END, $6)
         ON CONFLICT (resident_id) DO UPDATE SET roles = $3, title = $4,
           consent_at = CASE WHEN $5 THEN COALESCE(public_role.consent_at, now()) END, recorded_by = $6, updated_at = now()
         RETURNING resident_id AS "residentId", roles, title, consent_at AS "consentAt"`,
        [input.residentId, r.path, roles, title, input.consent, actorLabel(v)],
      );
      return { ...row, name: r.name } as PublicRole;
    });
  }

  /** Public roles in a community (or all the caller sees), by name. */
  async publicRoles(scope: Scope, communityId: string | null): Promise<PublicRole[]> {
    scope.requireSignedIn();
    if (communityId != null) uuid(communityId, 'communityId');
    return this.db.query(
      `SELECT p.resident_id AS "residentId", r.name, p.roles, p.title, p.consent_at AS "consentAt"
         FROM public_role p JOIN resident r ON r.id = p.resident_id
        WHERE $1::uuid IS NULL OR p.grid_path <@ (SELECT path FROM grid WHERE id = $1)
        ORDER BY r.name, p.resident_id`,
      [communityId],
    );
  }
}

/** The members of organisations, one statement for every organisation asked (the members loader). */
export async function membersOf(db: Db, ids: readonly string[]): Promise<OrganizationMember[][]> {
  const rows: OrganizationMember[] = await db.query(
    `SELECT ${MEMBER_COLUMNS} FROM organization_member WHERE organization_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [ids.filter(isUuid)],
  );
  return ids.map((id) => rows.filter((r) => r.organizationId === id));
}
