import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { ServiceChange } from '../../domains/service/service.events';
import type { CaseEvent } from '../../domains/case/case.entity';
import { EVENT_COLUMNS } from '../../domains/case/case.events';

/**
 * Carries committed case events to every subscriber of every API process. Publishing
 * happens after the commit; a subscriber that missed something (a restart, a dropped
 * Redis message) recovers it by replaying from case_event with its cursor.
 *
 * It also carries committed service changes (needs, matches, wishes, visits…), published
 * after the commit like case events, but on their own topic and without replay or
 * ordering: service_event ids are a separate sequence, and a service view that missed a
 * change re-reads with its queries.
 */
export interface CaseBus {
  publish(events: CaseEvent[]): Promise<void>;
  /** Calls `listener` for each event published from now on; answers the unsubscribe. */
  subscribe(listener: (event: CaseEvent) => void): () => void;
  publishService(changes: ServiceChange[]): Promise<void>;
  /** Calls `listener` for each service change published from now on; answers the unsubscribe. */
  subscribeService(listener: (change: ServiceChange) => void): () => void;
  close(): Promise<void>;
}

/** One process: listeners are called synchronously, in publish order. */
export class MemoryCaseBus implements CaseBus {
  private readonly listeners = new Set<(event: CaseEvent) => void>();
  private readonly serviceListeners = new Set<(change: ServiceChange) => void>();

  async publish(events: CaseEvent[]): Promise<void> {
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publishService(changes: ServiceChange[]): Promise<void> {
    for (const change of changes) for (const listener of this.serviceListeners) listener(change);
  }

  subscribeService(listener: (change: ServiceChange) => void): () => void {
    this.serviceListeners.add(listener);
    return () => this.serviceListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.serviceListeners.clear();
  }
}


/**
 * Several processes: events go through one Redis pub/sub channel, including back to the
 * publishing process, so every subscriber sees one stream in one order.
 */
export class RedisCaseBus implements CaseBus {
  private readonly local = new MemoryCaseBus();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly ready: Promise<unknown>;
  /** Service changes: a second channel on the same connections, so a process that does not know them never receives them. */
  private readonly serviceChannel: string;

  /** `channel` names the database, so streets in different databases never mix on one Redis. */
  constructor(
    url: string,
    private readonly channel: string,
  ) {
    this.serviceChannel = `${channel}:service`;
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('message', (from: string, message: string) => {
      if (from === this.serviceChannel) void this.local.publishService((JSON.parse(message) as ServiceChange[]).map((c) => ({ ...c, at: new Date(c.at) })));
      else void this.local.publish((JSON.parse(message) as CaseEvent[]).map(reviveEvent));
    });
    this.ready = this.sub.subscribe(channel, this.serviceChannel);
  }

  /** Never fails the caller: the change is committed, and a subscriber that misses it replays it. */
  async publish(events: CaseEvent[]): Promise<void> {
    if (!events.length) return;
    await this.pub.publish(this.channel, JSON.stringify(events)).catch((error: unknown) => console.error('case bus: publish failed', error));
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async publishService(changes: ServiceChange[]): Promise<void> {
    if (!changes.length) return;
    await this.pub.publish(this.serviceChannel, JSON.stringify(changes)).catch((error: unknown) => console.error('case bus: publish of service changes failed', error));
  }

  subscribeService(listener: (change: ServiceChange) => void): () => void {
    return this.local.subscribeService(listener);
  }

  /** Resolves once the channel subscription is live. */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

function reviveEvent(e: CaseEvent): CaseEvent {
  return { ...e, at: new Date(e.at) };
}

/** How long an out-of-order event waits for the ones before it before the table is asked. */
const GAP_WAIT_MS = 250;
/** A gap wider than this (e.g. history written straight to the table) is skipped, not filled. */
const MAX_GAP_FILL = 10_000;

/**
 * Hands events to listeners in id order with no gap and no duplicate. Event ids follow
 * commit order (see appendEvent), so every id below one that arrived is settled: when
 * an event arrives early, it waits briefly for the missing ones, then the table fills
 * the gap (a publish lost, or a transaction rolled back after taking its id). Without
 * this, two processes publishing at once could deliver n+1 before n, and a client that
 * resumed from n+1 would never see n.
 */
export class OrderedCaseBus implements CaseBus {
  private readonly local = new MemoryCaseBus();
  private readonly pending = new Map<bigint, CaseEvent>();
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  /** `last`: the highest event id already in the table when the process started. */
  constructor(
    private readonly inner: CaseBus,
    private readonly ds: DataSource,
    private last: bigint | null = null,
  ) {
    this.unsubscribe = inner.subscribe((e) => this.accept(e));
  }

  publish(events: CaseEvent[]): Promise<void> {
    return this.inner.publish(events);
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  /** Service changes pass straight through: they have no cursor to keep gap-free. */
  publishService(changes: ServiceChange[]): Promise<void> {
    return this.inner.publishService(changes);
  }

  subscribeService(listener: (change: ServiceChange) => void): () => void {
    return this.inner.subscribeService(listener);
  }

  private accept(e: CaseEvent): void {
    const id = BigInt(e.id);
    if (this.last !== null && id <= this.last) return;
    if (this.last === null || id === this.last + 1n) {
      this.emit(id, e);
      this.drain();
      return;
    }
    this.pending.set(id, e);
    this.timer ??= setTimeout(() => void this.fill(), GAP_WAIT_MS);
  }

  private emit(id: bigint, e: CaseEvent): void {
    this.last = id;
    void this.local.publish([e]);
  }

  private drain(): void {
    for (let next = this.pending.get(this.last! + 1n); next; next = this.pending.get(this.last! + 1n)) {
      this.pending.delete(this.last! + 1n);
      this.emit(this.last! + 1n, next);
    }
    if (!this.pending.size && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Asks the table for everything up to the highest waiting id, then carries on from there. */
  private async fill(): Promise<void> {
    this.timer = null;
    if (!this.pending.size || this.last === null) return;
    const upTo = [...this.pending.keys()].reduce((a, b) => (a > b ? a : b));
    const from = this.last;
    try {
      const rows: CaseEvent[] =
        upTo - from > MAX_GAP_FILL || !this.ds.isInitialized
          ? []
          : await this.ds.query(`SELECT ${EVENT_COLUMNS} FROM case_event WHERE id > $1 AND id < $2 ORDER BY case_event.id`, [from.toString(), upTo.toString()]);
      for (const row of rows) {
        const id = BigInt(row.id);
        if (id > this.last!) this.emit(id, this.pending.get(id) ?? row);
      }
      if (this.last! < upTo - 1n) this.last = upTo - 1n;
      for (const id of [...this.pending.keys()]) if (id <= this.last!) this.pending.delete(id);
    } catch (error) {
      console.error('case bus: gap fill failed, skipping', error);
      this.last = upTo - 1n;
    }
    this.drain();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    await this.local.close();
    await this.inner.close();
  }
}

/** Redis when a URL is given (REDIS_URL), otherwise in-memory; either way in id order. */
export async function createCaseBus(ds: DataSource, redisUrl?: string): Promise<CaseBus> {
  const [{ db, last }]: { db: string; last: string | null }[] = await ds.query(`SELECT current_database() AS db, max(id)::text AS last FROM case_event`);
  const start = last === null ? 0n : BigInt(last);
  if (!redisUrl) return new OrderedCaseBus(new MemoryCaseBus(), ds, start);
  const redis = new RedisCaseBus(redisUrl, `streetgrid:case-events:${db}`);
  await redis.whenReady();
  return new OrderedCaseBus(redis, ds, start);
}
