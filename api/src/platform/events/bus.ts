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
}

/** Carries committed events to every subscriber of every API process. */
export interface EventBus {
  /** Never fails the caller: the change is committed whatever the bus does. */
  publish<T>(topic: Topic<T>, events: T[]): Promise<void>;
  /** Calls `listener` for each event of the topic published from now on; answers the unsubscribe. */
  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void;
  close(): Promise<void>;
}

type Listener = (event: never) => void;

/** One process: listeners are called synchronously, in publish order. */
export class MemoryBus implements EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  async publish<T>(topic: Topic<T>, events: T[]): Promise<void> {
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
 */
export class RedisBus implements EventBus {
  private readonly local = new MemoryBus();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly ready: Promise<unknown>;

  /** `prefix` names the database, so streets in different databases never mix on one Redis. */
  constructor(
    url: string,
    private readonly prefix: string,
    topics: Topic<unknown>[],
  ) {
    const byChannel = new Map(topics.map((t) => [this.channel(t), t]));
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('message', (channel: string, message: string) => {
      const topic = byChannel.get(channel);
      if (!topic) return;
      const events = JSON.parse(message) as unknown[];
      void this.local.publish(topic, topic.revive ? events.map((e) => topic.revive!(e)) : events);
    });
    this.ready = this.sub.subscribe(...byChannel.keys());
  }

  private channel(topic: Topic<unknown>): string {
    return `${this.prefix}:${topic.name}`;
  }

  async publish<T>(topic: Topic<T>, events: T[]): Promise<void> {
    if (!events.length) return;
    await this.pub
      .publish(this.channel(topic as Topic<unknown>), JSON.stringify(events))
      .catch((error: unknown) => console.error(`event bus: publish on ${topic.name} failed`, error));
  }

  subscribe<T>(topic: Topic<T>, listener: (event: T) => void): () => void {
    return this.local.subscribe(topic, listener);
  }

  /** Resolves once the channel subscriptions are live. */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

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

  /** `last`: the highest id already in the topic's table when the process started. */
  constructor(
    private readonly inner: EventBus,
    private readonly topic: Topic<E>,
    private readonly ds: DataSource,
    private last: bigint | null,
  ) {
    if (!topic.order) throw new Error(`topic ${topic.name} has no order`);
    this.order = topic.order;
    this.unsubscribe = inner.subscribe(topic, (e) => this.accept(e));
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
      for (const row of rows) {
        const id = this.order.idOf(row);
        if (id > this.last!) this.emit(id, this.pending.get(id) ?? row);
      }
      if (this.last! < upTo - 1n) this.last = upTo - 1n;
      for (const id of [...this.pending.keys()]) if (id <= this.last!) this.pending.delete(id);
    } catch (error) {
      console.error(`event bus: gap fill of ${this.topic.name} failed, skipping`, error);
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

/**
 * The bus of one API process for the domains' topics: Redis when a URL is given
 * (REDIS_URL), otherwise in memory; each topic with an `order` delivered in id order.
 */
export async function createEventBus(ds: DataSource, topics: Topic<unknown>[], redisUrl?: string): Promise<EventBus> {
  let bus: EventBus;
  if (redisUrl) {
    const [{ db }]: { db: string }[] = await ds.query(`SELECT current_database() AS db`);
    const redis = new RedisBus(redisUrl, `streetgrid:events:${db}`, topics);
    await redis.whenReady();
    bus = redis;
  } else bus = new MemoryBus();
  for (const topic of topics) if (topic.order) bus = new OrderedBus(bus, topic, ds, (await topic.order.last(ds)) ?? 0n);
  return bus;
}
