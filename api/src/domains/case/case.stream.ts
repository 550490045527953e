import type { PubSub } from 'type-graphql';
import type { Db } from '../../platform/db/session';
import { badInput } from '../../platform/graphql/errors';
import { type BBoxArg, checkBBox } from '../../platform/graphql/spatial-args';
import type { CaseBus } from '../../platform/events/bus';
import type { CaseEvent } from './case.entity';
import { EVENT_COLUMNS } from './case.events';

/** A subscriber further behind than this must re-read with queries instead of replaying. */
export const MAX_REPLAY = 10_000;
const REPLAY_PAGE = 1_000;

export interface StreamFilter {
  gridId?: string | null;
  bbox?: number[] | null;
  after?: string | null;
  /** The viewer's scope: whether an event of a case routed to this grid path may be seen. */
  visible?: (gridPath: string) => boolean;
}

/**
 * An async iterator that ends as soon as `return()` is called, even while waiting (an
 * async generator would wait for the next event first, leaking the bus listener).
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  push(event: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: event, done: false });
    } else this.items.push(event);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((ok) => (this.waiter = ok));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
      this.items.length = 0;
      this.waiter?.({ value: undefined, done: true });
      this.waiter = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * The events after `after` that match the filter, then every new one, with no gap and
 * no duplicate: subscribe to the bus first (buffering), replay from case_event, then
 * release the buffer skipping ids already replayed. Without `after`, only new events.
 */
export async function caseEventStream(ds: Db, bus: CaseBus, filter: StreamFilter): Promise<AsyncIterableIterator<CaseEvent>> {
  const bbox = checkBBox(filter.bbox);
  if (filter.after != null && !/^[0-9]{1,18}$/.test(filter.after)) throw badInput('after', 'is not an event id');
  let path: string | null = null;
  if (filter.gridId) {
    const [grid]: { path: string }[] = await ds.query(`SELECT path::text AS path FROM grid WHERE id::text = $1`, [filter.gridId]);
    if (!grid) throw badInput('gridId', 'no such grid');
    path = grid.path;
  }
  const visible = filter.visible ?? (() => true);
  const matches = (e: CaseEvent) => inSubtree(e.gridPath, path) && inBBox(e, bbox) && visible(e.gridPath);

  let replaying = true;
  let last = BigInt(filter.after ?? 0);
  const buffered: CaseEvent[] = [];
  const queue = new EventQueue<CaseEvent>(() => unsubscribe());
  const unsubscribe = bus.subscribe((e) => {
    if (!matches(e)) return;
    if (replaying) buffered.push(e);
    else queue.push(e);
  });
  try {
    if (filter.after != null) {
      let count = 0;
      for (;;) {
        const rows = await replayPage(ds, last, path, bbox);
        for (const e of rows) if (visible(e.gridPath)) queue.push(e);
        count += rows.length;
        if (rows.length) last = BigInt(rows[rows.length - 1].id);
        if (rows.length < REPLAY_PAGE) break;
        if (count >= MAX_REPLAY) throw badInput('after', `more than ${MAX_REPLAY} events behind; re-read with the cases query`);
      }
    }
    for (const e of buffered) if (BigInt(e.id) > last) queue.push(e);
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

/**
 * type-graphql insists on a PubSub once a schema has a subscription, but caseUpdates
 * brings its own `subscribe` (replay + bus), so topics are never used.
 */
export const ownSubscribePubSub: PubSub = {
  publish() {
    throw new Error('case events are published on the CaseBus, not through type-graphql topics');
  },
  subscribe() {
    throw new Error('caseUpdates subscribes through caseEventStream, not through type-graphql topics');
  },
};
