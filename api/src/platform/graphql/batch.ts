import { isUuid } from './validate';

/** Orders rows to match `keys` for a DataLoader: one row (or null) per key. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows to match `keys` for a DataLoader: a list (maybe empty) per key. */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Keys that can be ids at all: a malformed id finds nothing rather than failing the batch. */
export function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** `IN ()` is a syntax error: an impossible id stands in for an empty list. */
export function withNone(ids: string[]): string[] {
  return ids.length ? ids : ['00000000-0000-0000-0000-000000000000'];
}
