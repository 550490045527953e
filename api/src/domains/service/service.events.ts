import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import type { EventBus, Topic } from '../../platform/events/bus';
import { announceInTransaction } from '../../platform/events/in-transaction';
import type { Actor } from '../../platform/identity/actor';

export type ServiceSubject = 'REGISTRATION' | 'NEED' | 'MATCH' | 'WISH' | 'VISIT' | 'TEAM' | 'ACTIVITY';

/**
 * What the live bus carries for one committed service event: which row changed and
 * where, never who or why (names, notes and data stay in service_event). A listener
 * that needs more re-reads the row through the scoped queries.
 */
export interface ServiceChange {
  /** The service_event id. */
  id: string;
  subject: ServiceSubject;
  subjectId: string;
  type: string;
  /**
   * The grid the row belongs to (a need's or wish's grid, a visit's building's, a registration's
   * or team's community); null when unknown.
   */
  gridId: string | null;
  gridPath: string | null;
  at: Date;
}

/**
 * Committed service changes on the event bus: live, unordered (service_event ids are their own
 * sequence, taken without a lock), and hints (a service view re-reads with its queries). After
 * an outage of the bus each process re-delivers what service_event has from the outage's start.
 */
export const SERVICE_CHANGES: Topic<ServiceChange> = {
  name: 'service',
  revive: (c) => ({ ...c, at: new Date(c.at) }),
  since: (ds, from) =>
    ds.query(`SELECT ${CHANGE_COLUMNS('e')} FROM service_event ${CHANGE_FROM('e')} WHERE e.at >= $1 ORDER BY e.id`, [from]),
};

/** The grid path of a service_event row `e`'s subject, by subject. */
const SUBJECT_PATH = (e: string) => `CASE ${e}.subject
    WHEN 'NEED' THEN (SELECT sn.grid_path FROM service_need sn WHERE sn.id = ${e}.subject_id)
    WHEN 'MATCH' THEN (SELECT sn.grid_path FROM service_match sx JOIN service_need sn ON sn.id = sx.need_id WHERE sx.id = ${e}.subject_id)
    WHEN 'WISH' THEN (SELECT mw.grid_path FROM micro_wish mw WHERE mw.id = ${e}.subject_id)
    WHEN 'VISIT' THEN (SELECT g.path FROM household_visit v JOIN household h ON h.id = v.household_id
                         JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE v.id = ${e}.subject_id)
    WHEN 'REGISTRATION' THEN (SELECT g.path FROM service_registration r JOIN grid g ON g.id = r.community_id WHERE r.id = ${e}.subject_id)
    WHEN 'TEAM' THEN (SELECT g.path FROM volunteer_team t JOIN grid g ON g.id = t.community_id WHERE t.id = ${e}.subject_id)
    WHEN 'ACTIVITY' THEN (SELECT g.path FROM team_activity a JOIN volunteer_team t ON t.id = a.team_id
                            JOIN grid g ON g.id = t.community_id WHERE a.id = ${e}.subject_id)
  END`;

/** service_event rows `e` as ServiceChange, for raw SQL (`FROM … e` then this). */
const CHANGE_FROM = (e: string) => `${e} CROSS JOIN LATERAL (SELECT ${SUBJECT_PATH(e)} AS path) sp LEFT JOIN grid sg ON sg.path = sp.path`;
const CHANGE_COLUMNS = (e: string) =>
  `${e}.id::text AS id, ${e}.subject, ${e}.subject_id AS "subjectId", ${e}.type, sg.id AS "gridId", sp.path::text AS "gridPath", ${e}.at`;

/**
 * Appends one audit event for a change already written, in the same transaction, and
 * announces it on the live bus once the transaction commits (nothing if it rolls back).
 * Kept beside case_event rather than in it: case_event rows belong to a case (case_id
 * is NOT NULL and the case subscription replays every row), so service changes there
 * would reach case subscribers as events of no case.
 */
export async function appendServiceEvent(
  m: EntityManager,
  subject: ServiceSubject,
  subjectId: string,
  type: string,
  actor: Actor | { role: string; name: string },
  note: string | null = null,
  data: Record<string, unknown> = {},
): Promise<void> {
  const rows: ServiceChange[] = await m.query(
    `WITH ev AS (INSERT INTO service_event (subject, subject_id, type, actor_role, actor_name, note, data)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
     SELECT ${CHANGE_COLUMNS('ev')} FROM ${CHANGE_FROM('ev')}`,
    [subject, subjectId, type, actor.role, actor.name, note, JSON.stringify(data)],
  );
  // What the change causes elsewhere (the notify domain's inbox and outbox) commits with it.
  await announceInTransaction(m, SERVICE_CHANGES, rows);
  await publishAfterCommit(m, rows);
}

/**
 * For service_event rows written with raw SQL rather than appendServiceEvent (bulk
 * inserts): announces them on the live bus once the transaction commits.
 */
export async function announceServiceEvents(m: EntityManager, eventIds: string[]): Promise<void> {
  if (!eventIds.length || !publishers.has(m.dataSource)) return;
  const rows: ServiceChange[] = await m.query(
    `SELECT ${CHANGE_COLUMNS('e')} FROM service_event ${CHANGE_FROM('e')} WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
    [eventIds],
  );
  await publishAfterCommit(m, rows);
}

const PENDING = 'streetgrid.serviceChanges';

/** 1 in a transaction, 2 in its first savepoint… (TypeORM keeps the counter on every query runner but declares it protected). */
function depthOf(qr: QueryRunner): number {
  return (qr as unknown as { transactionDepth: number }).transactionDepth;
}

/** Changes waiting for their transaction's commit, with the transaction depth (savepoint) that wrote each. */
function pendingOf(qr: QueryRunner): { depth: number; change: ServiceChange }[] {
  const data = qr.data as Record<string, { depth: number; change: ServiceChange }[] | undefined>;
  return (data[PENDING] ??= []);
}

/**
 * Hands committed service changes to the case bus: the same publish-after-commit path
 * as case events (CaseService publishes what its transaction returned once it has
 * committed), hooked on TypeORM's commit so the many services that append events need
 * not each remember to publish. Changes of a rolled-back transaction or savepoint are dropped.
 */
class ServiceChangePublisher implements EntitySubscriberInterface {
  readonly buses = new Set<EventBus>();

  async afterTransactionCommit({ queryRunner: qr }: TransactionCommitEvent): Promise<void> {
    if (!(PENDING in qr.data)) return;
    const pending = pendingOf(qr);
    if (qr.isTransactionActive) {
      // A savepoint was released: its changes now belong to the enclosing level.
      for (const p of pending) p.depth = Math.min(p.depth, depthOf(qr));
      return;
    }
    await this.publish(pending.splice(0).map((p) => p.change));
  }

  afterTransactionRollback({ queryRunner: qr }: TransactionRollbackEvent): void {
    if (!(PENDING in qr.data)) return;
    const pending = pendingOf(qr);
    const kept = qr.isTransactionActive ? pending.filter((p) => p.depth <= depthOf(qr)) : [];
    pending.splice(0, pending.length, ...kept);
  }

  /**
   * On one bus: a process has one DataSource and one bus, and Redis fans out to every
   * process. (Apps sharing a DataSource in one process, as in tests, use the first
   * attached; publishing on each would deliver every change once per app through Redis.)
   * Never fails the caller: the change is committed whatever the bus does.
   */
  async publish(changes: ServiceChange[]): Promise<void> {
    const [bus] = this.buses;
    if (!changes.length || !bus) return;
    await bus.publish(SERVICE_CHANGES, changes).catch((error: unknown) => console.error('service changes: publish failed', error));
  }
}

const publishers = new WeakMap<DataSource, ServiceChangePublisher>();

async function publishAfterCommit(m: EntityManager, changes: ServiceChange[]): Promise<void> {
  const publisher = publishers.get(m.dataSource);
  if (!publisher) return;
  const qr = m.queryRunner;
  if (qr?.isTransactionActive) pendingOf(qr).push(...changes.map((change) => ({ depth: depthOf(qr), change })));
  else await publisher.publish(changes);
}

/** From now on, service changes committed through `ds` are published on `bus`; answers the detach. */
export function publishServiceChanges(ds: DataSource, bus: EventBus): () => void {
  let publisher = publishers.get(ds);
  if (!publisher) {
    publisher = new ServiceChangePublisher();
    publishers.set(ds, publisher);
    ds.subscribers.push(publisher);
  }
  const buses = publisher.buses;
  buses.add(bus);
  return () => buses.delete(bus);
}
