import { GraphQLError } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { type ClassType, Field, ID, ObjectType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { SyncConfig } from '../config';
import { type Db, DbSession } from '../db/session';
import { ConnectionFields, type ConnectionShape, pageSize } from './connection';
import { badInput } from './errors';

/**
 * Departments' systems pull changes, not everything: a list given `changedSince` answers the
 * rows of its kind changed (inserted or updated: `updated_at`, stamped by a trigger) after the
 * cursor, ordered by (updated_at, id), the rows deleted since (`removed`, from `tombstone`) and
 * the `syncCursor` to pass next time. `changedSince: ""` starts from the beginning (a full pull).
 * Row-level security decides both (a department key sees the kinds its scopes name, a leader
 * their subtrees), and the list's own filters still apply to the rows.
 *
 * Commit-time skew: a row's stamp is taken while its transaction runs, so a transaction that
 * commits late can carry a stamp older than a cursor already handed out, and a cursor past it
 * would skip the row for ever. Remedy: the cursor never passes `sync_horizon()` (migration
 * 1765700000000): `SYNC_WINDOW_MS` before now, and before the start of any other transaction
 * that has written and not yet ended (read from pg_stat_activity; the stamp trigger makes the
 * transaction take its id before it reads the clock, so one without an id stamps later than
 * now). Rows stamped after the horizon wait for the next pull. The horizon is read in its own
 * statement before the rows, so under READ COMMITTED the rows' snapshot is newer than it.
 *
 * Tombstones are pruned after `SYNC_RETENTION_DAYS`; a cursor older than that answers
 * SYNC_CURSOR_EXPIRED (the client resyncs in full with `changedSince: ""`).
 */

/** A row deleted since the cursor: the client forgets it. */
@ObjectType({ description: 'A row deleted since the sync cursor (forget it)' })
export class Tombstone {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLDateTime)
  deletedAt!: Date;
}

export interface SyncConnectionShape<T> extends ConnectionShape<T> {
  syncCursor: string | null;
  removed: Tombstone[];
}

/** A cursor connection (`<Node>Connection`) that also answers a sync's cursor and tombstones. */
export function SyncConnection<T extends object>(Node: ClassType<T>) {
  @ObjectType(`${Node.name}Connection`)
  class SyncConnectionType extends ConnectionFields(Node) implements SyncConnectionShape<T> {
    @Field(() => String, {
      nullable: true,
      description: 'With changedSince: the cursor to pass as changedSince next time (the one given when nothing changed)',
    })
    syncCursor!: string | null;

    @Field(() => [Tombstone], { description: 'With changedSince: the rows of this kind deleted since the cursor (empty without)' })
    removed!: Tombstone[];
  }
  return SyncConnectionType;
}

/** The `changedSince` argument's description, the same on every list. */
export const SYNC_ARG =
  'Sync: "" for a full pull, then the last syncCursor — rows changed since, oldest first (by updatedAt, id), with removed; not with after';

/** A list's sync arguments: the cursor (null: no sync) and the process's settings. */
export interface SyncArgs {
  changedSince?: string | null;
  config: SyncConfig;
}

/** A list's page without a sync. */
export function withoutSync<T>(page: ConnectionShape<T>): SyncConnectionShape<T> {
  return Object.assign(page, { syncCursor: null, removed: [] });
}

/** Which tombstones a list's kind reads (its API-key scope), and how its filter narrows them. */
export interface SyncKind {
  kind: 'Grid' | 'Building' | 'Household' | 'Resident' | 'Case' | 'PartyOrganization';
  /** The list's gridId filter, if any: tombstones under that grid only. */
  underGridId?: string | null;
}

interface Key {
  at: string;
  id: string;
}

/** A timestamptz as text with every microsecond, in UTC (`2026-12-05T15:00:00.123456Z`): sortable as text. */
const AT_TEXT = (sql: string) => `to_char((${sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR = /^v1\|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MAX_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Opaque: base64url of the version, the time (µs, UTC) and the id of the last change handed out. */
export function encodeSyncCursor(key: Key): string {
  return Buffer.from(`v1|${key.at}|${key.id}`, 'utf8').toString('base64url');
}

/** The key of a cursor; null for "" (from the beginning). */
export function decodeSyncCursor(cursor: string): Key | null {
  if (cursor === '') return null;
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput('changedSince', 'is not a sync cursor from this API (pass "" to start from the beginning)');
  return { at: m[1], id: m[2] };
}

export function syncCursorExpired(retentionDays: number): GraphQLError {
  return new GraphQLError(`changedSince: the cursor is older than ${retentionDays} days of kept deletions; resync from changedSince: ""`, {
    extensions: { code: 'SYNC_CURSOR_EXPIRED', field: 'changedSince', retentionDays },
  });
}

const before = (a: Key, b: Key) => a.at < b.at || (a.at === b.at && a.id < b.id);

/**
 * One page of a sync over `qb` (the list's query: scope and filters applied, alias `alias`):
 * the rows changed after `changedSince` up to the horizon, oldest first, at most `first`; the
 * tombstones of `kind` in the same span; and the cursor where the next pull starts.
 */
export async function syncPage<T extends { id: string }>(
  db: Db,
  config: SyncConfig,
  qb: SelectQueryBuilder<T>,
  alias: string,
  what: SyncKind,
  args: { changedSince: string; first?: number | null; after?: string | null },
): Promise<SyncConnectionShape<T>> {
  if (args.after != null) throw badInput('after', 'is not used with changedSince: pass the last syncCursor as changedSince');
  const limit = pageSize(args.first);
  const from = decodeSyncCursor(args.changedSince);
  // The horizon knows the writers in flight from pg_stat_activity, which only the primary has: a sync reads there.
  await DbSession.of(db)?.readPrimary();
  // Its own statement, before the rows' (see above).
  const [state]: { horizon: string; expired: boolean }[] = await db.query(
    `SELECT ${AT_TEXT(`sync_horizon($1) - interval '1 microsecond'`)} AS horizon,
            coalesce($2::timestamptz < now() - make_interval(days => $3), false) AS expired`,
    [config.windowMs, from?.at ?? null, config.retentionDays],
  );
  if (state.expired) throw syncCursorExpired(config.retentionDays);
  const top: Key = { at: state.horizon, id: MAX_ID };

  if (from) {
    qb.andWhere(`(${alias}.updated_at, ${alias}.id) > (CAST(:__syncAt AS timestamptz), CAST(:__syncId AS uuid))`, {
      __syncAt: from.at,
      __syncId: from.id,
    });
  }
  qb.andWhere(`${alias}.updated_at <= CAST(:__syncTop AS timestamptz)`, { __syncTop: top.at });
  const counter = qb.clone();
  const { entities, raw } = await qb
    .addSelect(AT_TEXT(`${alias}.updated_at`), '__sync_at')
    .orderBy(`${alias}.updated_at`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(limit + 1)
    .getRawAndEntities<{ __sync_at: string }>();
  const rows = entities.map((row, i) => ({ row, key: { at: raw[i].__sync_at, id: row.id } }));

  // From the beginning there is nothing to forget.
  const tombs: { id: string; deletedAt: Date; at: string }[] = from
    ? await db.query(
        `SELECT entity_id AS id, deleted_at AS "deletedAt", ${AT_TEXT('deleted_at')} AS at FROM tombstone
          WHERE kind = $1 AND (deleted_at, entity_id) > ($2::timestamptz, $3::uuid) AND deleted_at <= $4::timestamptz
            AND ($5::uuid IS NULL OR grid_path <@ (SELECT path FROM grid WHERE id = $5::uuid))
          ORDER BY deleted_at, entity_id LIMIT $6`,
        [what.kind, from.at, from.id, top.at, what.underGridId ?? null, limit + 1],
      )
    : [];

  // The page ends where the first of the two streams was cut, else at the horizon.
  let end = top;
  if (rows.length > limit) end = rows[limit - 1].key;
  if (tombs.length > limit) {
    const t = tombs[limit - 1];
    if (before({ at: t.at, id: t.id }, end)) end = { at: t.at, id: t.id };
  }
  const nodes = rows.filter((r) => !before(end, r.key)).map((r) => r.row);
  const removed = tombs.filter((t) => !before(end, { at: t.at, id: t.id })).map(({ id, deletedAt }) => ({ id, deletedAt }));
  const cut = end !== top;
  const syncCursor = nodes.length === 0 && removed.length === 0 ? args.changedSince : encodeSyncCursor(end);
  let total: Promise<number> | undefined;
  return {
    nodes,
    removed,
    syncCursor,
    get totalCount() {
      return (total ??= counter.getCount());
    },
    pageInfo: { hasNextPage: cut, endCursor: cut ? syncCursor : null },
  };
}

/** Deletes tombstones older than the retention (as the owner, a job); answers how many. */
export async function pruneTombstones(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  config: SyncConfig,
): Promise<number> {
  const result = (await db.query(`DELETE FROM tombstone WHERE deleted_at < now() - make_interval(days => $1)`, [config.retentionDays])) as [
    unknown,
    number,
  ];
  return result[1];
}
