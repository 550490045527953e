import type { DataSource, EntityManager } from 'typeorm';
import type { Topic } from './bus';

/**
 * Work another domain does inside the transaction that wrote an event, before it commits
 * (e.g. the inbox and outbox rows a case step causes): it commits or rolls back with the
 * change. The bus (`bus.ts`) carries events after commit, to live views; this carries them
 * before, to writes that must not be lost or made for a change that never happened.
 */
export type TransactionListener<T> = (m: EntityManager, events: readonly T[]) => Promise<void>;

/** Listeners by database (several apps may share a process in tests), then by topic name. */
const registry = new WeakMap<DataSource, Map<string, Set<TransactionListener<never>>>>();

/** Calls `listener` in the writing transaction for each batch of `topic`'s events written on `ds`; answers the undo. */
export function listenInTransaction<T>(ds: DataSource, topic: Topic<T>, listener: TransactionListener<T>): () => void {
  let topics = registry.get(ds);
  if (!topics) registry.set(ds, (topics = new Map()));
  let set = topics.get(topic.name);
  if (!set) topics.set(topic.name, (set = new Set()));
  const added = listener as TransactionListener<never>;
  set.add(added);
  return () => set.delete(added);
}

/**
 * Hands events just written by `m` (inside its transaction) to the listeners of `topic`. A
 * listener's failure fails the transaction: the change and what it causes commit together.
 */
export async function announceInTransaction<T>(m: EntityManager, topic: Topic<T>, events: readonly T[]): Promise<void> {
  const set = registry.get(m.dataSource)?.get(topic.name);
  if (!set?.size || !events.length) return;
  for (const listener of set) await (listener as TransactionListener<T>)(m, events);
}
