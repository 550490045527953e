import type { Db } from '../../platform/db/session';
import { elevated } from '../../platform/db/session';
import { isReporter } from '../../platform/identity/policy';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { ANONYMOUS, type Viewer } from '../../platform/identity/viewer';
import type { EntityManager } from 'typeorm';
import { paginate } from '../../platform/graphql/connection';
import type { CompileNodes } from '../../platform/graphql/compiled-read';
import { type SyncArgs, syncPage, withoutSync } from '../../platform/graphql/sync';
import { badInput, conflict, forbidden, notFound } from '../../platform/graphql/errors';
import { checkBBox, checkLngLat } from '../../platform/graphql/spatial-args';
import { inTransaction } from '../../platform/graphql/transaction';
import { text, UUID } from '../../platform/graphql/validate';
import type { EventBus } from '../../platform/events/bus';
import { Case, CaseCategory, type CaseEvent, CaseStatus, Department, OPEN_STATUSES } from './case.entity';
import { appendEvent, CASE_EVENTS, escalationGrid, EVENT_COLUMNS } from './case.events';
import { Grid } from '../grid/grid.entity';
import type { ReportCaseInput } from './case.input';
import { type CaseAction, limitHours, nextEscalation, TRANSITIONS } from './case.rules';
import { type Actor, ActorRole, RATING_RULE_ACTOR } from '../../platform/identity/actor';
import { contentHash, photoStorage, type PhotoStorage } from '../../platform/storage/photos';
import { type CaseConnection, CaseRules, type CaseRulesInput, type ReportCaseResult } from './case.type';

/** Possible duplicates: open cases of the same category this close (metres). */
export const DUPLICATE_RADIUS_M = 50;
const MAX_PHOTOS = 5;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** 事件编号: the report day (Beijing time) and its order that day in the street. */
export const CASE_NUMBER = /^\d{8}-\d{4,6}$/;

const NO_REPORTER = '00000000-0000-0000-0000-000000000000';
/**
 * Whose idempotency key a case's `client_key` is: the reporting account, else the department key,
 * else nobody (demo history). The unique index `case_reporter_client_key` is on (this, client_key).
 */
const REPORTER_KEY = `coalesce(reporter_user_id, reporter_key_id, '${NO_REPORTER}'::uuid)`;

const CONSTRAINT_FIELDS = {
  case_reporter_client_key: 'input.clientKey',
  case_building_id_fkey: 'input.buildingId',
  case_duplicate_of_fkey: 'duplicateOf',
};

export interface CaseFilter {
  gridId?: string | null;
  bbox?: number[] | null;
  status?: CaseStatus | null;
  category?: string | null;
  overdue?: boolean | null;
  /** Still needs work (OPEN_STATUSES): the command centre's 超期 queue is the overdue cases that are open. */
  open?: boolean | null;
  /** An extension request is waiting (the last extension event is EXTENSION_REQUESTED). */
  extensionRequested?: boolean | null;
  from?: Date | null;
  to?: Date | null;
  /** OLDEST (default): report order; NEWEST: newest first; URGENT: by priority (urgent first), newest first within one. */
  order?: CaseOrder | null;
  first?: number | null;
  after?: string | null;
}

export enum CaseOrder {
  OLDEST = 'OLDEST',
  NEWEST = 'NEWEST',
  URGENT = 'URGENT',
}

/** The largest bigint: `MAX - seq`, zero-padded, sorts newest first as text. */
const MAX_SEQ = 9223372036854775807n;
const PRIORITY_RANK: Record<string, string> = { URGENT: '0', HIGH: '1', NORMAL: '2' };
const NEWEST_KEY = `lpad((9223372036854775807 - c.seq)::text, 19, '0')`;
/**
 * The keyset each order pages on and the same key computed from a row for its cursor: OLDEST
 * and NEWEST on the case's sequence (its unique index read forwards or backwards, so the
 * newest 50 of a district's cases are 50 index entries, not a sort of them all); URGENT on one
 * ascending text key, digits only, so text comparison is the order whatever the collation.
 */
const ORDER_KEYS: Record<CaseOrder, { sql: string; of: (c: Case) => string; direction?: 'DESC' }> = {
  [CaseOrder.OLDEST]: { sql: 'c.seq', of: (c) => c.seq },
  [CaseOrder.NEWEST]: { sql: 'c.seq', of: (c) => c.seq, direction: 'DESC' },
  [CaseOrder.URGENT]: {
    sql: `(CASE c.priority WHEN 'URGENT' THEN '0' WHEN 'HIGH' THEN '1' ELSE '2' END) || ${NEWEST_KEY}`,
    of: (c) => `${PRIORITY_RANK[c.priority] ?? '2'}${newestKey(c)}`,
  },
};
function newestKey(c: Case): string {
  return (MAX_SEQ - BigInt(c.seq)).toString().padStart(19, '0');
}

/** What a transition may carry besides the version; each action reads its own. */
export interface TransitionParams {
  reason?: string | null;
  duplicateOf?: string | null;
  department?: string | null;
  /** DISPATCH: an organisation of the registry (a property company serving the case's grid). */
  organizationId?: string | null;
  /** MEDIATE: the mediation record whose agreement closes the case. */
  mediationId?: string | null;
  /** DISPATCH: a department of the registry. */
  departmentId?: string | null;
  /** DISPATCH: the grid leader assignment it goes to. */
  leaderId?: string | null;
  feedback?: string | null;
  rating?: number | null;
  comment?: string | null;
  newDueAt?: Date | null;
  /** HANDLE: photos of the work done, base64 (same limits as reportCase). */
  photos?: string[] | null;
}

/**
 * Cases: reporting (idempotent, routed to the small grid by point-in-polygon) and the
 * closed loop's transitions. Each change and its case_event row commit together; the
 * event is published on the bus after the commit.
 */
export class CaseService {
  constructor(
    private readonly ds: Db,
    private readonly bus: EventBus,
    private readonly storage: PhotoStorage = photoStorage(),
  ) {}

  /**
   * Reports a case. Idempotent per reporter: the same `clientKey` from the same account (or
   * department key) answers the case it already made; another reporter's key is theirs
   * alone and makes a new case. Photos are written only once everything else is valid,
   * inside the transaction, and removed again if it fails, so a refused report leaves none.
   * `carryOut` runs inside the same transaction once a new case is inserted (a resolution it carries out).
   */
  async report(
    input: ReportCaseInput,
    actor: Actor,
    reporter: Viewer = ANONYMOUS,
    carryOut?: (m: EntityManager, caseId: string) => Promise<void>,
  ): Promise<ReportCaseResult> {
    checkActor(actor);
    const clientKey = text(input.clientKey, 'input.clientKey', 200);
    const description = text(input.description, 'input.description', 4000);
    const address = input.address == null ? null : text(input.address, 'input.address', 500);
    const reporterName = input.reporterName == null ? null : text(input.reporterName, 'input.reporterName', 100);
    checkLngLat(input.lng, input.lat, 'input');
    if (input.buildingId != null && !UUID.test(input.buildingId)) throw badInput('input.buildingId', 'is not an id');
    const photoBytes = decodePhotos(input.photos, 'input.photos');
    const userId = reporter.kind === 'user' ? reporter.id : null;
    const keyId = reporter.kind === 'department' ? reporter.keyId : null;
    const own = (m: Db) =>
      m
        .getRepository(Case)
        .createQueryBuilder('c')
        .where(`${REPORTER_KEY} = :reporter AND c.client_key = :clientKey`, { reporter: userId ?? keyId ?? NO_REPORTER, clientKey })
        .getOne();

    const found = await own(this.ds);
    if (found) return { case: found, created: false, possibleDuplicates: await this.duplicatesOf(found) };

    const photos = photoBytes.map(contentHash);
    /** Files this report created, removed again if it fails. */
    const written: string[] = [];
    let result: { row: Case; event: CaseEvent | null };
    try {
      result = await inTransaction(this.ds, CONSTRAINT_FIELDS, async (m) => {
        const category = await m.getRepository(CaseCategory).findOneBy({ code: input.category });
        if (!category) throw badInput('input.category', 'is not a category code (see caseCategories)');
        if (input.buildingId != null) {
          const [b] = await m.query(`SELECT 1 FROM building WHERE id = $1`, [input.buildingId]);
          if (!b) throw badInput('input.buildingId', 'no such building');
        }
        // Routing: a report goes to the small grid that covers its point, whether or not the reporter sees that grid.
        const [grid]: { id: string; path: string }[] = await elevated(m, () =>
          m.query(
            `SELECT id, path::text AS path FROM grid
              WHERE level = 'SMALL' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
              ORDER BY code LIMIT 1`,
            [input.lng, input.lat],
          ),
        );
        if (!grid) throw badInput('input.lng', 'the point lies in no small grid of any street', { lng: input.lng, lat: input.lat });
        const inserted: { id: string }[] = await m.query(
          `INSERT INTO "case" (client_key, category, source, priority, status, description, address, building_id, reporter_name, photos,
                               location, grid_id, grid_path, reporter_user_id, reporter_key_id)
           VALUES ($1, $2, $3, $4, 'REPORTED', $5, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 4326), $12, $13::ltree, $14, $15)
           ON CONFLICT ((${REPORTER_KEY}), client_key) DO NOTHING
           RETURNING id`,
          [
            clientKey,
            category.code,
            input.source,
            input.priority,
            description,
            address,
            input.buildingId ?? null,
            reporterName,
            photos,
            input.lng,
            input.lat,
            grid.id,
            grid.path,
            userId,
            keyId,
          ],
        );
        if (!inserted.length) {
          // The same reporter's retry committed first: answer its case.
          const existing = await own(m);
          if (!existing) throw badInput('input.clientKey', 'already exists');
          return { row: existing, event: null };
        }
        if (carryOut) await carryOut(m, inserted[0].id);
        for (const bytes of photoBytes) {
          const stored = await this.storage.store(bytes);
          if (stored.created) written.push(stored.hash);
        }
        const event = await appendEvent(m, inserted[0].id, { type: 'REPORTED', fromStatus: null, actor, note: description });
        return { row: await m.getRepository(Case).findOneByOrFail({ id: inserted[0].id }), event };
      });
    } catch (error) {
      await Promise.all(written.map((hash) => this.storage.remove(hash)));
      throw error;
    }
    const { row, event } = result;
    if (event) await this.bus.publish(CASE_EVENTS, [event]);
    return { case: row, created: event !== null, possibleDuplicates: await this.duplicatesOf(row) };
  }

  /** Open cases of the same category within DUPLICATE_RADIUS_M of this one, nearest first. */
  async duplicatesOf(c: Case): Promise<Case[]> {
    return (
      this.ds
        .getRepository(Case)
        .createQueryBuilder('c')
        .innerJoin(Case, 'me', 'me.id = :id', { id: c.id })
        .where('c.id <> me.id AND c.category = me.category AND c.status IN (:...open)', { open: OPEN_STATUSES })
        // A box of ≥ 55 m each way lets the GiST index narrow before the exact geodesic test.
        .andWhere('c.location && ST_Expand(me.location, 0.0005 / greatest(cos(radians(ST_Y(me.location))), 0.01), 0.0005)')
        .andWhere('ST_DWithin(c.location::geography, me.location::geography, :r)', { r: DUPLICATE_RADIUS_M })
        .orderBy('ST_Distance(c.location::geography, me.location::geography)', 'ASC')
        .limit(20)
        .getMany()
    );
  }

  /**
   * One step of the closed loop. Checks, in order: the actor's role may take `action`
   * (else FORBIDDEN), the case exists, `version` is current (else CONFLICT), and the
   * case's status allows the action. Nothing is written unless all hold.
   */
  async transition(id: string, version: number, actor: Actor, action: CaseAction, params: TransitionParams = {}): Promise<Case> {
    checkActor(actor);
    const rule = TRANSITIONS[action];
    if (!rule.roles.includes(actor.role)) {
      throw forbidden(`${actor.role} may not ${action.toLowerCase()} a case; allowed: ${rule.roles.join(', ')}`);
    }
    const checked = checkParams(action, params);
    if (!UUID.test(id)) throw notFound('Case', id);
    const photoBytes = action === 'HANDLE' ? decodePhotos(params.photos, 'photos') : [];
    // Stored before the transaction (content-addressed, so a failed step leaves only an unreferenced file).
    const photos = [...new Set(await Promise.all(photoBytes.map((b) => this.storage.put(b))))];
    const { row, events } = await inTransaction(this.ds, CONSTRAINT_FIELDS, (m) =>
      this.step(m, id, version, actor, action, checked, photos),
    );
    await this.bus.publish(CASE_EVENTS, events);
    return row;
  }

  /**
   * A step of the closed loop taken inside another domain's transaction (a mediation record's
   * agreement closes its dispute): the same checks and event as `transition`; the caller
   * publishes the events once its transaction has committed (`publishCaseEvents`).
   */
  async transitionWithin(
    m: EntityManager,
    id: string,
    version: number,
    actor: Actor,
    action: CaseAction,
    params: TransitionParams = {},
  ): Promise<{ row: Case; events: CaseEvent[] }> {
    checkActor(actor);
    const rule = TRANSITIONS[action];
    if (!rule.roles.includes(actor.role)) {
      throw forbidden(`${actor.role} may not ${action.toLowerCase()} a case; allowed: ${rule.roles.join(', ')}`);
    }
    if (action === 'HANDLE' && params.photos?.length) throw badInput('photos', 'photos go through handleCase');
    const checked = checkParams(action, params);
    if (!UUID.test(id)) throw notFound('Case', id);
    return this.step(m, id, version, actor, action, checked, []);
  }

  /** Publishes committed case events on the bus (after `transitionWithin`'s transaction). */
  async publishCaseEvents(events: CaseEvent[]): Promise<void> {
    if (events.length) await this.bus.publish(CASE_EVENTS, events);
  }

  private async step(
    m: EntityManager,
    id: string,
    version: number,
    actor: Actor,
    action: CaseAction,
    checked: ReturnType<typeof checkParams>,
    photos: string[],
  ): Promise<{ row: Case; events: CaseEvent[] }> {
    const rule = TRANSITIONS[action];
    {
      const c = await m.getRepository(Case).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
      if (!c) throw notFound('Case', id);
      if (c.version !== version) throw conflict('Case', id, version, c.version);
      if (action === 'RATE' && !isReporter(actor.userId, c.reporterUserId)) throw forbidden('only the person who reported a case rates it');
      if (!rule.from.includes(c.status)) {
        throw badInput('id', `a ${c.status} case cannot be taken through ${action}; it must be ${rule.from.join(' or ')}`, {
          status: c.status,
        });
      }
      const change = await changeFor(m, action, c, checked, photos);
      const sets = [...change.sets, 'version = version + 1', 'updated_at = now()'];
      if (rule.to) sets.push(`status = '${rule.to}'`);
      await m.query(`UPDATE "case" SET ${sets.join(', ')} WHERE id = $1`, [id, ...change.values]);
      const events = [await appendEvent(m, id, { type: rule.event, fromStatus: c.status, actor, note: change.note, data: change.data })];
      if (action === 'RATE') {
        const rework = await reworkOnRating(m, c, checked.rating!);
        if (rework) events.push(rework);
      }
      return { row: await m.getRepository(Case).findOneByOrFail({ id }), events };
    }
  }

  /** The street's case rules (the defaults where the street has set none). */
  async rules(streetId: string): Promise<CaseRules> {
    if (!UUID.test(streetId)) throw badInput('streetId', 'is not an id');
    const [row]: RuleRow[] = await this.ds.query(`SELECT ${RULE_COLUMNS} FROM case_rule WHERE street_id = $1`, [streetId]);
    return rulesOf(streetId, row);
  }

  /** Sets the street's case rules (STREET_ADMIN; the database's policy refuses anyone else). */
  async setRules(streetId: string, input: CaseRulesInput, actor: Actor): Promise<CaseRules> {
    if (!UUID.test(streetId)) throw badInput('streetId', 'is not an id');
    const at = input.reworkRatingAtMost;
    if (at != null && !(Number.isInteger(at) && at >= 1 && at <= 4))
      throw badInput('reworkRatingAtMost', 'must be 1 to 4, or null for no rule');
    if (!(Number.isInteger(input.reworkTimes) && input.reworkTimes >= 0 && input.reworkTimes <= 5))
      throw badInput('reworkTimes', 'must be 0 to 5');
    return inTransaction(this.ds, {}, async (m) => {
      const [street] = await m.query(`SELECT 1 FROM street WHERE id = $1`, [streetId]);
      if (!street) throw notFound('Street', streetId);
      const [row]: RuleRow[] = await m.query(
        `INSERT INTO case_rule (street_id, rework_rating_at_most, rework_times, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (street_id) DO UPDATE
           SET rework_rating_at_most = $2, rework_times = $3, updated_by = $4, updated_at = now()
         RETURNING ${RULE_COLUMNS}`,
        [streetId, at ?? null, input.reworkTimes, actor.userId ?? null],
      );
      return rulesOf(streetId, row);
    });
  }

  /**
   * The case numbered `number` (事件编号) among those `scope` lets the caller see; numbers are
   * unique per street, so on an installation of several streets `streetCode` names which.
   */
  async byNumber(number: string, scope: Scope, streetCode?: string | null): Promise<Case | null> {
    const n = number.trim();
    if (!CASE_NUMBER.test(n)) throw badInput('number', 'is not a case number (YYYYMMDD-NNNN)');
    if (streetCode != null && !/^\d{9}$/.test(streetCode)) throw badInput('streetCode', 'is not a street code (9 digits)');
    const qb = applyScope(this.ds.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c').andWhere('c.number = :n', { n });
    if (streetCode != null) qb.andWhere('subpath(c.grid_path, 0, 1) = text2ltree(:street)', { street: `s${streetCode}` });
    return qb.orderBy('c.grid_path').limit(1).getOne();
  }

  /**
   * A page of the cases matching `filter` among those `scope` lets the caller see. With
   * `compile`, the nodes are built as the query selects them in the page's statement when the
   * selection compiles; else, with `withGrid`, each case's small grid (as the caller may see it:
   * the grid's scope in the join; null when hidden) comes in the same statement, as `gridOf`.
   */
  async list(
    filter: CaseFilter,
    scope: Scope,
    sync?: SyncArgs,
    opts: { withGrid?: boolean; compile?: CompileNodes } = {},
  ): Promise<CaseConnection> {
    const bbox = checkBBox(filter.bbox);
    if (filter.from && filter.to && filter.from >= filter.to) throw badInput('from', 'must be before to');
    const qb = applyScope(this.ds.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c');
    if (filter.gridId) {
      if (!UUID.test(filter.gridId)) throw badInput('gridId', 'is not an id');
      qb.andWhere('c.grid_path <@ (SELECT path FROM grid WHERE id = :gridId)', { gridId: filter.gridId });
    }
    if (bbox) qb.andWhere('c.location && ST_MakeEnvelope(:w, :s, :e, :n, 4326)', { w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3] });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.overdue != null) {
      const overdue = `(c.overdue OR (c.status IN (:...open) AND c.due_at < now()))`;
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { open: OPEN_STATUSES });
    }
    if (filter.open != null) qb.andWhere(`c.status ${filter.open ? 'IN' : 'NOT IN'} (:...openStatuses)`, { openStatuses: OPEN_STATUSES });
    if (filter.extensionRequested != null) {
      const pending = `(c.status IN (:...extendable) AND (SELECT e.type FROM case_event e
          WHERE e.case_id = c.id AND e.type IN ('EXTENSION_REQUESTED', 'EXTENDED', 'EXTENSION_DECLINED')
          ORDER BY e.id DESC LIMIT 1) = 'EXTENSION_REQUESTED')`;
      qb.andWhere(filter.extensionRequested ? pending : `NOT ${pending}`, { extendable: TRANSITIONS.EXTEND.from });
    }
    if (filter.from) qb.andWhere('c.reported_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('c.reported_at < :to', { to: filter.to });
    if (sync?.changedSince != null) {
      return syncPage(
        this.ds,
        sync.config,
        qb,
        'c',
        { kind: 'Case', underGridId: filter.gridId },
        { ...filter, changedSince: sync.changedSince },
      );
    }
    const key = ORDER_KEYS[filter.order ?? CaseOrder.OLDEST];
    if (!key) throw badInput('order', 'is not an order');
    const compiled = opts.compile?.('c');
    if (compiled) return withoutSync(await paginate(qb, key.sql, key.of, filter, key.direction, compiled));
    if (opts.withGrid) {
      const visible = scope.where('Grid', 'cg');
      qb.leftJoinAndMapOne('c.gridOf', Grid, 'cg', `cg.id = c.grid_id AND (${visible.sql})`, visible.params);
    }
    return withoutSync(await paginate(qb, key.sql, key.of, filter, key.direction));
  }

  /**
   * The newest `first` events (newest first) of cases `scope` lets the caller see, optionally
   * in a grid's subtree: what a live feed shows before subscribing with `after` = the newest id.
   */
  async recentEvents(scope: Scope, first: number, gridId?: string | null): Promise<CaseEvent[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be 1 to 100');
    if (gridId != null && !UUID.test(gridId)) throw badInput('gridId', 'is not an id');
    const visible = scope.whereRaw('Case', 'c', 3);
    return this.ds.query(
      `SELECT ${EVENT_COLUMNS} FROM case_event
        WHERE ($2::uuid IS NULL OR grid_path <@ (SELECT path FROM grid WHERE id = $2::uuid))
          AND EXISTS (SELECT 1 FROM "case" c WHERE c.id = case_event.case_id AND ${visible.sql})
        ORDER BY case_event.id DESC LIMIT $1`,
      [first, gridId ?? null, ...visible.params],
    );
  }

  /** The department registry by code; with `category`, only those handling it. */
  departments(category?: string | null): Promise<Department[]> {
    const qb = this.ds.getRepository(Department).createQueryBuilder('d').orderBy('d.code');
    if (category != null) qb.where(':category = ANY(d.categories)', { category: text(category, 'category', 100) });
    return qb.getMany();
  }

  categories(): Promise<CaseCategory[]> {
    return this.ds.getRepository(CaseCategory).find({ order: { sort: 'ASC' } });
  }
}

interface Change {
  sets: string[];
  values: unknown[];
  note?: string | null;
  data?: Record<string, unknown>;
}

/** The columns an action changes, as `col = $n` with values from $2 on ($1 is the id). */
async function changeFor(m: EntityManager, action: CaseAction, c: Case, p: TransitionParams, photos: string[] = []): Promise<Change> {
  switch (action) {
    case 'FILE': {
      const category = await m.getRepository(CaseCategory).findOneByOrFail({ code: c.category });
      const hours = limitHours(category, c.priority);
      return { sets: ['filed_at = now()', `due_at = now() + make_interval(hours => $2)`], values: [hours], data: { limitHours: hours } };
    }
    case 'REJECT': {
      if (p.duplicateOf != null) {
        if (p.duplicateOf === c.id) throw badInput('duplicateOf', 'a case cannot duplicate itself');
        const [orig] = await m.query(`SELECT 1 FROM "case" WHERE id = $1`, [p.duplicateOf]);
        if (!orig) throw badInput('duplicateOf', 'no such case');
      }
      return {
        sets: ['reject_reason = $2', 'duplicate_of = $3'],
        values: [p.reason, p.duplicateOf ?? null],
        note: p.reason,
        data: { duplicateOf: p.duplicateOf ?? null },
      };
    }
    case 'DISPATCH': {
      const leader = p.leaderId ? await chainLeader(m, c, p.leaderId) : null;
      const registered = await registeredDepartment(m, p);
      const organization = p.organizationId ? await servingOrganization(m, c, p.organizationId) : null;
      const department = registered?.name ?? null;
      return {
        sets: [
          'dispatched_at = coalesce(dispatched_at, now())',
          'department = coalesce($2, department)',
          'assigned_leader_id = coalesce($3, assigned_leader_id)',
          'assigned_leader_name = coalesce($4, assigned_leader_name)',
          'department_id = coalesce($5, department_id)',
          'organization_id = coalesce($6, organization_id)',
        ],
        values: [department, leader?.id ?? null, leader?.name ?? null, registered?.id ?? null, organization?.id ?? null],
        note: leader?.name ?? department ?? organization?.name ?? null,
        data: {
          department,
          departmentId: registered?.id ?? null,
          leaderId: leader?.id ?? null,
          leaderName: leader?.name ?? null,
          ...(organization ? { organizationId: organization.id, organizationName: organization.name } : {}),
        },
      };
    }
    case 'START':
      return { sets: [], values: [] };
    case 'HANDLE':
      return {
        // The handler's photos join the case's (the report's first); the event says which came with handling.
        sets: [
          'feedback = $2',
          'handled_at = now()',
          'photos = photos || ARRAY(SELECT h FROM unnest($3::text[]) AS h WHERE h <> ALL(photos))',
        ],
        values: [p.feedback, photos],
        note: p.feedback,
        data: photos.length ? { photos } : undefined,
      };
    case 'RETURN':
      return { sets: ['rework_count = rework_count + 1'], values: [], note: p.reason };
    case 'MEDIATE':
      return {
        sets: ['closed_at = now()'],
        values: [],
        note: p.comment ?? null,
        data: { onTime: c.dueAt == null || new Date() <= c.dueAt, mediationId: p.mediationId ?? null },
      };
    case 'CLOSE':
      return {
        sets: ['closed_at = now()'],
        values: [],
        note: p.comment ?? null,
        data: { onTime: c.dueAt == null || new Date() <= c.dueAt },
      };
    case 'RATE':
      return {
        sets: ['rating = $2', 'rating_comment = $3', 'rated_at = now()'],
        values: [p.rating, p.comment ?? null],
        note: p.comment ?? null,
        data: { rating: p.rating },
      };
    case 'ESCALATE': {
      const registered = await registeredDepartment(m, p);
      const escalatedTo = registered ? 'DEPARTMENT' : nextEscalation(c.escalatedTo);
      const grid = await escalationGrid(m, c.gridPath, escalatedTo);
      return {
        sets: ['escalated_to = $2', 'department = coalesce($3, department)', 'department_id = coalesce($4, department_id)'],
        values: [escalatedTo, registered?.name ?? null, registered?.id ?? null],
        note: p.reason,
        data: { escalatedTo, toGridId: grid?.id ?? null, toGridCode: grid?.code ?? null, department: registered?.name ?? null },
      };
    }
    case 'REQUEST_EXTENSION': {
      if (await pendingRequest(m, c.id))
        throw badInput('id', 'an extension request is already pending; the command centre must approve or decline it first');
      if (c.dueAt && p.newDueAt! <= c.dueAt)
        throw badInput('until', 'must be later than the current deadline', { dueAt: c.dueAt.toISOString() });
      return { sets: [], values: [], note: p.reason, data: { until: p.newDueAt!.toISOString(), dueAt: c.dueAt?.toISOString() ?? null } };
    }
    case 'DECLINE_EXTENSION': {
      const pending = await pendingRequest(m, c.id);
      if (!pending) throw badInput('id', 'no extension request is pending');
      return { sets: [], values: [], note: p.reason, data: { requestId: pending.id } };
    }
    case 'EXTEND':
      if (c.dueAt && p.newDueAt! <= c.dueAt)
        throw badInput('newDueAt', 'must be later than the current deadline', { dueAt: c.dueAt.toISOString() });
      return {
        sets: ['due_at = $2', 'extension_count = extension_count + 1', 'overdue = false'],
        values: [p.newDueAt],
        note: p.reason,
        data: { previousDueAt: c.dueAt?.toISOString() ?? null, newDueAt: p.newDueAt!.toISOString() },
      };
  }
}

/**
 * The registry's department a step names, by id or (the older argument) by its exact name: a
 * name the registry does not hold is refused, so every case's department is a party that can
 * sign in and see it (no free text).
 */
/**
 * A property company the case may be dispatched to: live, serving the case's grid or a grid above it
 * (organization_grid). Read as the street's structure (a small grid's leader may not see an unpublished
 * company of their compound): the id is checked against the case, which the caller sees.
 */
async function servingOrganization(m: EntityManager, c: Case, organizationId: string): Promise<{ id: string; name: string }> {
  if (c.category !== 'PROPERTY') throw badInput('organizationId', 'only property cases (PROPERTY) go to a property company');
  const [org]: { id: string; name: string }[] = await elevated(m, () =>
    m.query(
      `SELECT o.id, o.name FROM organization o
        WHERE o.id = $1 AND o.kind = 'PROPERTY_COMPANY' AND o.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM organization_grid og JOIN grid g ON g.id = og.grid_id
                       WHERE og.organization_id = o.id AND g.path @> $2::ltree)`,
      [organizationId, c.gridPath],
    ),
  );
  if (!org) throw badInput('organizationId', 'is not a property company serving the case’s grid');
  return org;
}

async function registeredDepartment(m: EntityManager, p: TransitionParams): Promise<Department | null> {
  if (p.departmentId != null) {
    const found = await m.getRepository(Department).findOneBy({ id: p.departmentId });
    if (!found) throw badInput('departmentId', 'no such department (see departments)');
    return found;
  }
  if (p.department == null) return null;
  const found = await m.getRepository(Department).findOneBy({ name: p.department });
  if (!found) throw badInput('department', 'is not a department of the registry (see departments); name one by departmentId');
  return found;
}

/**
 * A grid leader the case may be dispatched to: serving now (no end date) on the case's
 * small grid or a grid above it. One the caller cannot see reads as missing.
 */
async function chainLeader(m: EntityManager, c: Case, leaderId: string): Promise<{ id: string; name: string }> {
  const [leader]: { id: string; name: string }[] = await m.query(
    `SELECT l.id, l.name FROM grid_leader l JOIN grid g ON g.id = l.grid_id
      WHERE l.id = $1 AND l.until IS NULL AND g.path @> $2::ltree`,
    [leaderId, c.gridPath],
  );
  if (!leader) throw badInput('leaderId', 'is not a serving leader of this case’s grid or a grid above it');
  return leader;
}

/**
 * The case's extension request still waiting for the command centre: the last
 * EXTENSION_REQUESTED not followed by EXTENDED or EXTENSION_DECLINED.
 */
async function pendingRequest(m: EntityManager, caseId: string): Promise<{ id: string } | null> {
  const [last]: { id: string; type: string }[] = await m.query(
    `SELECT id::text AS id, type FROM case_event
      WHERE case_id = $1 AND type IN ('EXTENSION_REQUESTED', 'EXTENDED', 'EXTENSION_DECLINED')
      ORDER BY case_event.id DESC LIMIT 1`,
    [caseId],
  );
  return last?.type === 'EXTENSION_REQUESTED' ? { id: last.id } : null;
}

/** Validates what each action needs before any database work. */
function checkParams(action: CaseAction, p: TransitionParams): TransitionParams {
  const out = { ...p };
  if (['REJECT', 'RETURN', 'EXTEND', 'ESCALATE', 'REQUEST_EXTENSION', 'DECLINE_EXTENSION'].includes(action)) {
    out.reason = text(p.reason ?? '', 'reason', 2000);
  }
  if (action === 'REJECT' && p.duplicateOf != null && !UUID.test(p.duplicateOf)) throw badInput('duplicateOf', 'is not an id');
  if (action === 'HANDLE') out.feedback = text(p.feedback ?? '', 'feedback', 4000);
  if (action === 'RATE' && !(Number.isInteger(p.rating) && p.rating! >= 1 && p.rating! <= 5))
    throw badInput('rating', 'must be an integer from 1 to 5');
  if (p.department != null) out.department = text(p.department, 'department', 200);
  if (p.leaderId != null && !UUID.test(p.leaderId)) throw badInput('leaderId', 'is not an id');
  if (p.departmentId != null && !UUID.test(p.departmentId)) throw badInput('departmentId', 'is not an id');
  if (p.departmentId != null && p.department != null) throw badInput('departmentId', 'name a department by id or by name, not both');
  if (p.leaderId != null && (p.department != null || p.departmentId != null))
    throw badInput('leaderId', 'dispatch to a leader or to a department, not both');
  if (p.organizationId != null && !UUID.test(p.organizationId)) throw badInput('organizationId', 'is not an id');
  if (p.organizationId != null && (p.leaderId != null || p.department != null || p.departmentId != null))
    throw badInput('organizationId', 'dispatch to an organisation, a leader or a department: one of them');
  if (p.comment != null) out.comment = text(p.comment, 'comment', 2000);
  if (action === 'EXTEND' || action === 'REQUEST_EXTENSION') {
    const field = action === 'EXTEND' ? 'newDueAt' : 'until';
    if (!p.newDueAt || Number.isNaN(p.newDueAt.getTime())) throw badInput(field, 'is required');
    if (p.newDueAt.getTime() <= Date.now()) throw badInput(field, 'must be in the future');
  }
  return out;
}

function checkActor(actor: Actor): void {
  if (!Object.values(ActorRole).includes(actor.role)) throw badInput('actor.role', 'is not a role');
  text(actor.name, 'actor.name', 100);
}

function decodePhotos(photos: string[] | null | undefined, field: string): Buffer[] {
  if (!photos?.length) return [];
  if (photos.length > MAX_PHOTOS) throw badInput(field, `at most ${MAX_PHOTOS} photos`);
  return photos.map((p, i) => {
    const bytes = Buffer.from(p, 'base64');
    if (!bytes.length || bytes.length > MAX_PHOTO_BYTES || bytes.toString('base64').replace(/=+$/, '') !== p.replace(/=+$/, '')) {
      throw badInput(`${field}.${i}`, 'must be base64 of at most 5 MB');
    }
    return bytes;
  });
}

/** What the street's rules say when it has set none: a rating of 1 or 2 sends the case back once. */
export const DEFAULT_CASE_RULES = { reworkRatingAtMost: 2, reworkTimes: 1 } as const;

interface RuleRow {
  reworkRatingAtMost: number | null;
  reworkTimes: number;
  updatedAt: Date | null;
}
const RULE_COLUMNS = `rework_rating_at_most AS "reworkRatingAtMost", rework_times AS "reworkTimes", updated_at AS "updatedAt"`;

function rulesOf(streetId: string, row: RuleRow | undefined): CaseRules {
  return Object.assign(new CaseRules(), {
    streetId,
    reworkRatingAtMost: row ? row.reworkRatingAtMost : DEFAULT_CASE_RULES.reworkRatingAtMost,
    reworkTimes: row ? row.reworkTimes : DEFAULT_CASE_RULES.reworkTimes,
    updatedAt: row?.updatedAt ?? null,
  });
}

/**
 * 不满意返工: a rating at or below the street's threshold sends the just-rated case back to
 * work (RATED → IN_PROGRESS) as the system, with a fresh time limit, counted as rework — at most
 * `reworkTimes` times for one case (counted from the rule's own RETURNED events), after which the
 * rating stands and the command centre decides. Runs in the rating's transaction.
 */
async function reworkOnRating(m: EntityManager, c: Case, rating: number): Promise<CaseEvent | null> {
  const [rule]: { atMost: number | null; times: number; done: number }[] = await m.query(
    `SELECT r.at_most AS "atMost", r.times,
            (SELECT count(*)::int FROM case_event e
              WHERE e.case_id = $1 AND e.type = 'RETURNED' AND e.actor_role = 'SYSTEM' AND e.actor_name = $2) AS done
       FROM "case" c
       LEFT JOIN street s ON s.code = substring(ltree2text(subpath(c.grid_path, 0, 1)) FROM 2)
       LEFT JOIN case_rule cr ON cr.street_id = s.id
       CROSS JOIN LATERAL (SELECT CASE WHEN cr.street_id IS NULL THEN $3::int ELSE cr.rework_rating_at_most END AS at_most,
                                  coalesce(cr.rework_times, $4::int) AS times) r
      WHERE c.id = $1`,
    [c.id, RATING_RULE_ACTOR.name, DEFAULT_CASE_RULES.reworkRatingAtMost, DEFAULT_CASE_RULES.reworkTimes],
  );
  if (!rule || rule.atMost == null || rating > rule.atMost || rule.done >= rule.times) return null;
  const category = await m.getRepository(CaseCategory).findOneByOrFail({ code: c.category });
  const hours = limitHours(category, c.priority);
  await m.query(
    `UPDATE "case" SET status = 'IN_PROGRESS', rework_count = rework_count + 1, closed_at = NULL, overdue = false,
                       due_at = now() + make_interval(hours => $2), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [c.id, hours],
  );
  return appendEvent(m, c.id, {
    type: 'RETURNED',
    fromStatus: CaseStatus.RATED,
    actor: RATING_RULE_ACTOR,
    note: null,
    data: { rating, reworkRatingAtMost: rule.atMost, limitHours: hours },
  });
}
