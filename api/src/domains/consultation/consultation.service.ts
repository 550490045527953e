import type { Db } from '../../platform/db/session';
import { badInput, conflict, forbidden, missing, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, optionalText, text, uuid } from '../../platform/graphql/validate';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import { photoStorage, type PhotoStorage } from '../../platform/storage/photos';
import { decodeProgressPhotos } from './project-photo.router';
import {
  type Consultation,
  type ConsultationInvitee,
  type ConveneConsultationInput,
  InviteeKind,
  type MilestoneInput,
  type PledgeInput,
  type Project,
  type ProjectInput,
  type ProjectMilestone,
  type ProjectPledge,
  ProjectStatus,
  type RecordConsultationInput,
  type Resolution,
  ResolutionCarriedAs,
  type ResolutionInput,
} from './consultation.type';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_LIST = 200;
const MAX_CASES = 50;
const MAX_INVITEES = 100;

/** The constraints a racing write may still break, by the field they guard. */
const CONSTRAINT_FIELDS: Record<string, string> = { project_resolution_idx: 'input.resolutionId' };

const CONSULTATION_COLUMNS = `c.id, c.grid_id AS "gridId", pg.name AS "gridName", c.kind, c.topic, c.starts_at AS "startsAt",
  c.service_post_id AS "servicePostId", coalesce(sp.name, c.address) AS place, c.address, ST_X(c.point) AS lng, ST_Y(c.point) AS lat,
  c.case_ids AS "caseIds", c.published, c.status, c.minutes, c.held_at AS "heldAt", c.version`;
const CONSULTATION_FROM = `consultation c JOIN public_grid pg ON pg.id = c.grid_id
  LEFT JOIN party_service_post sp ON sp.id = c.service_post_id`;

const PROJECT_COLUMNS = `p.id, p.grid_id AS "gridId", pg.name AS "gridName", p.title, p.need, p.need_id AS "needId",
  p.case_ids AS "caseIds",
  p.resolution_id AS "resolutionId", r.consultation_id AS "consultationId", p.lead_name AS "leadName",
  p.lead_organization_id AS "leadOrganizationId", p.published, p.status, p.summary, p.completed_at AS "completedAt",
  p.photos, ST_X(p.point) AS lng, ST_Y(p.point) AS lat, p.version`;
const PROJECT_FROM = `project p JOIN public_grid pg ON pg.id = p.grid_id LEFT JOIN resolution r ON r.id = p.resolution_id`;

/** A YYYY-MM-DD day that exists. */
function day(value: string, field: string): string {
  if (!DAY.test(value ?? '') || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw badInput(field, 'must be a day, YYYY-MM-DD');
  const d = new Date(`${value}T00:00:00Z`);
  if (d.toISOString().slice(0, 10) !== value) throw badInput(field, 'must be a day, YYYY-MM-DD');
  return value;
}

function ids(values: string[] | null | undefined, field: string, max: number): string[] {
  const list = [...new Set(values ?? [])];
  if (list.length > max) throw badInput(field, `at most ${max}`);
  for (const id of list) if (!isUuid(id)) throw badInput(field, 'is not a list of ids');
  return list;
}

/**
 * Inside a report's transaction: the new case carries out the resolution (checked by caseResolution); a racing report
 * that linked it first makes this one fail whole.
 */
export async function linkResolutionCase(m: Db, resolutionId: string, caseId: string, field: string): Promise<void> {
  // TypeORM answers an UPDATE as [rows, count].
  const [, count] = await m.query(`UPDATE resolution SET case_id = $2 WHERE id = $1 AND carried_as = 'CASE' AND case_id IS NULL`, [
    resolutionId,
    caseId,
  ]);
  if (count !== 1) throw badInput(field, 'already has its case');
}

/** Whether an ltree path lies in (or is) one of the paths. */
function under(path: string, paths: string[]): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`));
}

interface KeptRow {
  id: string;
  version: number;
  status: string;
  path: string;
}

/**
 * 议事协商 and 项目清单: convening, attendance and minutes, resolutions, projects with their pledges and milestones.
 * Who keeps them: a street admin any; a grid leader those of the compounds and communities they lead (the same rule
 * as the row-level security policies, which decide what anyone reads). Every write validates first and runs in one
 * transaction; bad input answers BAD_USER_INPUT naming the field and writes nothing.
 */
export class ConsultationService {
  constructor(
    private readonly db: Db,
    private readonly storage: PhotoStorage = photoStorage(),
  ) {}

  // ─── Reads ────────────────────────────────────────────────────────────────────────

  async consultations(scope: Scope, gridId: string | null, invited: boolean, upcoming: boolean): Promise<Consultation[]> {
    scope.requireSignedIn();
    const path = gridId == null ? null : await this.publicPath(gridId, 'gridId');
    const v = scope.viewer;
    const residentId = v.kind === 'user' ? v.residentId : null;
    const userId = v.kind === 'user' ? v.id : null;
    if (invited && userId == null) return [];
    const rows: Consultation[] = await this.db.query(
      `SELECT ${CONSULTATION_COLUMNS} FROM ${CONSULTATION_FROM}
        WHERE ($1::ltree IS NULL OR c.grid_path <@ $1::ltree)
          AND (NOT $2 OR EXISTS (SELECT 1 FROM consultation_invitee i WHERE i.consultation_id = c.id
                 AND (i.resident_id = $3 OR i.registration_id IN (SELECT sr.id FROM service_registration sr WHERE sr.user_id = $4))))
          AND (NOT $5 OR c.starts_at >= now() - interval '1 day')
        ORDER BY c.starts_at DESC, c.id LIMIT ${MAX_LIST}`,
      [path, invited, residentId, userId, upcoming],
    );
    return this.hydrateConsultations(rows);
  }

  async consultation(scope: Scope, id: string): Promise<Consultation | null> {
    scope.requireSignedIn();
    if (!isUuid(id)) throw badInput('id', 'is not an id');
    const rows: Consultation[] = await this.db.query(`SELECT ${CONSULTATION_COLUMNS} FROM ${CONSULTATION_FROM} WHERE c.id = $1`, [id]);
    return (await this.hydrateConsultations(rows))[0] ?? null;
  }

  async projects(scope: Scope, gridId: string | null, status: ProjectStatus | null): Promise<Project[]> {
    scope.requireSignedIn();
    const path = gridId == null ? null : await this.publicPath(gridId, 'gridId');
    const rows: Project[] = await this.db.query(
      `SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM}
        WHERE ($1::ltree IS NULL OR p.grid_path <@ $1::ltree) AND ($2::text IS NULL OR p.status = $2)
        ORDER BY p.created_at DESC, p.id LIMIT ${MAX_LIST}`,
      [path, status],
    );
    return this.hydrateProjects(rows);
  }

  async project(scope: Scope, id: string): Promise<Project | null> {
    scope.requireSignedIn();
    if (!isUuid(id)) throw badInput('id', 'is not an id');
    const rows: Project[] = await this.db.query(`SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM} WHERE p.id = $1`, [id]);
    return (await this.hydrateProjects(rows))[0] ?? null;
  }

  // ─── Consultations ────────────────────────────────────────────────────────────────

  async convene(scope: Scope, input: ConveneConsultationInput): Promise<Consultation> {
    this.requireKeeper(scope);
    const topic = text(input.topic, 'input.topic', 200);
    if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) throw badInput('input.startsAt', 'must be a time');
    const address = optionalText(input.address, 'input.address', 200);
    const servicePostId = input.servicePostId == null ? null : uuid(input.servicePostId, 'input.servicePostId');
    if (!servicePostId && !address) throw badInput('input.address', 'give a party service post or an address');
    const caseIds = ids(input.caseIds, 'input.caseIds', MAX_CASES);
    if (!input.invitees?.length || input.invitees.length > MAX_INVITEES)
      throw badInput('input.invitees', `invite 1 to ${MAX_INVITEES} people or organisations`);
    const grid = await this.keptGrid(scope, input.gridId, 'input.gridId');
    let point = `(SELECT label_point FROM grid WHERE id = $1)`;
    if (servicePostId) {
      const [post] = await this.db.query(`SELECT id FROM party_service_post WHERE id = $1`, [servicePostId]);
      if (!post) throw badInput('input.servicePostId', 'no such party service post');
      point = `(SELECT point FROM party_service_post WHERE id = $2)`;
    }
    await this.checkCases(scope, caseIds, grid.path, 'input.caseIds');
    const invitees = await this.checkInvitees(scope, input.invitees);
    const id = await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(
        `INSERT INTO consultation (street_id, grid_id, grid_path, kind, topic, starts_at, service_post_id, address, case_ids, point,
                                   published, created_by)
         SELECT g.street_id, g.id, g.path, $3, $4, $5, $2, $6, $7::uuid[], ${point}, $8, $9 FROM grid g WHERE g.id = $1 RETURNING id`,
        [grid.id, servicePostId, input.kind, topic, input.startsAt, address, caseIds, input.published !== false, actorLabel(scope.viewer)],
      );
      for (const i of invitees)
        await m.query(
          `INSERT INTO consultation_invitee (consultation_id, grid_path, kind, resident_id, registration_id, organization_id, name, role)
           VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8)`,
          [row.id, grid.path, i.kind, i.residentId, i.registrationId, i.organizationId, i.name, i.role],
        );
      return row.id as string;
    });
    return (await this.consultation(scope, id))!;
  }

  async record(scope: Scope, id: string, version: number, input: RecordConsultationInput): Promise<Consultation> {
    this.requireKeeper(scope);
    const c = await this.keptConsultation(scope, id, 'id');
    if (c.version !== version) throw conflict('Consultation', id, version, c.version);
    const minutes = text(input.minutes, 'input.minutes', 8000);
    const attended = ids(input.attended, 'input.attended', MAX_INVITEES);
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM consultation_invitee WHERE consultation_id = $1 AND id = ANY($2::uuid[])`,
      [id, attended],
    );
    if (n !== attended.length) throw badInput('input.attended', 'names an invitation of another consultation');
    await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      await m.query(`UPDATE consultation_invitee SET attended = (id = ANY($2::uuid[])) WHERE consultation_id = $1`, [id, attended]);
      // TypeORM answers an UPDATE as [rows, count].
      const [, count] = await m.query(
        `UPDATE consultation SET status = 'HELD', minutes = $3, held_at = coalesce(held_at, now()), version = version + 1
          WHERE id = $1 AND version = $2`,
        [id, version, minutes],
      );
      if (count !== 1) throw conflict('Consultation', id, version, version + 1);
    });
    return (await this.consultation(scope, id))!;
  }

  async addResolution(scope: Scope, consultationId: string, input: ResolutionInput): Promise<Consultation> {
    this.requireKeeper(scope);
    const c = await this.keptConsultation(scope, consultationId, 'consultationId');
    if (c.status !== 'HELD') throw badInput('consultationId', 'record its attendance and minutes before its resolutions');
    const resolution = text(input.text, 'input.text', 1000);
    const ownerName = text(input.ownerName, 'input.ownerName', 200);
    const dueOn = day(input.dueOn, 'input.dueOn');
    let caseId: string | null = null;
    // A CASE resolution names an existing case, or waits for the new case reported for it (reportCase's resolutionId).
    if (input.carriedAs === ResolutionCarriedAs.CASE && input.caseId != null) {
      caseId = uuid(input.caseId, 'input.caseId');
      const visible = scope.whereRaw('Case', 'x', 2);
      const [seen] = await this.db.query(`SELECT 1 FROM "case" x WHERE x.id = $1 AND ${visible.sql}`, [caseId, ...visible.params]);
      if (!seen) throw missing('input.caseId', 'case', scope.seesAll);
    } else if (input.caseId != null && input.carriedAs !== ResolutionCarriedAs.CASE)
      throw badInput('input.caseId', 'only a resolution carried as a CASE names a case');
    await inTransaction(this.db, CONSTRAINT_FIELDS, (m) =>
      m.query(`INSERT INTO resolution (consultation_id, text, carried_as, owner_name, due_on, case_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        consultationId,
        resolution,
        input.carriedAs,
        ownerName,
        dueOn,
        caseId,
      ]),
    );
    return (await this.consultation(scope, consultationId))!;
  }

  async completeResolution(scope: Scope, id: string): Promise<Consultation> {
    this.requireKeeper(scope);
    if (!isUuid(id)) throw notFound('Resolution', id);
    const [r]: { consultationId: string; carriedAs: string; doneAt: Date | null }[] = await this.db.query(
      `SELECT consultation_id AS "consultationId", carried_as AS "carriedAs", done_at AS "doneAt" FROM resolution WHERE id = $1`,
      [id],
    );
    if (!r) throw notFound('Resolution', id);
    await this.keptConsultation(scope, r.consultationId, 'id');
    if (r.carriedAs !== ResolutionCarriedAs.TASK)
      throw badInput('id', 'only a TASK is marked done: a PROJECT is done when its project completes, a CASE when its case closes');
    if (r.doneAt) throw badInput('id', 'is already done');
    await inTransaction(this.db, CONSTRAINT_FIELDS, (m) =>
      m.query(`UPDATE resolution SET done_at = now() WHERE id = $1 AND done_at IS NULL`, [id]),
    );
    return (await this.consultation(scope, r.consultationId))!;
  }

  /**
   * A CASE resolution still waiting for its case, of a consultation the caller keeps, that a new report may carry out;
   * one already carried by this reporter's case of the same clientKey passes too (a retried report answers that case).
   */
  async caseResolution(scope: Scope, id: string, clientKey: string, field: string): Promise<string> {
    this.requireKeeper(scope);
    const resolutionId = uuid(id, field);
    const userId = scope.viewer.kind === 'user' ? scope.viewer.id : null;
    const [r]: { consultationId: string; carriedAs: string; caseId: string | null; retried: boolean }[] = await this.db.query(
      `SELECT r.consultation_id AS "consultationId", r.carried_as AS "carriedAs", r.case_id AS "caseId",
              EXISTS (SELECT 1 FROM "case" x WHERE x.id = r.case_id AND x.client_key = $2 AND x.reporter_user_id = $3) AS retried
         FROM resolution r WHERE r.id = $1`,
      [resolutionId, clientKey, userId],
    );
    if (!r) throw missing(field, 'resolution', scope.seesAll);
    await this.keptConsultation(scope, r.consultationId, field, true);
    if (r.carriedAs !== ResolutionCarriedAs.CASE) throw badInput(field, 'is not carried out as a case');
    if (r.caseId && !r.retried) throw badInput(field, 'already has its case');
    return resolutionId;
  }

  // ─── Projects ─────────────────────────────────────────────────────────────────────

  async createProject(scope: Scope, input: ProjectInput): Promise<Project> {
    this.requireKeeper(scope);
    const title = text(input.title, 'input.title', 200);
    const need = text(input.need, 'input.need', 2000);
    const leadOrganizationId = input.leadOrganizationId == null ? null : uuid(input.leadOrganizationId, 'input.leadOrganizationId');
    if (input.leadName == null && leadOrganizationId == null)
      throw badInput('input.leadName', 'name the lead: a person or an organisation');
    let leadName = input.leadName == null ? null : text(input.leadName, 'input.leadName', 200);
    const needId = input.needId == null ? null : uuid(input.needId, 'input.needId');
    const resolutionId = input.resolutionId == null ? null : uuid(input.resolutionId, 'input.resolutionId');
    const caseIds = ids(input.caseIds, 'input.caseIds', MAX_CASES);
    const grid = await this.keptGrid(scope, input.gridId, 'input.gridId');
    if (leadOrganizationId) {
      const organization = await this.organizationName(scope, leadOrganizationId, 'input.leadOrganizationId');
      leadName ??= organization;
    }
    if (needId) {
      const visible = scope.whereRaw('ServiceNeed', 'n', 2);
      const [seen] = await this.db.query(`SELECT 1 FROM service_need n WHERE n.id = $1 AND ${visible.sql}`, [needId, ...visible.params]);
      if (!seen) throw missing('input.needId', 'need', scope.seesAll);
    }
    await this.checkCases(scope, caseIds, grid.path, 'input.caseIds');
    if (resolutionId) {
      const [r]: { consultationId: string; carriedAs: string; taken: boolean }[] = await this.db.query(
        `SELECT r.consultation_id AS "consultationId", r.carried_as AS "carriedAs",
                EXISTS (SELECT 1 FROM project p WHERE p.resolution_id = r.id) AS taken
           FROM resolution r WHERE r.id = $1`,
        [resolutionId],
      );
      if (!r) throw missing('input.resolutionId', 'resolution', scope.seesAll);
      await this.keptConsultation(scope, r.consultationId, 'input.resolutionId', true);
      if (r.carriedAs !== ResolutionCarriedAs.PROJECT) throw badInput('input.resolutionId', 'is not carried out as a project');
      if (r.taken) throw badInput('input.resolutionId', 'already has its project');
    }
    const id = await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(
        `INSERT INTO project (street_id, grid_id, grid_path, title, need, need_id, case_ids, resolution_id, lead_name,
                              lead_organization_id, point, published, created_by)
         SELECT g.street_id, g.id, g.path, $2, $3, $4, $5::uuid[], $6, $7, $8, g.label_point, $9, $10 FROM grid g WHERE g.id = $1
         RETURNING id`,
        [
          grid.id,
          title,
          need,
          needId,
          caseIds,
          resolutionId,
          leadName,
          leadOrganizationId,
          input.published !== false,
          actorLabel(scope.viewer),
        ],
      );
      return row.id as string;
    });
    return (await this.project(scope, id))!;
  }

  async pledge(scope: Scope, projectId: string, input: PledgeInput): Promise<Project> {
    this.requireKeeper(scope);
    await this.keptProject(scope, projectId, 'projectId', true);
    if (!Number.isFinite(input.amount) || input.amount <= 0 || input.amount > 1e11)
      throw badInput('input.amount', 'must be a positive amount');
    const unit = text(input.unit, 'input.unit', 20);
    const description = optionalText(input.description, 'input.description', 500);
    const organizationId = input.organizationId == null ? null : uuid(input.organizationId, 'input.organizationId');
    if (input.pledgerName == null && organizationId == null) throw badInput('input.pledgerName', 'name the pledger');
    let pledgerName = input.pledgerName == null ? null : text(input.pledgerName, 'input.pledgerName', 200);
    if (organizationId) {
      const organization = await this.organizationName(scope, organizationId, 'input.organizationId');
      pledgerName ??= organization;
    } else if (input.pledgerKind === 'ORGANIZATION')
      throw badInput('input.organizationId', 'an organisation pledges by its registry entry');
    const registrationId = input.registrationId == null ? null : uuid(input.registrationId, 'input.registrationId');
    if (registrationId) {
      const visible = scope.whereRaw('ServiceRegistration', 'sr', 2);
      const [seen] = await this.db.query(`SELECT 1 FROM service_registration sr WHERE sr.id = $1 AND ${visible.sql}`, [
        registrationId,
        ...visible.params,
      ]);
      if (!seen) throw missing('input.registrationId', 'registration', scope.seesAll);
    }
    await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      await m.query(
        `INSERT INTO project_pledge (project_id, kind, amount, unit, description, pledger_kind, pledger_name, organization_id,
                                     registration_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          projectId,
          input.kind,
          Math.round(input.amount * 100) / 100,
          unit,
          description,
          input.pledgerKind,
          pledgerName,
          organizationId,
          registrationId,
        ],
      );
      await m.query(`UPDATE project SET version = version + 1 WHERE id = $1`, [projectId]);
    });
    return (await this.project(scope, projectId))!;
  }

  async addMilestone(scope: Scope, projectId: string, input: MilestoneInput): Promise<Project> {
    this.requireKeeper(scope);
    await this.keptProject(scope, projectId, 'projectId', true);
    const title = text(input.title, 'input.title', 200);
    const dueOn = day(input.dueOn, 'input.dueOn');
    await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      await m.query(`INSERT INTO project_milestone (project_id, title, due_on) VALUES ($1, $2, $3)`, [projectId, title, dueOn]);
      await m.query(`UPDATE project SET version = version + 1 WHERE id = $1`, [projectId]);
    });
    return (await this.project(scope, projectId))!;
  }

  async completeMilestone(scope: Scope, id: string, photos: string[] | null = null): Promise<Project> {
    this.requireKeeper(scope);
    if (!isUuid(id)) throw notFound('ProjectMilestone', id);
    const [ms]: { projectId: string; status: string }[] = await this.db.query(
      `SELECT project_id AS "projectId", status FROM project_milestone WHERE id = $1`,
      [id],
    );
    if (!ms) throw notFound('ProjectMilestone', id);
    await this.keptProject(scope, ms.projectId, 'id', true);
    if (ms.status !== 'PENDING') throw badInput('id', 'is already done');
    const bytes = decodeProgressPhotos(photos, 'photos');
    // The files first (content-addressed, stored once); those this call created go again if the transaction fails.
    const stored = await Promise.all(bytes.map((b) => this.storage.store(b)));
    const hashes = [...new Set(stored.map((s) => s.hash))];
    try {
      await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
        await m.query(`UPDATE project_milestone SET status = 'DONE', done_at = now() WHERE id = $1`, [id]);
        await m.query(
          `UPDATE project SET version = version + 1,
                  photos = photos || ARRAY(SELECT h FROM unnest($2::text[]) h WHERE NOT h = ANY(photos)) WHERE id = $1`,
          [ms.projectId, hashes],
        );
      });
    } catch (error) {
      await Promise.all(stored.filter((s) => s.created).map((s) => this.storage.remove(s.hash)));
      throw error;
    }
    return (await this.project(scope, ms.projectId))!;
  }

  async completeProject(scope: Scope, id: string, version: number, summary: string): Promise<Project> {
    this.requireKeeper(scope);
    const p = await this.keptProject(scope, id, 'id', false);
    if (p.version !== version) throw conflict('Project', id, version, p.version);
    if (p.status !== ProjectStatus.IN_PROGRESS) throw badInput('id', 'is already completed');
    const done = text(summary, 'summary', 4000);
    const [{ total, pending }] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'PENDING')::int AS pending
         FROM project_milestone WHERE project_id = $1`,
      [id],
    );
    if (total === 0) throw badInput('id', 'a project completes once it has milestones, all done');
    if (pending > 0) throw badInput('id', `${pending} milestone(s) not done yet`, { pending });
    await inTransaction(this.db, CONSTRAINT_FIELDS, async (m) => {
      const [, count] = await m.query(
        `UPDATE project SET status = 'COMPLETED', summary = $3, completed_at = now(), version = version + 1
          WHERE id = $1 AND version = $2`,
        [id, version, done],
      );
      if (count !== 1) throw conflict('Project', id, version, version + 1);
    });
    return (await this.project(scope, id))!;
  }

  // ─── Checks ───────────────────────────────────────────────────────────────────────

  private requireKeeper(scope: Scope): void {
    scope.requireSignedIn();
    const v = scope.viewer;
    if (v.kind !== 'user' || (v.role !== 'STREET_ADMIN' && v.role !== 'GRID_LEADER'))
      throw forbidden('consultations and projects are kept by street admins and the leaders of their compound or community');
  }

  /** The leader's grid paths, or null for a street admin (who keeps every row). */
  private keeperPaths(scope: Scope): string[] | null {
    const v = scope.viewer;
    return v.kind === 'user' && v.role === 'GRID_LEADER' ? v.gridPaths : null;
  }

  private async publicPath(gridId: string, field: string): Promise<string> {
    if (!isUuid(gridId)) throw badInput(field, 'is not an id');
    const [g] = await this.db.query(`SELECT path::text AS path FROM public_grid WHERE id = $1`, [gridId]);
    if (!g) throw badInput(field, 'no such grid');
    return g.path;
  }

  /** A compound or community the caller keeps: a leader's inside their grids. */
  private async keptGrid(scope: Scope, gridId: string, field: string): Promise<{ id: string; path: string }> {
    uuid(gridId, field);
    const visible = scope.whereRaw('Grid', 'g', 2);
    const [grid]: { id: string; path: string; level: string }[] = await this.db.query(
      `SELECT g.id, g.path::text AS path, g.level FROM grid g WHERE g.id = $1 AND ${visible.sql}`,
      [gridId, ...visible.params],
    );
    const paths = this.keeperPaths(scope);
    if (!grid || (paths && !under(grid.path, paths))) throw missing(field, 'grid', scope.seesAll);
    if (grid.level !== 'MEDIUM' && grid.level !== 'LARGE') throw badInput(field, 'must be a compound (MEDIUM) or community (LARGE) grid');
    return grid;
  }

  /**
   * The consultation named by `field`, which the caller must keep: one they cannot see is NOT_FOUND (the subject of
   * the mutation) or out of reach (a row it refers to); one they see but do not keep is FORBIDDEN.
   */
  private async keptConsultation(scope: Scope, id: string, field: string, referred = false): Promise<KeptRow> {
    const absent = () => (referred ? missing(field, 'consultation', scope.seesAll) : notFound('Consultation', id));
    if (!isUuid(id)) throw absent();
    const [c]: KeptRow[] = await this.db.query(`SELECT id, version, status, grid_path::text AS path FROM consultation WHERE id = $1`, [id]);
    if (!c) throw absent();
    const paths = this.keeperPaths(scope);
    if (paths && !under(c.path, paths)) throw forbidden(`${field}: kept by the leaders of its compound or community`);
    return c;
  }

  /** As keptConsultation, for a project; `open`: it must still be in progress. */
  private async keptProject(scope: Scope, id: string, field: string, open: boolean): Promise<KeptRow> {
    if (!isUuid(id)) throw notFound('Project', id);
    const [p]: KeptRow[] = await this.db.query(`SELECT id, version, status, grid_path::text AS path FROM project WHERE id = $1`, [id]);
    if (!p) throw notFound('Project', id);
    const paths = this.keeperPaths(scope);
    if (paths && !under(p.path, paths)) throw forbidden(`${field}: kept by the leaders of its compound or community`);
    if (open && p.status !== ProjectStatus.IN_PROGRESS) throw badInput(field, 'the project is completed');
    return p;
  }

  /** The name of a live organisation of the registry the caller sees (row-level security decides), else out of reach. */
  private async organizationName(scope: Scope, id: string, field: string): Promise<string> {
    const [o] = await this.db.query(`SELECT name FROM organization WHERE id = $1 AND archived_at IS NULL`, [id]);
    if (!o) throw missing(field, 'organisation', scope.seesAll);
    return o.name;
  }

  /** Cases the caller sees, inside the grid. */
  private async checkCases(scope: Scope, caseIds: string[], path: string, field: string): Promise<void> {
    if (!caseIds.length) return;
    const visible = scope.whereRaw('Case', 'x', 3);
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM "case" x WHERE x.id = ANY($1::uuid[]) AND x.grid_path <@ $2::ltree AND ${visible.sql}`,
      [caseIds, path, ...visible.params],
    );
    if (n !== caseIds.length) throw badInput(field, 'names a case that you cannot see or that lies outside the grid');
  }

  private async checkInvitees(scope: Scope, invitees: ConveneConsultationInput['invitees']): Promise<Omit<ConsultationInvitee, 'id'>[]> {
    const out: Omit<ConsultationInvitee, 'id'>[] = [];
    const seen = new Set<string>();
    for (const [index, i] of invitees.entries()) {
      const at = `input.invitees.${index}`;
      const role = optionalText(i.role, `${at}.role`, 100);
      const row = { consultationId: '', kind: i.kind, role, residentId: null, registrationId: null, organizationId: null, attended: null };
      if (i.kind === InviteeKind.RESIDENT) {
        const residentId = uuid(i.residentId ?? '', `${at}.residentId`);
        const visible = scope.whereRaw('Resident', 'r', 2);
        const [r] = await this.db.query(`SELECT r.name FROM resident r WHERE r.id = $1 AND ${visible.sql}`, [
          residentId,
          ...visible.params,
        ]);
        if (!r) throw missing(`${at}.residentId`, 'resident', scope.seesAll);
        if (seen.has(residentId)) throw badInput(`${at}.residentId`, 'is invited twice');
        seen.add(residentId);
        out.push({ ...row, residentId, name: r.name });
      } else if (i.kind === InviteeKind.PARTY_MEMBER) {
        const registrationId = uuid(i.registrationId ?? '', `${at}.registrationId`);
        const visible = scope.whereRaw('ServiceRegistration', 'sr', 2);
        const [r] = await this.db.query(`SELECT sr.name, sr.kind FROM service_registration sr WHERE sr.id = $1 AND ${visible.sql}`, [
          registrationId,
          ...visible.params,
        ]);
        if (!r) throw missing(`${at}.registrationId`, 'registration', scope.seesAll);
        if (r.kind !== 'MEMBER') throw badInput(`${at}.registrationId`, 'is not a registered party member (双报到)');
        if (seen.has(registrationId)) throw badInput(`${at}.registrationId`, 'is invited twice');
        seen.add(registrationId);
        out.push({ ...row, registrationId, name: r.name });
      } else {
        const organizationId = uuid(i.organizationId ?? '', `${at}.organizationId`);
        const name = await this.organizationName(scope, organizationId, `${at}.organizationId`);
        if (seen.has(organizationId)) throw badInput(`${at}.organizationId`, 'is invited twice');
        seen.add(organizationId);
        out.push({ ...row, organizationId, name });
      }
    }
    return out;
  }

  // ─── Hydration: one statement per kind of child, whatever the number of rows ──────

  private async hydrateConsultations(rows: Consultation[]): Promise<Consultation[]> {
    if (!rows.length) return rows;
    const idList = rows.map((r) => r.id);
    const [invitees, resolutions]: [ConsultationInvitee[], Resolution[]] = await Promise.all([
      this.db.query(
        `SELECT id, consultation_id AS "consultationId", kind, name, role, resident_id AS "residentId",
                registration_id AS "registrationId", organization_id AS "organizationId", attended
           FROM consultation_invitee WHERE consultation_id = ANY($1::uuid[]) ORDER BY kind, name, id`,
        [idList],
      ),
      this.db.query(
        `SELECT r.id, r.consultation_id AS "consultationId", r.text, r.carried_as AS "carriedAs", r.owner_name AS "ownerName",
                to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.case_id AS "caseId", x.number AS "caseNumber", x.status AS "caseStatus",
                p.id AS "projectId", p.title AS "projectTitle",
                CASE r.carried_as WHEN 'PROJECT' THEN p.completed_at
                  WHEN 'CASE' THEN CASE WHEN x.status IN ('CLOSED', 'RATED') THEN x.closed_at END ELSE r.done_at END AS "doneAt"
           FROM resolution r
           LEFT JOIN project p ON p.resolution_id = r.id
           LEFT JOIN "case" x ON x.id = r.case_id
          WHERE r.consultation_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
        [idList],
      ),
    ]);
    return rows.map((c) => {
      const own = resolutions.filter((r) => r.consultationId === c.id).map((r) => ({ ...r, done: r.doneAt != null }));
      return {
        ...c,
        invitees: invitees.filter((i) => i.consultationId === c.id),
        resolutions: own,
        openResolutions: own.filter((r) => !r.done).length,
      };
    });
  }

  private async hydrateProjects(rows: Project[]): Promise<Project[]> {
    if (!rows.length) return rows;
    const idList = rows.map((r) => r.id);
    const [pledges, milestones]: [ProjectPledge[], ProjectMilestone[]] = await Promise.all([
      this.db.query(
        `SELECT id, project_id AS "projectId", kind, amount::float8 AS amount, unit, description, pledger_kind AS "pledgerKind",
                pledger_name AS "pledgerName", organization_id AS "organizationId", registration_id AS "registrationId"
           FROM project_pledge WHERE project_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [idList],
      ),
      this.db.query(
        `SELECT id, project_id AS "projectId", title, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, done_at AS "doneAt"
           FROM project_milestone WHERE project_id = ANY($1::uuid[]) ORDER BY due_on, id`,
        [idList],
      ),
    ]);
    return rows.map((p) => ({
      ...p,
      pledges: pledges.filter((x) => x.projectId === p.id),
      milestones: milestones.filter((x) => x.projectId === p.id),
    }));
  }
}
