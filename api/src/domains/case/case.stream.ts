import type { DataSource } from 'typeorm';
import type { Db } from '../../platform/db/session';
import type { Viewer } from '../../platform/identity/viewer';
import { badInput } from '../../platform/graphql/errors';
import { type BBoxArg, checkBBox } from '../../platform/graphql/spatial-args';
import type { EventBus } from '../../platform/events/bus';
import { EventQueue } from '../../platform/events/queue';
import type { CaseEvent } from './case.entity';
import { CASE_EVENTS, EVENT_COLUMNS } from './case.events';

/** A subscriber further behind than this must re-read with queries instead of replaying. */
export const MAX_REPLAY = 10_000;
const REPLAY_PAGE = 1_000;

export interface StreamFilter {
  gridId?: string | null;
  bbox?: number[] | null;
  after?: string | null;
  /**
   * The viewer's scope, a fast path: an event of a case routed to this grid path is seen. Any
   * other event is asked of the database under the viewer's row-level security (a department's
   * staff see their department's cases, a resident the cases they reported, wherever they are).
   */
  visible?: (gridPath: string) => boolean;
  /**
   * Asks the database, as the viewer, whether they may read the event (`visible` said no by path).
   * It must run in a session of its own: the subscription's session is ended between events,
   * concurrently with this check.
   */
  readable?: (event: CaseEvent) => Promise<boolean>;
}

/**
 * The events after `after` that match the filter, then every new one, with no gap and
 * no duplicate: subscribe to the bus first (buffering), replay from case_event, then
 * release the buffer skipping ids already replayed. Without `after`, only new events.
 */
export async function caseEventStream(ds: Db, bus: EventBus, filter: StreamFilter): Promise<AsyncIterableIterator<CaseEvent>> {
  const bbox = checkBBox(filter.bbox);
  if (filter.after != null && !/^[0-9]{1,18}$/.test(filter.after)) throw badInput('after', 'is not an event id');
  let path: string | null = null;
  if (filter.gridId) {
    const [grid]: { path: string }[] = await ds.query(`SELECT path::text AS path FROM grid WHERE id::text = $1`, [filter.gridId]);
    if (!grid) throw badInput('gridId', 'no such grid');
    path = grid.path;
  }
  const visible = filter.visible ?? (() => true);
  const matches = (e: CaseEvent) => inSubtree(e.gridPath, path) && inBBox(e, bbox);
  const readable = filter.readable ?? (async () => false);
  const seen = async (e: CaseEvent) => visible(e.gridPath) || (await readable(e));

  let replaying = true;
  let last = BigInt(filter.after ?? 0);
  const buffered: CaseEvent[] = [];
  // Live events pass one at a time (a database check may be needed), so they keep their order.
  let live: Promise<void> = Promise.resolve();
  // The bus hands events over in id order; one already replayed from the table (its commit seen by the replay before
  // the bus delivered it here) is not delivered twice.
  const deliver = (e: CaseEvent) => {
    const id = BigInt(e.id);
    if (id <= last) return;
    last = id;
    live = live.then(async () => {
      if (await seen(e).catch(() => false)) queue.push(e);
    });
  };
  const queue = new EventQueue<CaseEvent>(() => unsubscribe());
  const unsubscribe = bus.subscribe(CASE_EVENTS, (e) => {
    if (!matches(e)) return;
    if (replaying) buffered.push(e);
    else deliver(e);
  });
  try {
    if (filter.after != null) {
      let count = 0;
      for (;;) {
        const rows = await replayPage(ds, last, path, bbox);
        // The replay reads under the viewer's row-level security: what it returns is theirs to see.
        for (const e of rows) queue.push(e);
        count += rows.length;
        if (rows.length) last = BigInt(rows[rows.length - 1].id);
        if (rows.length < REPLAY_PAGE) break;
        if (count >= MAX_REPLAY) throw badInput('after', `more than ${MAX_REPLAY} events behind; re-read with the cases query`);
      }
    }
    for (const e of buffered) deliver(e);
    replaying = false;
  } catch (error) {
    await queue.return();
    throw error;
  }
  return queue;
}

function replayPage(ds: Db, after: bigint, path: string | null, bbox: BBoxArg | undefined): Promise<CaseEvent[]> {
  return ds.query(
    `SELECT ${EVENT_COLUMNS} FROM case_event
      WHERE id > $1 AND ($2::ltree IS NULL OR grid_path <@ $2::ltree)
        AND ($3::float8 IS NULL OR location && ST_MakeEnvelope($3, $4, $5, $6, 4326))
      ORDER BY case_event.id LIMIT ${REPLAY_PAGE}`,
    [after.toString(), path, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null],
  );
}

function inSubtree(eventPath: string, path: string | null): boolean {
  return path === null || eventPath === path || eventPath.startsWith(`${path}.`);
}

function inBBox(e: CaseEvent, bbox: BBoxArg | undefined): boolean {
  if (!bbox) return true;
  const [lng, lat] = e.location.coordinates;
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/** Whom a case concerns beyond the grids it lies in: the account that reported it and the department it went to. */
export interface CaseAudience {
  reporterUserId: string | null;
  departmentId: string | null;
}

const AUDIENCE_MEMO = 1_000;
const audienceLookups = new WeakMap<DataSource, (e: CaseEvent) => Promise<CaseAudience | null>>();

/**
 * The audience of each event's case, read once per event for all the subscriptions of the
 * process (as the system; the last 1,000 events remembered). Before it, every subscriber outside
 * the event's grids asked the database under their own policies: with 300 leaders subscribed,
 * 244 transactions per report (`pnpm bench cases`). It only narrows who is asked: row-level
 * security still decides for whomever `mayConcern` lets through.
 */
export function caseAudience(ds: DataSource): (e: CaseEvent) => Promise<CaseAudience | null> {
  let lookup = audienceLookups.get(ds);
  if (!lookup) {
    const memo = new Map<string, Promise<CaseAudience | null>>();
    lookup = (e) => {
      let found = memo.get(e.id);
      if (!found) {
        found = ds
          .query(`SELECT reporter_user_id AS "reporterUserId", department_id AS "departmentId" FROM "case" WHERE id = $1`, [e.caseId])
          .then((rows: CaseAudience[]) => rows[0] ?? null);
        memo.set(e.id, found);
        if (memo.size > AUDIENCE_MEMO) memo.delete(memo.keys().next().value!);
      }
      return found;
    };
    audienceLookups.set(ds, lookup);
  }
  return lookup;
}

/**
 * Could a case outside the viewer's grids concern them? The non-path clauses of the case
 * policies (`db/rls.ts`: the reporter's own cases, a department's staff their department's),
 * used only to skip asking the database where it would surely say no. Should a policy widen
 * without this, an event would be withheld, never shown; a department's key is always asked.
 */
export function mayConcern(viewer: Viewer, audience: CaseAudience | null): boolean {
  if (viewer.kind === 'department') return true;
  if (viewer.kind !== 'user' || !audience) return false;
  return audience.reporterUserId === viewer.id || (audience.departmentId != null && audience.departmentId === viewer.departmentId);
}
