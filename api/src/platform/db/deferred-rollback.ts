import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A read session's last round trip was its `ROLLBACK`. On PostgreSQL it is deferred instead: the
 * connection goes back to its pool still inside the caller's read-only transaction, marked, and
 * its next statement — whoever sends it, a session or the system — is preceded by the `ROLLBACK`
 * in the same message (a plain statement: `ROLLBACK; …`) or, for anything else (parameters, a
 * stream), as a query queued before it on the same connection (`pg` runs a connection's queries
 * in order). So no statement ever runs inside another caller's transaction, and a read of one
 * statement is one round trip after the opening travels with it (see `DbSession`).
 *
 * A connection that nobody takes within `IDLE_MS` sends its `ROLLBACK` alone: an idle
 * connection must not hold the read's `ACCESS SHARE` locks, which would hold up DDL (policies
 * brought up to date by another API process starting). A read-committed transaction holds no
 * snapshot between statements, so vacuum is not held back meanwhile.
 *
 * Not on the embedded database: PGlite is one backend session shared by every connection of
 * the socket server (another process's CLI included), so nothing may stay open there.
 */
const IDLE_MS = 50;

const deferring = new WeakSet<DataSource>();
const pending = new WeakMap<PoolClient, NodeJS.Timeout>();
const originals = new WeakMap<PoolClient, PoolClient['query']>();

/** Lets sessions on `ds` defer their rollback (PostgreSQL; not the embedded database). */
export function deferRollbacks(ds: DataSource): void {
  deferring.add(ds);
}

export function defersRollback(ds: DataSource): boolean {
  return deferring.has(ds);
}

/** Marks `client`, about to go back to its pool inside a read transaction, as owing a `ROLLBACK`. */
export function deferRollback(client: PoolClient): void {
  if (!originals.has(client)) {
    const query = client.query;
    originals.set(client, query);
    client.query = ((...args: unknown[]) => withRollback(client, query as AnyQuery, args)) as PoolClient['query'];
  }
  clearTimeout(pending.get(client));
  pending.set(
    client,
    setTimeout(() => {
      if (owes(client)) (query(client) as AnyQuery).call(client, 'ROLLBACK').catch(() => {});
    }, IDLE_MS).unref(),
  );
}

/** Whether `client` owes a `ROLLBACK`; the debt is taken (whoever asks sends it). */
function owes(client: PoolClient): boolean {
  const timer = pending.get(client);
  if (!timer) return false;
  clearTimeout(timer);
  pending.delete(client);
  return true;
}

function query(client: PoolClient): PoolClient['query'] {
  return originals.get(client) ?? client.query;
}

function withRollback(client: PoolClient, query: AnyQuery, args: unknown[]): unknown {
  if (!owes(client)) return query.apply(client, args);
  const [text, values, ...rest] = args;
  if (typeof text === 'string' && rest.length === 0 && (values === undefined || (Array.isArray(values) && values.length === 0))) {
    // PostgreSQL runs a message's statements in order and stops at the first that fails.
    return query.call(client, `ROLLBACK; ${text}`).then((results: unknown) => {
      const list = results as unknown[];
      return list.length === 2 ? list[1] : list.slice(1);
    });
  }
  // Queued first on the connection; a failure shows on the statement after it as well.
  query.call(client, 'ROLLBACK').catch(() => {});
  return query.apply(client, args);
}

type AnyQuery = (...args: unknown[]) => Promise<unknown>;
