import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

/**
 * A named stream of committed changes that a domain publishes after its transaction
 * commits (cases and community services are two topics). Declared by the domain (its
 * manifest lists it), so the bus itself knows no domain.
 */
export interface Topic<T> {
  name: string;
  /** Turns an event back into itself after a trip through JSON (Redis): dates, mostly. */
  revive?(raw: T): T;
  /**
   * Delivery in id order with no gap and no duplicate, for a topic whose events a table
   * keeps with monotonic ids: where the table stood at start, and how to read the events
   * strictly between two ids when one was lost or arrived early.
   */
  order?: {
    idOf(event: T): bigint;
    last(ds: DataSource): Promise<bigint | null>;
    between(ds: DataSource, after: bigint, before: bigint): Promise<T[]>;
  };
  /**
   * For a topic without an order: the events committed since `from` (from its table), handed
   * again to this process's listeners after an outage of the bus. Its events must be hints (a
   * listener re-reads what changed), so one delivered twice costs a re-read, where one missed
   * would leave a screen stale.
   */
  since?(ds: DataSource, from: Date): Promise<T[]>;
}

/** Carries committed events to every subscriber of every API process. */
export interface EventBus {
  /** Never fails the caller: the change is committed whatever the bus does. */
  publish<T>(topic: Topic<T>, events: T[]): Promise<void>;
  /** Calls `listener` for each event of the topic published from now on; answers the unsubscribe. */
  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void;
  /**
   * Calls `listener` whenever the bus may have missed events and carries on again (Redis came
   * back after an outage, or answered for the first time after a start without it), with when
   * the outage began: a topic with an `order` catches up from its table then, one with `since`
   * re-delivers what its table has from then on.
   */
  onResume?(listener: (downSince: Date) => void): void;
  close(): Promise<void>;
}

type Listener = (event: never) => void;

/** How events reached this process's subscribers: through Redis, handed over in this process, or read back from a topic's table. */
export type BusVia = 'redis' | 'direct' | 'table';

/**
 * What a bus reports as it works, for /metrics (`Metrics.busObserver`); the bus knows no metrics
 * library. Every hook is cheap and synchronous; the `watch` ones register probes read at a scrape.
 */
export interface BusObserver {
  /** `count` events of `topic` handed on to this process's subscribers, and how they came. */
  events(topic: string, via: BusVia, count: number): void;
  /** Seconds from an event's publish (in any process) to its arrival here through Redis. */
  delay(topic: string, seconds: number): void;
  /** Redis stopped answering (once per outage). */
  outage(): void;
  /** Whether Redis answers now. */
  watchRedis(up: () => boolean): void;
  /** An ordered topic: the last id delivered here, and how many early events wait for a gap to fill. */
  watchOrdered(topic: Topic<unknown>, state: () => { last: bigint | null; pending: number }): void;
}

/** A bus with no one watching. */
const UNOBSERVED: BusObserver = { events() {}, delay() {}, outage() {}, watchRedis() {}, watchOrdered() {} };

/**
 * A Redis message: the events and when they were published (ms since the epoch), for the delay.
 * A bare array is an older process's message (a rolling restart), taken without a time.
 */
type Message<T> = { at: number; events: T[] } | T[];

/** One process: listeners are called synchronously, in publish order. */
export class MemoryBus implements EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** `observer`: set when this is the process's bus (no Redis); inside another bus, that one reports. */
  constructor(private readonly observer: BusObserver = UNOBSERVED) {}

  async publish<T>(topic: Topic<T>, events: T[]): Promise<void> {
    this.observer.events(topic.name, 'direct', events.length);
    const listeners = this.listeners.get(topic.name);
    if (!listeners) return;
    for (const event of events) for (const listener of listeners) (listener as (e: T) => void)(event);
  }

  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void {
    let set = this.listeners.get(topic.name);
    if (!set) this.listeners.set(topic.name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/**
 * Several processes: each topic is a Redis pub/sub channel (`<prefix>:<topic>`), and events
 * come back to the publishing process through it too, so every subscriber of every process
 * sees one stream in one order.
 *
 * Redis is not the record (the topics' tables are): while it is unreachable a publish fails at
 * once (no offline queue, so a report is never held up by it) and the events go to this process's
 * own subscribers directly; when both connections are back, `onResume` listeners run,
 * and every ordered topic re-reads what it missed from its table, in id order (`OrderedBus`),
 * and every topic with `since` re-delivers what its table has from the outage's start.
 * A process that starts while Redis is down serves (`createEventBus` waits only `START_WAIT_MS`)
 * as if an outage had begun at its start.
 */
export class RedisBus implements EventBus {
  private readonly local = new MemoryBus();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly ready: Promise<unknown>;
  private readonly resumeListeners = new Set<(downSince: Date) => void>();
  /** Set while Redis is unreachable (logged once per outage); until both connections are first ready, too. */
  private down = true;
  /** When the current outage began (for the first, the bus's creation). */
  private downSince = new Date();
  private connectedOnce = false;
  private startLogged = false;
  private closed = false;

  /** `prefix` names the database, so streets in different databases never mix on one Redis. */
  constructor(
    url: string,
    private readonly prefix: string,
    topics: Topic<unknown>[],
    private readonly observer: BusObserver = UNOBSERVED,
  ) {
    const byChannel = new Map(topics.map((t) => [this.channel(t), t]));
    // Reconnect every 500 ms at most: an outage ends for the subscribers soon after Redis is back.
    const retryStrategy = (times: number) => Math.min(times * 100, 500);
    this.pub = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
    this.sub = new Redis(url, { lazyConnect: false, retryStrategy });
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.lost(error));
      connection.on('ready', () => this.back());
    }
    this.sub.on('close', () => this.lost());
    this.sub.on('message', (channel: string, message: string) => {
      const topic = byChannel.get(channel);
      if (!topic) return;
      const parsed = JSON.parse(message) as Message<unknown>;
      const events = Array.isArray(parsed) ? parsed : parsed.events;
      if (!Array.isArray(parsed)) this.observer.delay(topic.name, Math.max(0, Date.now() - parsed.at) / 1000);
      this.observer.events(topic.name, 'redis', events.length);
      void this.local.publish(topic, topic.revive ? events.map((e) => topic.revive!(e)) : events);
    });
    this.ready = this.sub.subscribe(...byChannel.keys());
    observer.watchRedis(() => !this.down);
  }

  private lost(error?: Error): void {
    if (this.closed) return;
    if (this.down) {
      if (!this.connectedOnce && !this.startLogged) {
        this.startLogged = true;
        console.error(
          `event bus: Redis unreachable at start (${error?.message ?? 'connection closed'}); ` +
            "events go to this process's subscribers directly until it answers",
        );
      }
      return;
    }
    this.down = true;
    this.downSince = new Date();
    this.observer.outage();
    // A failure that leaves both connections up (no 'ready' will follow) is over at the next look.
    setTimeout(() => this.back(), 1000).unref();
    console.error(
      `event bus: Redis unreachable (${error?.message ?? 'connection closed'}); events go to this process's subscribers directly`,
    );
  }

  /** Both connections up again after an outage: the ordered topics catch up from their tables. */
  private back(): void {
    if (!this.down || this.closed || this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
    this.down = false;
    const first = !this.connectedOnce;
    this.connectedOnce = true;
    // A start with Redis at hand is no outage; one without it was, from the start.
    if (first && !this.startLogged) return;
    console.log(`event bus: Redis ${first ? 'answers' : 'is back'}; catching up from the event tables`);
    for (const listener of this.resumeListeners) listener(this.downSince);
  }

  /** Hands `events` to this process's own subscribers only (a re-delivery after an outage: each process reads its own). */
  async deliverLocally<T>(topic: Topic<T>, events: T[]): Promise<void> {
    this.observer.events(topic.name, 'table', events.length);
    await this.local.publish(topic, events);
  }

  private channel(topic: Topic<unknown>): string {
    return `${this.prefix}:${topic.name}`;
  }

  async publish<T>(topic: Topic<T>, events: T[]): Promise<void> {
    if (!events.length) return;
    const sent =
      this.pub.status === 'ready'
        ? await this.pub.publish(this.channel(topic as Topic<unknown>), JSON.stringify({ at: Date.now(), events })).then(
            () => true,
            (error: Error) => (this.lost(error), false),
          )
        : false;
    if (sent) return;
    this.observer.events(topic.name, 'direct', events.length);
    await this.local.publish(topic, events);
  }

  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void {
    return this.local.subscribe(topic, listener);
  }

  onResume(listener: (downSince: Date) => void): void {
    this.resumeListeners.add(listener);
  }

  /** Resolves once the channel subscriptions are live (never, while Redis cannot be reached). */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.resumeListeners.clear();
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

/** How long a starting process waits for Redis before serving without it. */
const START_WAIT_MS = 3000;
/** How far before an outage's start a topic's `since` re-reads (transactions in flight then). */
const REDELIVER_MARGIN_MS = 10_000;

/** How long an out-of-order event waits for the ones before it before the table is asked. */
const GAP_WAIT_MS = 250;
/** A gap wider than this (e.g. history written straight to the table) is skipped, not filled. */
const MAX_GAP_FILL = 10_000;

/**
 * Hands one topic's events to listeners in id order with no gap and no duplicate (its
 * `order`); every other topic passes straight through to `inner`. The ids follow commit
 * order (the topic's table takes care), so every id below one that arrived is settled:
 * when an event arrives early it waits briefly for the missing ones, then the table fills
 * the gap (a publish lost, or a transaction rolled back after taking its id). Without
 * this, two processes publishing at once could deliver n+1 before n, and a client that
 * resumed from n+1 would never see n.
 */
export class OrderedBus<E> implements EventBus {
  private readonly local = new MemoryBus();
  private readonly pending = new Map<bigint, E>();
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private readonly order: NonNullable<Topic<E>['order']>;
  private closed = false;

  /** `last`: the highest id already in the topic's table when the process started. */
  constructor(
    private readonly inner: EventBus,
    private readonly topic: Topic<E>,
    private readonly ds: DataSource,
    private last: bigint | null,
    private readonly observer: BusObserver = UNOBSERVED,
  ) {
    if (!topic.order) throw new Error(`topic ${topic.name} has no order`);
    this.order = topic.order;
    observer.watchOrdered(topic as Topic<unknown>, () => ({ last: this.last, pending: this.pending.size }));
    this.unsubscribe = inner.subscribe(topic, (e) => this.accept(e));
    // After an outage of the bus: whatever was committed meanwhile, from the table. Once more a
    // second later, for events published while the channels were being subscribed again.
    inner.onResume?.(() => {
      void this.catchUp();
      setTimeout(() => void this.catchUp(), 1000).unref();
    });
  }

  onResume(listener: (downSince: Date) => void): void {
    this.inner.onResume?.(listener);
  }

  /** Delivers, in id order, every event the table has beyond the last one delivered. */
  async catchUp(): Promise<void> {
    if (this.closed || !this.ds.isInitialized || this.last === null) return;
    try {
      const max = await this.order.last(this.ds);
      if (max === null || max <= this.last) return;
      const from = this.last;
      const rows = max - from > MAX_GAP_FILL ? [] : await this.order.between(this.ds, from, max + 1n);
      this.emitRead(rows);
      if (this.last! < max) this.last = max;
      for (const id of [...this.pending.keys()]) if (id <= this.last!) this.pending.delete(id);
      this.drain();
    } catch (error) {
      console.error(`event bus: catch-up of ${this.topic.name} failed`, error);
    }
  }

  publish<T>(topic: Topic<T>, events: T[]): Promise<void> {
    return this.inner.publish(topic, events);
  }

  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void {
    return (topic as Topic<unknown>) === (this.topic as Topic<unknown>)
      ? this.local.subscribe(topic, listener)
      : this.inner.subscribe(topic, listener);
  }

  private accept(e: E): void {
    const id = this.order.idOf(e);
    if (this.last !== null && id <= this.last) return;
    if (this.last === null || id === this.last + 1n) {
      this.emit(id, e);
      this.drain();
      return;
    }
    this.pending.set(id, e);
    this.timer ??= setTimeout(() => void this.fill(), GAP_WAIT_MS);
  }

  /** Emits the rows read from the table beyond the last delivered, preferring an early arrival's copy. */
  private emitRead(rows: E[]): void {
    let read = 0;
    for (const row of rows) {
      const id = this.order.idOf(row);
      if (id <= this.last!) continue;
      const early = this.pending.get(id);
      if (!early) read++;
      this.emit(id, early ?? row);
    }
    if (read) this.observer.events(this.topic.name, 'table', read);
  }

  private emit(id: bigint, e: E): void {
    this.last = id;
    void this.local.publish(this.topic, [e]);
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
      const rows = upTo - from > MAX_GAP_FILL || !this.ds.isInitialized ? [] : await this.order.between(this.ds, from, upTo);
      this.emitRead(rows);
      if (this.last! < upTo - 1n) this.last = upTo - 1n;
      for (const id of [...this.pending.keys()]) if (id <= this.last!) this.pending.delete(id);
    } catch (error) {
      console.error(`event bus: gap fill of ${this.topic.name} failed, skipping`, error);
      this.last = upTo - 1n;
    }
    this.drain();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    await this.local.close();
    await this.inner.close();
  }
}

/**
 * The bus of one API process for the domains' topics: Redis when a URL is given
 * (REDIS_URL), otherwise in memory; each topic with an `order` delivered in id order.
 */
export async function createEventBus(
  ds: DataSource,
  topics: Topic<unknown>[],
  {
    redisUrl,
    startWaitMs = START_WAIT_MS,
    observer = UNOBSERVED,
  }: { redisUrl?: string; startWaitMs?: number; observer?: BusObserver } = {},
): Promise<EventBus> {
  let bus: EventBus;
  if (redisUrl) {
    const [{ db }]: { db: string }[] = await ds.query(`SELECT current_database() AS db`);
    const redis = new RedisBus(redisUrl, `streetgrid:events:${db}`, topics, observer);
    // Serve without Redis rather than wait for it: the tables are the record, and the bus catches up when it answers.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([redis.whenReady(), new Promise((ok) => (timer = setTimeout(ok, startWaitMs)))]);
    clearTimeout(timer);
    for (const topic of topics) {
      const since = topic.since;
      if (!since) continue;
      const redeliver = (from: Date) =>
        since(ds, from).then(
          (events) => redis.deliverLocally(topic, events),
          (error: unknown) => console.error(`event bus: re-delivery of ${topic.name} failed`, error),
        );
      redis.onResume((downSince) => {
        if (!ds.isInitialized) return;
        // From a little before the outage (a transaction's time is its start, not its commit), and
        // once more a second later for changes published while the channels were subscribed again.
        const resumed = Date.now();
        void redeliver(new Date(downSince.getTime() - REDELIVER_MARGIN_MS));
        setTimeout(() => void (ds.isInitialized && redeliver(new Date(resumed - REDELIVER_MARGIN_MS))), 1000).unref();
      });
    }
    bus = redis;
  } else bus = new MemoryBus(observer);
  for (const topic of topics) if (topic.order) bus = new OrderedBus(bus, topic, ds, (await topic.order.last(ds)) ?? 0n, observer);
  return bus;
}
