import type { Db } from '../../../platform/db/session';
import { elevated } from '../../../platform/db/session';
import type { EntityManager } from 'typeorm';
import { paginate, type ConnectionShape } from '../../../platform/graphql/connection';
import { badInput, conflict, forbidden, missing, notFound } from '../../../platform/graphql/errors';
import { inTransaction } from '../../../platform/graphql/transaction';
import type { Actor } from '../../../platform/identity/actor';
import { type MatchCandidate, type MatchProblem, matchQuality, solveGreedy, solveOptimal } from './matching.model';
import type { MatchRun } from '../service.type';
import { MatchMethod, MatchStatus, NeedRecurrence, ServiceMatch, URGENCY_WEIGHT, type NeedUrgency } from '../service.entity';
import { announceServiceEvents, appendServiceEvent } from '../service.events';
import type { Scope } from '../../../platform/identity/scope';
import { allow, checkPeriod, formatWindow, optionalText, requireInPaths, text, type ServiceAction } from '../service.rules';
import { checkOwner, SERVICE_CONSTRAINT_FIELDS, UUID } from '../service.service';

/** Statuses that hold a need (and a helper's capacity) for a week. */
export const LIVE_MATCH = [MatchStatus.PROPOSED, MatchStatus.CONFIRMED, MatchStatus.ACCEPTED, MatchStatus.DONE];

const MATCH_CONSTRAINT_FIELDS = {
  ...SERVICE_CONSTRAINT_FIELDS,
  service_match_live_idx: 'id',
  service_match_registration_id_fkey: 'registrationId',
};

/** A feasible pair as the candidate query answers it, with what the explanation needs. */
export interface CandidateRow extends MatchCandidate {
  weight: number;
  capacity: number;
  type: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
}

type MatchAction = 'CONFIRM' | 'REJECT' | 'ACCEPT' | 'DECLINE' | 'COMPLETE';
const MATCH_TRANSITIONS: Record<MatchAction, { from: MatchStatus[]; to: MatchStatus; permission: ServiceAction; helperOnly: boolean }> = {
  CONFIRM: { from: [MatchStatus.PROPOSED], to: MatchStatus.CONFIRMED, permission: 'REVIEW_MATCH', helperOnly: false },
  REJECT: { from: [MatchStatus.PROPOSED, MatchStatus.CONFIRMED], to: MatchStatus.REJECTED, permission: 'REVIEW_MATCH', helperOnly: false },
  ACCEPT: { from: [MatchStatus.CONFIRMED], to: MatchStatus.ACCEPTED, permission: 'ANSWER_MATCH', helperOnly: true },
  DECLINE: { from: [MatchStatus.CONFIRMED], to: MatchStatus.DECLINED, permission: 'ANSWER_MATCH', helperOnly: true },
  COMPLETE: { from: [MatchStatus.ACCEPTED], to: MatchStatus.DONE, permission: 'COMPLETE_MATCH', helperOnly: false },
};

/**
 * 精准匹配 — proposes helpers for a grid's open needs for one week, and carries each
 * proposal through review (leader) and answer (helper) to done with hours.
 */
export class MatchingService {
  constructor(private readonly ds: Db) {}

  /**
   * Replaces the week's unreviewed proposals in the grid's subtree with a new solve.
   * Feasible pairs come from PostGIS (ST_DWithin on geography within the helper's radius,
   * skill and will to serve, an overlapping weekly window the helper is not booked in,
   * capacity left, not declined or rejected before); HiGHS picks the assignment, never two
   * overlapping tasks for one helper (see solveOptimal); the greedy result on the same
   * pairs is reported beside it. Each match keeps its slot. Runs of one week are serialised.
   */
  async propose(
    gridId: string,
    period: string,
    actor: Actor,
    method: MatchMethod = MatchMethod.OPTIMAL,
    paths: string[] | null = null,
  ): Promise<MatchRun> {
    allow(actor, 'PROPOSE');
    checkPeriod(period);
    if (!UUID.test(gridId)) throw badInput('gridId', 'is not an id');
    if (method === MatchMethod.MANUAL) throw badInput('method', 'MANUAL proposals come from editing a match');
    return inTransaction(this.ds, MATCH_CONSTRAINT_FIELDS, async (m) => {
      const [grid] = await m.query(`SELECT path::text AS path FROM grid WHERE id = $1`, [gridId]);
      if (!grid) throw missing('gridId', 'grid', paths === null);
      requireInPaths(paths, grid.path, 'run the matcher');
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('service_match:' || $1))`, [period]);
      await m.query(
        `DELETE FROM service_match x USING service_need n
          WHERE x.need_id = n.id AND n.grid_path <@ $1::ltree AND x.period = $2 AND x.status = 'PROPOSED'`,
        [grid.path, period],
      );
      // Every helper within reach, wherever they registered: the leader sees those proposed to their grids afterwards.
      const rows = await elevated(m, () => candidatePairs(m, grid.path, period));
      const problem = toProblem(rows);
      const started = performance.now();
      const chosen = method === MatchMethod.GREEDY ? solveGreedy(problem) : await solveOptimal(problem);
      const solveMs = performance.now() - started;
      const greedy = method === MatchMethod.GREEDY ? chosen : solveGreedy(problem);
      const key = (c: { needId: string; helperId: string; startMinute: number }) => `${c.needId}/${c.helperId}/${c.startMinute}`;
      const byPair = new Map(rows.map((r) => [key(r), r]));
      const load = new Map<string, number>();
      const picked = chosen.map((c) => {
        const row = byPair.get(key({ ...c, startMinute: c.slot?.startMinute ?? -1 })) as CandidateRow;
        load.set(c.helperId, (load.get(c.helperId) ?? 0) + 1);
        return { row, explanation: explain(row, load.get(c.helperId) ?? 1) };
      });
      const ids: { id: string | null; event_id: string | null }[] = picked.length
        ? await m.query(
            `WITH ins AS (
               INSERT INTO service_match (need_id, registration_id, period, status, method, distance_m, explanation,
                                          weekday, start_minute, end_minute)
               SELECT need, helper, $1::date, 'PROPOSED', $2, d, e, wd, s, en
                 FROM unnest($3::uuid[], $4::uuid[], $5::float8[], $6::text[], $9::int2[], $10::int2[], $11::int2[])
                      AS t(need, helper, d, e, wd, s, en)
               RETURNING id, need_id, registration_id, distance_m)
             , ev AS (INSERT INTO service_event (subject, subject_id, type, actor_role, actor_name, data)
               SELECT 'MATCH', id, 'PROPOSED', $7, $8,
                      jsonb_build_object('needId', need_id, 'registrationId', registration_id, 'distanceM', distance_m)
                 FROM ins
               RETURNING id AS event_id)
             SELECT id, NULL::bigint AS event_id FROM ins UNION ALL SELECT NULL, event_id FROM ev`,
            [
              period,
              method,
              picked.map((p) => p.row.needId),
              picked.map((p) => p.row.helperId),
              picked.map((p) => p.row.distanceM),
              picked.map((p) => p.explanation),
              actor.role,
              actor.name,
              picked.map((p) => p.row.weekday),
              picked.map((p) => p.row.startMinute),
              picked.map((p) => p.row.endMinute),
            ],
          )
        : [];
      const matchIds = ids.flatMap((r) => (r.id ? [r.id] : []));
      await announceServiceEvents(
        m,
        ids.flatMap((r) => (r.event_id ? [String(r.event_id)] : [])),
      );
      const proposals = matchIds.length
        ? await m
            .getRepository(ServiceMatch)
            .createQueryBuilder('x')
            .where('x.id IN (:...ids)', { ids: matchIds })
            .orderBy('x.seq')
            .getMany()
        : [];
      return {
        period,
        method,
        needs: problem.needs.length,
        helpers: problem.helpers.length,
        candidates: rows.length,
        proposals,
        quality: matchQuality(problem, chosen),
        greedy: matchQuality(problem, greedy),
        solveMs: Math.round(solveMs * 10) / 10,
      };
    });
  }

  confirm(id: string, version: number, actor: Actor, paths: string[] | null = null): Promise<ServiceMatch> {
    return this.transition(id, version, actor, 'CONFIRM', { paths });
  }

  reject(id: string, version: number, actor: Actor, reason: string, paths: string[] | null = null): Promise<ServiceMatch> {
    return this.transition(id, version, actor, 'REJECT', { note: text(reason, 'reason', 1000), paths });
  }

  accept(id: string, version: number, registrationId: string, actor: Actor, asUser: string | null = null): Promise<ServiceMatch> {
    return this.transition(id, version, actor, 'ACCEPT', { registrationId, asUser });
  }

  /** The helper declines: the need stays open and enters the next run without this helper. */
  decline(
    id: string,
    version: number,
    registrationId: string,
    actor: Actor,
    reason?: string | null,
    asUser: string | null = null,
  ): Promise<ServiceMatch> {
    return this.transition(id, version, actor, 'DECLINE', { registrationId, note: optionalText(reason, 'reason', 1000), asUser });
  }

  /**
   * Done: the hours are recorded; a one-off need is done, a recurring one opens for the
   * next week. A volunteer account completes only its own task (`asUser`), a leader only
   * inside the grids they lead (`paths`).
   */
  complete(
    id: string,
    version: number,
    hours: number,
    actor: Actor,
    note?: string | null,
    who: { asUser?: string | null; paths?: string[] | null } = {},
  ): Promise<ServiceMatch> {
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24) throw badInput('hours', 'must be more than 0 and at most 24');
    return this.transition(id, version, actor, 'COMPLETE', { hours, note: optionalText(note, 'note', 2000), ...who });
  }

  /**
   * A leader's edit: the proposal goes to another helper, who must be feasible for the
   * need (skill, will, window, radius, capacity, not booked then). The old one is
   * rejected, the new one is MANUAL and CONFIRMED.
   */
  async reassign(id: string, version: number, registrationId: string, actor: Actor, paths: string[] | null = null): Promise<ServiceMatch> {
    allow(actor, 'REVIEW_MATCH');
    if (!UUID.test(id)) throw notFound('ServiceMatch', id);
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    return inTransaction(this.ds, MATCH_CONSTRAINT_FIELDS, async (m) => {
      const match = await lockMatch(m, id, version);
      if (![MatchStatus.PROPOSED, MatchStatus.CONFIRMED].includes(match.status))
        throw badInput('id', `a ${match.status} match cannot be edited`);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('service_match:' || $1))`, [match.period]);
      await m.query(`UPDATE service_match SET status = 'REJECTED', version = version + 1 WHERE id = $1`, [id]);
      const [path] = await m.query(`SELECT grid_path::text AS path FROM service_need WHERE id = $1`, [match.needId]);
      requireInPaths(paths, path.path, 'edit a match');
      const pair = (
        await elevated(m, () => candidatePairs(m, path.path, match.period, { needId: match.needId, helperId: registrationId }))
      )[0];
      if (!pair)
        throw badInput(
          'registrationId',
          'this helper cannot take the need: skill, will to serve, availability, radius or capacity does not fit',
        );
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO service_match (need_id, registration_id, period, status, method, distance_m, explanation,
                                   weekday, start_minute, end_minute)
         VALUES ($1, $2, $3, 'CONFIRMED', 'MANUAL', $4, $5, $6, $7, $8) RETURNING id`,
        [
          match.needId,
          registrationId,
          match.period,
          pair.distanceM,
          `${explain(pair, 1)}; chosen by ${actor.name}`,
          pair.weekday,
          pair.startMinute,
          pair.endMinute,
        ],
      );
      await appendServiceEvent(m, 'MATCH', id, 'REASSIGNED', actor, null, { to: row.id, registrationId });
      await appendServiceEvent(m, 'MATCH', row.id, 'CONFIRMED', actor, null, { replaces: id });
      return m.getRepository(ServiceMatch).findOneByOrFail({ id: row.id });
    });
  }

  /** Proposals and tasks, by grid subtree, week, status or helper; oldest first. */
  list(
    args: {
      gridId?: string | null;
      period?: string | null;
      status?: MatchStatus | null;
      registrationId?: string | null;
      first?: number | null;
      after?: string | null;
    },
    scope: Scope,
  ): Promise<ConnectionShape<ServiceMatch>> {
    scope.requireSignedIn();
    const visible = scope.where('ServiceMatch', 'x');
    const qb = this.ds
      .getRepository(ServiceMatch)
      .createQueryBuilder('x')
      .innerJoin('service_need', 'n', 'n.id = x.need_id')
      .where(visible.sql, visible.params);
    if (args.gridId != null) {
      if (!UUID.test(args.gridId)) throw badInput('gridId', 'is not an id');
      qb.andWhere('n.grid_path <@ (SELECT path FROM grid WHERE id = :g)', { g: args.gridId });
    }
    if (args.period != null) qb.andWhere('x.period = :p', { p: checkPeriod(args.period) });
    if (args.status != null) qb.andWhere('x.status = :s', { s: args.status });
    if (args.registrationId != null) {
      if (!UUID.test(args.registrationId)) throw badInput('registrationId', 'is not an id');
      qb.andWhere('x.registration_id = :r', { r: args.registrationId });
    }
    return paginate(qb, 'x.seq', (x) => x.seq, args);
  }

  private async transition(
    id: string,
    version: number,
    actor: Actor,
    action: MatchAction,
    p: { registrationId?: string; note?: string | null; hours?: number; asUser?: string | null; paths?: string[] | null } = {},
  ): Promise<ServiceMatch> {
    const rule = MATCH_TRANSITIONS[action];
    allow(actor, rule.permission);
    if (!UUID.test(id)) throw notFound('ServiceMatch', id);
    if (p.registrationId != null && !UUID.test(p.registrationId)) throw badInput('registrationId', 'is not an id');
    return inTransaction(this.ds, MATCH_CONSTRAINT_FIELDS, async (m) => {
      const match = await lockMatch(m, id, version);
      if (rule.helperOnly && match.registrationId !== p.registrationId) throw forbidden('only the proposed helper may answer this match');
      // A volunteer account acts only for its own registration (answering or completing).
      if (rule.helperOnly || p.asUser) await checkOwner(m, match.registrationId, p.asUser ?? null);
      if (p.paths) {
        const [need] = await m.query(`SELECT grid_path::text AS path FROM service_need WHERE id = $1`, [match.needId]);
        requireInPaths(p.paths, need.path, 'review a match');
      }
      if (!rule.from.includes(match.status))
        throw badInput('id', `a ${match.status} match cannot be taken through ${action}; it must be ${rule.from.join(' or ')}`, {
          status: match.status,
        });
      await m.query(`UPDATE service_match SET status = $2, version = version + 1 WHERE id = $1`, [id, rule.to]);
      if (action === 'ACCEPT')
        await m.query(`UPDATE service_need SET status = 'ASSIGNED', version = version + 1 WHERE id = $1`, [match.needId]);
      if (action === 'COMPLETE') {
        const [need] = await m.query(`SELECT recurrence FROM service_need WHERE id = $1`, [match.needId]);
        const next = need.recurrence === NeedRecurrence.ONCE ? 'DONE' : 'OPEN';
        await m.query(`UPDATE service_need SET status = $2, version = version + 1 WHERE id = $1`, [match.needId, next]);
        await m.query(`INSERT INTO service_record (registration_id, match_id, hours, note) VALUES ($1, $2, $3, $4)`, [
          match.registrationId,
          id,
          p.hours,
          p.note ?? null,
        ]);
      }
      await appendServiceEvent(m, 'MATCH', id, rule.to, actor, p.note ?? null, p.hours ? { hours: p.hours } : {});
      return m.getRepository(ServiceMatch).findOneByOrFail({ id });
    });
  }
}

async function lockMatch(m: EntityManager, id: string, version: number): Promise<ServiceMatch> {
  const match = await m
    .getRepository(ServiceMatch)
    .createQueryBuilder('x')
    .setLock('pessimistic_write')
    .where('x.id = :id', { id })
    .getOne();
  if (!match) throw notFound('ServiceMatch', id);
  if (match.version !== version) throw conflict('ServiceMatch', id, version, match.version);
  return match;
}

/** At most this many start times are offered per pair (the earliest). */
export const SLOT_OPTIONS = 8;

/**
 * Every feasible (need, helper, slot) for the open needs of a grid subtree in a week
 * (a need held by a live match of any week waits for it; a recurring need done last
 * week comes back): the need's type among the helper's skills and will to serve, within
 * the helper's radius (geodesic; a constant-radius ST_DWithin first lets the GiST index on
 * location::geography narrow), capacity left this week, and not declined or rejected for
 * this need before. A pair comes once per slot it could be done in: the overlaps of the
 * need's window with the helper's weekly windows cut into the need's duration from their
 * start (an overlap shorter than the need takes offers none), none touching a live match
 * the helper holds that week — so the solver picks the time too, and two one-hour needs
 * wanted Tue 9–12 can both go to one helper, at 9 and at 10. A run deletes its subtree's PROPOSED matches first, so
 * the live matches left are the reviewed ones and other subtrees' proposals. `only`
 * narrows to one pair (a leader's edit; its earliest free slot is taken).
 */
export async function candidatePairs(
  m: EntityManager,
  gridPath: string,
  period: string,
  only?: { needId: string; helperId: string },
): Promise<CandidateRow[]> {
  const [{ max }] = await m.query(`SELECT coalesce(max(radius_m), 0) AS max FROM service_registration WHERE active`);
  const rows: (Omit<CandidateRow, 'weight'> & { urgency: NeedUrgency })[] = await m.query(
    `WITH need AS (
       SELECT n.* FROM service_need n
        WHERE n.grid_path <@ $1::ltree AND n.status = 'OPEN' AND ($4::uuid IS NULL OR n.id = $4)
          AND NOT EXISTS (SELECT 1 FROM service_match x WHERE x.need_id = n.id
                            AND (x.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED') OR (x.status = 'DONE' AND x.period = $2::date)))
     ), helper AS (
       SELECT r.*, c.path AS community_path,
              r.weekly_capacity - (SELECT count(*) FROM service_match x WHERE x.registration_id = r.id AND x.period = $2::date
                                      AND x.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE'))::int AS capacity
         FROM service_registration r JOIN grid c ON c.id = r.community_id
        WHERE r.active AND ($5::uuid IS NULL OR r.id = $5)
     )
     SELECT n.id AS "needId", h.id AS "helperId", ST_Distance(h.location::geography, n.location::geography) AS "distanceM",
            n.grid_path <@ h.community_path AS "sameCommunity",
            (EXISTS (SELECT 1 FROM micro_wish w WHERE w.household_id = n.household_id AND w.helper_id = h.id AND w.status = 'THANKED')
             OR EXISTS (SELECT 1 FROM service_match p JOIN service_need pn ON pn.id = p.need_id
                         WHERE p.registration_id = h.id AND pn.household_id = n.household_id AND p.status = 'DONE')) AS thanked,
            n.urgency, h.capacity, n.type, n.weekday, w.s AS "startMinute", w.e AS "endMinute"
       FROM need n
       JOIN helper h ON ST_DWithin(h.location::geography, n.location::geography, $3)
                    AND ST_DWithin(h.location::geography, n.location::geography, h.radius_m)
                    AND n.type = ANY(h.skills) AND (cardinality(h.will_serve) = 0 OR n.type = ANY(h.will_serve))
                    AND h.capacity > 0
       CROSS JOIN LATERAL (
         SELECT sl.s, sl.e
           FROM service_availability a
           CROSS JOIN LATERAL (SELECT greatest(a.start_minute, n.start_minute)::int AS ws, least(a.end_minute, n.end_minute)::int AS we) ov
           CROSS JOIN LATERAL (SELECT st::int AS s, (st + n.duration_minutes)::int AS e
                                 FROM generate_series(ov.ws, ov.we - n.duration_minutes, n.duration_minutes) st) sl
          WHERE a.registration_id = h.id AND a.weekday = n.weekday AND a.start_minute < n.end_minute AND a.end_minute > n.start_minute
            AND NOT EXISTS (SELECT 1 FROM service_match o
                             WHERE o.registration_id = h.id AND o.period = $2::date
                               AND o.status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE')
                               AND o.weekday = n.weekday AND o.start_minute < sl.e AND o.end_minute > sl.s)
          ORDER BY sl.s LIMIT $6) w
      WHERE NOT EXISTS (SELECT 1 FROM service_match d
                         WHERE d.need_id = n.id AND d.registration_id = h.id AND d.status IN ('DECLINED', 'REJECTED'))
      ORDER BY n.seq, h.id`,
    [gridPath, period, max, only?.needId ?? null, only?.helperId ?? null, SLOT_OPTIONS],
  );
  return rows.map(({ urgency, ...r }) => ({ ...r, weight: URGENCY_WEIGHT[urgency] }));
}

/** The solver's input from the candidate rows: each need and helper once. */
export function toProblem(rows: CandidateRow[]): MatchProblem {
  const needs = new Map<string, number>();
  const helpers = new Map<string, number>();
  for (const r of rows) {
    needs.set(r.needId, r.weight);
    helpers.set(r.helperId, r.capacity);
  }
  return {
    needs: [...needs].map(([id, weight]) => ({ id, weight })),
    helpers: [...helpers].map(([id, capacity]) => ({ id, capacity })),
    candidates: rows.map((r) => ({ ...r, slot: { weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute } })),
  };
}

/** "480 m; skill ELDERLY_CARE; window Tue 09:00–10:00; same community; served this household before; task 2 this week" */
export function explain(r: CandidateRow, load: number): string {
  const parts = [
    `${Math.round(r.distanceM)} m`,
    `skill ${r.type}`,
    `window ${formatWindow({ weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute })}`,
  ];
  if (r.sameCommunity) parts.push('same community');
  if (r.thanked) parts.push('thanked or served this household before');
  parts.push(`task ${load} of ${r.capacity} left this week`);
  return parts.join('; ');
}
