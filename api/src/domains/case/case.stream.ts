import type { Db } from '../../platform/db/session';
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
  readable?: (eventId: string) => Promise<boolean>;
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
  const seen = async (e: CaseEvent) => visible(e.gridPath) || (await readable(e.id));

  let replaying = true;
  let last = BigInt(filter.after ?? 0);
  const buffered: CaseEvent[] = [];
  // Live events pass one at a time (a database check may be needed), so they keep their order.
  let live: Promise<void> = Promise.resolve();
  const deliver = (e: CaseEvent) => {
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
    for (const e of buffered) if (BigInt(e.id) > last) deliver(e);
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
