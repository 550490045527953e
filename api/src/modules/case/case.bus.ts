import { Redis } from 'ioredis';
import type { CaseEvent } from './case.entity';

/**
 * Carries committed case events to every subscriber of every API process. Publishing
 * happens after the commit; a subscriber that missed something (a restart, a dropped
 * Redis message) recovers it by replaying from case_event with its cursor.
 */
export interface CaseBus {
  publish(events: CaseEvent[]): Promise<void>;
  /** Calls `listener` for each event published from now on; answers the unsubscribe. */
  subscribe(listener: (event: CaseEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: listeners are called synchronously, in publish order. */
export class MemoryCaseBus implements CaseBus {
  private readonly listeners = new Set<(event: CaseEvent) => void>();

  async publish(events: CaseEvent[]): Promise<void> {
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

const CHANNEL = 'streetgrid:case-events';

/**
 * Several processes: events go through one Redis pub/sub channel, including back to the
 * publishing process, so every subscriber sees one stream in one order.
 */
export class RedisCaseBus implements CaseBus {
  private readonly local = new MemoryCaseBus();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly ready: Promise<unknown>;

  constructor(url: string) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('message', (_channel: string, message: string) => {
      void this.local.publish((JSON.parse(message) as CaseEvent[]).map(reviveEvent));
    });
    this.ready = this.sub.subscribe(CHANNEL);
  }

  /** Never fails the caller: the change is committed, and a subscriber that misses it replays it. */
  async publish(events: CaseEvent[]): Promise<void> {
    if (!events.length) return;
    await this.pub.publish(CHANNEL, JSON.stringify(events)).catch((error: unknown) => console.error('case bus: publish failed', error));
  }

  subscribe(listener: (event: CaseEvent) => void): () => void {
    return this.local.subscribe(listener);
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

/** Redis when a URL is given (REDIS_URL), otherwise in-memory. */
export async function createCaseBus(redisUrl?: string): Promise<CaseBus> {
  if (!redisUrl) return new MemoryCaseBus();
  const bus = new RedisCaseBus(redisUrl);
  await bus.whenReady();
  return bus;
}
