// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pg/lib/utils has no types; the test tsconfig must see them too
/// <reference path="./pg-utils.d.ts" />
import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeLiteral, type PoolClient } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { deferRollback, defersRollback } from './deferred-rollback';
import { PrimaryUnavailableError, type ReadReplicas, type Replica, replicasOf, replicaRetryable } from './replicas';

/**
 * The database as one caller sees it: an EntityManager whose every statement runs inside a
 * transaction that first switched to the caller's PostgreSQL role and settings, so the
 * row-level security policies decide what it reads and writes. Services take a `Db` and
 * never know whether it is a request's session or the system's DataSource manager.
 */
export type Db = EntityManager;

/** A PostgreSQL role the API switches to for a caller, and the settings its policies read (`sg.*`). */
export interface DbIdentity {
  role: string;
  settings: Record<string, string>;
}

/** The transaction control statements TypeORM issues (startTransaction, commitTransaction, rollbackTransaction). */
const START = /^\s*START TRANSACTION\s*$/i;
const COMMIT = /^\s*COMMIT\s*$/i;
const ROLLBACK = /^\s*ROLLBACK\s*$/i;
/** current transaction is aborted: a read-only transaction is reopened and the statement tried once more. */
const ABORTED = '25P02';

const sessionOf = new WeakMap<QueryRunner, DbSession>();
/** Marks the async work that runs inside `DbSession.system`, so other work on the session waits for it. */
const systemWork = new AsyncLocalStorage<DbSession>();

/**
 * One caller's connection, held from its first statement to `end()`. The invariant: from
 * the first statement on, the connection is always inside a transaction that began with
 * `SET LOCAL ROLE <viewer role>` and the viewer's settings. Reads share one READ ONLY
 * transaction (a write outside a transaction fails loudly); `manager.transaction(work)`
 * (and `inTransaction`) runs a READ WRITE transaction with the same identity; every
 * transaction boundary is rewritten so that the next configured transaction opens in the
 * same message, so no statement ever runs between them as the connection's own user.
 * `end()` rolls back the read transaction and returns the connection to the pool (all
 * settings were LOCAL, so nothing of the caller stays on it); the session may be used
 * again afterwards (a subscription ends it after each event it delivers).
 */
export class DbSession {
  readonly manager: EntityManager;
  private readonly qr: QueryRunner;
  private mode: 'idle' | 'read' | 'write' = 'idle';
  private poisoned = false;
  private opening: Promise<unknown> | null = null;
  /** While `system()` or `elevated()` runs: other statements of this session wait for it. */
  private exclusive: Promise<unknown> | null = null;
  private readonly configure: string;
  /** Opens the read transaction as the caller: `START TRANSACTION READ ONLY` and the settings' `SELECT` (two statements). */
  private readonly openRead: string;
  /** Statements go to the connection one after another, in the order they were issued (transaction control included). */
  private tail: Promise<unknown> = Promise.resolve();
  /** How many transaction controls were issued: `end()` leaves the mode to one issued after it. */
  private controls = 0;
  /** After `close()`: the caller is gone, and a statement issued now fails instead of taking a connection. */
  private closed = false;
  /** The read replicas of the DataSource (DATABASE_READ_URLS), if any. */
  private readonly replicas: ReadReplicas | undefined;
  /** Reads may go to a replica (`preferReplica`) until the session writes or its replica fails. */
  private readReplica = false;
  /** The replica connection the session holds, if it holds one. */
  private onReplica: { replica: Replica; client: PoolClient } | undefined;
  /**
   * The read transaction's opening (`START TRANSACTION READ ONLY` and the caller's settings) when
   * it has not been sent yet: it goes in the same message as the next statement (see `send`).
   */
  private pendingOpen: string | null = null;
  /** On PostgreSQL a read transaction's ROLLBACK is sent with the connection's next statement (see deferred-rollback.ts). */
  private readonly defersRollback: boolean;

  constructor(
    ds: DataSource,
    readonly identity: DbIdentity,
  ) {
    this.configure = settingsSql(identity);
    this.openRead = `START TRANSACTION READ ONLY; ${this.configure}`;
    this.replicas = replicasOf(ds);
    this.defersRollback = defersRollback(ds);
    this.qr = ds.createQueryRunner();
    this.manager = this.qr.manager;
    const replicas = this.replicas;
    if (replicas) {
      // With read replicas, the probes know when the primary is unreachable: its connections fail at once then.
      const connect = this.qr.connect.bind(this.qr);
      this.qr.connect = () => (replicas.primaryUp ? connect() : Promise.reject(new PrimaryUnavailableError()));
    }
    sessionOf.set(this.qr, this);
    const run = this.qr.query.bind(this.qr) as RunQuery;
    this.qr.query = ((sql: string, parameters?: unknown[], structured?: boolean) =>
      this.query(run, sql, parameters, structured)) as QueryRunner['query'];
  }

  /** The session behind a manager, if the manager belongs to one (else it is the system's). */
  static of(m: EntityManager): DbSession | undefined {
    return m.queryRunner ? sessionOf.get(m.queryRunner) : undefined;
  }

  /**
   * Lets this session's reads go to a read replica (a GraphQL query, a GET of a route): only
   * before its first statement, and only when DATABASE_READ_URLS configured replicas. The first
   * write transaction (`START TRANSACTION`, `system()`) moves the session to the primary for good,
   * as does a replica that fails under a read (the read is sent again to the primary). Without
   * replicas this does nothing, and a session that never calls it is exactly as before.
   */
  preferReplica(): void {
    const internals = this.qr as unknown as QueryRunnerInternals;
    if (!this.replicas || this.readReplica || this.closed || this.mode !== 'idle' || internals.databaseConnection) return;
    this.readReplica = true;
    const primary = this.qr.connect.bind(this.qr);
    this.qr.connect = () => this.connectForRead(primary);
  }

  /** The query runner's connect while the session prefers a replica: a replica's connection, else the primary's. */
  private connectForRead(primary: () => Promise<unknown>): Promise<unknown> {
    const q = this.qr as unknown as QueryRunnerInternals;
    if (q.databaseConnection) return Promise.resolve(q.databaseConnection);
    if (q.databaseConnectionPromise) return q.databaseConnectionPromise;
    if (!this.readReplica) return primary();
    const replicas = this.replicas!;
    const connecting = (async () => {
      const got = await replicas.acquire(callerOf(this.identity)).catch(() => undefined);
      if (!got) {
        q.databaseConnectionPromise = undefined;
        return primary();
      }
      this.onReplica = got;
      q.databaseConnection = got.client;
      // The server went away: the replica is down; the session's next statement on it fails and is sent to the primary.
      const onError = (error: unknown) => replicas.markDown(got.replica, error);
      q.releaseCallback = (error?: unknown) => {
        got.client.removeListener('error', onError);
        got.client.release(error as Error | undefined);
      };
      got.client.on('error', onError);
      return got.client;
    })();
    q.databaseConnectionPromise = connecting;
    return connecting;
  }

  /**
   * Sends this session's later reads to the primary (when it was reading a replica): for reads
   * that must see the primary itself, such as a sync's horizon (pg_stat_activity of the writers).
   */
  async readPrimary(): Promise<void> {
    if (this.readReplica || this.onReplica) await this.toPrimary();
  }

  /** Leaves the replica for the primary (before a write): the read transaction there is ended. */
  private async toPrimary(): Promise<void> {
    this.readReplica = false;
    if (this.onReplica) await this.end();
  }

  private async query(run: RunQuery, sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown> {
    if (!this.readReplica) return this.attempt(run, sql, parameters, structured);
    const on: { replica?: { replica: Replica; client: PoolClient } } = {};
    try {
      return await this.attempt(run, sql, parameters, structured, on);
    } catch (error) {
      const broken = on.replica ?? this.onReplica;
      if (!broken || !replicaRetryable(error) || this.mode === 'write') throw error;
      // The replica failed under a read: the session reads the primary from now on, and this statement is sent there.
      this.readReplica = false;
      this.replicas!.failedOver();
      this.replicas!.markDown(broken.replica, error);
      await this.serially(async () => {
        if (this.onReplica === broken) await this.release(this.controls, error);
      });
      return this.attempt(run, sql, parameters, structured);
    }
  }

  private async attempt(
    run: RunQuery,
    sql: string,
    parameters?: unknown[],
    structured?: boolean,
    on?: { replica?: { replica: Replica; client: PoolClient } },
  ): Promise<unknown> {
    this.assertOpen();
    if (this.exclusive && systemWork.getStore() !== this) await this.exclusive.catch(() => {});
    if (START.test(sql)) {
      if (this.readReplica) await this.toPrimary();
      return this.control(
        this.mode === 'read' ? `COMMIT; START TRANSACTION; ${this.configure}` : `START TRANSACTION; ${this.configure}`,
        'write',
      );
    }
    if (COMMIT.test(sql) && this.mode === 'write') {
      await this.control(`COMMIT; ${this.openRead}`, 'read');
      if (this.replicas) await this.noteCommit();
      return;
    }
    if (ROLLBACK.test(sql) && this.mode === 'write') return this.control(`ROLLBACK; ${this.openRead}`, 'read');
    if (this.mode === 'idle' || this.poisoned) await this.open();
    try {
      return await this.serially(() => {
        if (on) on.replica = this.onReplica;
        return this.guarded(run, sql, parameters, structured);
      });
    } catch (error) {
      if (this.mode !== 'read') throw error;
      this.poisoned = true;
      if (codeOf(error) !== ABORTED) throw error;
      await this.open();
      return this.serially(() => this.guarded(run, sql, parameters, structured));
    }
  }

  /**
   * Runs a caller's statement in its turn. An `end()` queued before it may have closed the
   * transaction since the statement was issued: then the read transaction, with the caller's
   * role and settings, is opened again first — a statement never runs outside one (it would run
   * as the connection's own user, whom row-level security does not bind).
   */
  private async guarded(run: RunQuery, sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown> {
    if (this.mode === 'idle') {
      this.mode = 'read';
      this.poisoned = false;
      this.pendingOpen = this.openRead;
    }
    const opening = this.takeOpening();
    if (!opening) return run(sql, parameters, structured);
    const client = await this.connection();
    const inlined = parameters?.length ? inlineParameters(sql, parameters) : sql;
    if (inlined === undefined) {
      // Parameters that have no text form (binary data): the opening goes first, in a message of its own.
      await client.query(opening);
      return run(sql, parameters, structured);
    }
    return withOpening(client, opening, () => run(inlined, [], structured));
  }

  /** The opening not yet sent, now to be sent with the statement in hand (it is sent once). */
  private takeOpening(): string | null {
    const opening = this.pendingOpen;
    this.pendingOpen = null;
    return opening;
  }

  /**
   * Sends transaction control or the session's own statements on the connection, after the
   * opening if it is pending (in the same message); answers the last statement's result.
   */
  private async send(sql: string): Promise<unknown> {
    const client = await this.connection();
    const opening = this.takeOpening();
    if (!opening) return client.query(sql);
    const results = (await client.query(`${opening}; ${sql}`)) as unknown as unknown[];
    return results[results.length - 1];
  }

  /** Runs `statement` once every statement issued before it has finished. */
  private serially<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.tail.then(statement, statement);
    this.tail = result.catch(() => {});
    return result;
  }

  /**
   * Opens (or, after a failed statement, reopens) the shared read-only transaction. Opening from
   * idle sends nothing yet: the opening travels with the next statement, in one message and so one
   * round trip (`guarded`, `send`); the statement still runs after the caller's role and settings.
   */
  private open(): Promise<unknown> {
    if (this.mode === 'idle' && !this.opening) {
      this.mode = 'read';
      this.poisoned = false;
      this.controls++;
      this.pendingOpen = this.openRead;
      return Promise.resolve();
    }
    this.opening ??= this.control(this.mode === 'idle' ? this.openRead : `ROLLBACK; ${this.openRead}`, 'read').finally(
      () => (this.opening = null),
    );
    return this.opening;
  }

  /**
   * Sends transaction control straight to the connection (one message, in order with every
   * other statement; not counted as a statement of the caller).
   */
  private async control(sql: string, mode: 'read' | 'write'): Promise<void> {
    this.mode = mode;
    this.poisoned = false;
    this.controls++;
    await this.serially(() => this.send(sql));
  }

  private async connection(): Promise<PoolClient> {
    return (await this.qr.connect()) as PoolClient;
  }

  /**
   * With read replicas: the primary's WAL position once the caller's write committed, so that
   * their next reads see it (read-your-writes; see `ReadReplicas`). A failure here loses only that.
   */
  private async noteCommit(): Promise<void> {
    const caller = callerOf(this.identity);
    if (!caller) return;
    try {
      const result = (await this.serially(() => this.send('SELECT pg_current_wal_lsn()::text AS lsn'))) as {
        rows: { lsn: string }[];
      };
      this.replicas!.noteWrite(caller, result.rows[0].lsn);
    } catch {
      // the commit stands; the caller's next read may come from a replica that has not replayed it yet
    }
  }

  /**
   * Work as the system (the connection's own user, which the policies let see everything),
   * for what is not one caller's view: signing in, routing a point to the grid that covers
   * it. Runs in its own READ WRITE transaction; other statements of the session wait.
   */
  async system<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    this.assertOpen();
    if (this.readReplica) await this.toPrimary();
    while (this.exclusive) await this.exclusive.catch(() => {});
    const q = this.qr as unknown as TransactionState;
    const done = systemWork.run(this, async () => {
      await this.control(this.mode === 'read' ? 'COMMIT; START TRANSACTION' : 'START TRANSACTION', 'write');
      // TypeORM turns a transaction inside the work into a savepoint of this one.
      [q.isTransactionActive, q.transactionDepth] = [true, 1];
      try {
        const result = await work(this.manager);
        await this.control(`COMMIT; ${this.openRead}`, 'read');
        if (this.replicas) await this.noteCommit();
        return result;
      } catch (error) {
        await this.control(`ROLLBACK; ${this.openRead}`, 'read');
        throw error;
      } finally {
        [q.isTransactionActive, q.transactionDepth] = [false, 0];
      }
    });
    this.exclusive = done;
    try {
      return await done;
    } finally {
      this.exclusive = null;
    }
  }

  /**
   * Reads as the system inside the caller's current transaction (`SET LOCAL ROLE NONE`,
   * then back): for lookups that are not the caller's view of the data but a rule the
   * street applies to it, such as which small grid covers the point of a report or which
   * helpers are within reach of a need. Other statements of the session wait meanwhile.
   */
  async elevated<T>(work: () => Promise<T>): Promise<T> {
    if (systemWork.getStore() === this) return work();
    this.assertOpen();
    while (this.exclusive) await this.exclusive.catch(() => {});
    const done = systemWork.run(this, async () => {
      if (this.mode === 'idle' || this.poisoned) await this.open();
      await this.serially(() => this.send('SET LOCAL ROLE NONE'));
      try {
        return await work();
      } finally {
        // After a failed statement the transaction is aborted: its rollback (rewritten to reopen as the caller) restores the role.
        await this.serially(() => this.send(`SET LOCAL ROLE ${this.identity.role}`)).catch(() => (this.poisoned = this.mode === 'read'));
      }
    });
    this.exclusive = done;
    try {
      return await done;
    } finally {
      this.exclusive = null;
    }
  }

  /**
   * Ends the open transaction and returns the connection to the pool. The session can be used
   * again. It takes its turn among the statements (those issued before it run first, those after
   * it reopen the transaction: see `guarded`), after any system work of the session.
   */
  async end(): Promise<void> {
    while (this.exclusive) await this.exclusive.catch(() => {});
    await this.opening?.catch(() => {});
    const controls = this.controls;
    await this.serially(() => this.release(controls));
  }

  /**
   * The last `end()`: for a session whose caller is gone (an HTTP request answered or aborted,
   * a subscription completed). Statements issued before it run first; one issued after it
   * fails with SessionClosedError. Without this, work that outlives its request (a tile
   * handler still running when the browser cancelled the tile) reopened the transaction
   * after the last `end()` and held the connection for ever: eight cancelled tiles exhausted
   * the pool and hung the server.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new SessionClosedError();
  }

  /** Returns the connection to its pool; `failed` (a replica connection that broke) destroys it without a rollback. */
  private async release(controls: number, failed?: unknown): Promise<void> {
    const internals = this.qr as unknown as QueryRunnerInternals;
    this.onReplica = undefined;
    if (!internals.databaseConnection) return;
    let broken: unknown = failed;
    // An opening never sent left nothing open on the server.
    const opened = this.takeOpening() === null;
    if (this.mode !== 'idle' && opened && !failed) {
      // A read's rollback goes out with the connection's next statement (see deferred-rollback.ts); a write's at once.
      if (this.mode === 'read' && this.defersRollback) deferRollback(internals.databaseConnection);
      else await internals.databaseConnection.query('ROLLBACK').catch((error: unknown) => (broken = error));
    }
    // A transaction begun after end() was issued (queued behind it) keeps the mode it set; it opens on the next connection.
    if (this.controls === controls) {
      this.mode = 'idle';
      this.poisoned = false;
    }
    const q = this.qr as unknown as TransactionState & { releasePostgresConnection(err?: unknown): Promise<void> };
    // A connection whose rollback failed is destroyed rather than pooled.
    await q.releasePostgresConnection(broken);
    // TypeORM would refuse the runner from now on; a session reconnects on its next statement instead.
    internals.isReleased = false;
    internals.databaseConnection = undefined;
    internals.databaseConnectionPromise = undefined;
    q.transactionDepth = 0;
    q.isTransactionActive = false;
  }
}

/**
 * What `$n` may stand inside without being a parameter — comments, E'' and plain strings, quoted
 * identifiers, dollar-quoted bodies — and the parameter `$n` itself (captured).
 */
const SQL_TOKENS =
  /--[^\n]*|\/\*[\s\S]*?\*\/|[Ee]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|\$(\d+)/g;

/**
 * `sql` with each parameter `$n` written in as a literal, for the simple protocol (which takes
 * several statements in one message; the extended protocol, which carries parameters, takes one):
 * pg's own text for the value (`prepareValue`, as it would send it), quoted by `escapeLiteral`,
 * untyped like a parameter sent without a type, so PostgreSQL infers its type from where it stands
 * in the same way. `$n` inside quoted strings and identifiers is left alone. Undefined when a value
 * is binary (a Buffer has no literal here).
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of parameters) {
    const text = prepareValue(value);
    if (typeof text !== 'string' && text !== null) return undefined;
    literals.push(text === null ? 'NULL' : escapeLiteral(text));
  }
  return sql.replace(SQL_TOKENS, (token: string, _tag: string | undefined, n: string | undefined) => {
    if (n === undefined) return token;
    // A `$n` beyond the parameters stays, for PostgreSQL to refuse as it would have.
    return literals[Number(n) - 1] ?? token;
  });
}

/**
 * Runs `work`, whose first statement on `client` (a plain one, without parameters: the simple
 * protocol, which takes several statements in one message) is sent as `opening; statement`. The
 * statement's own result is answered, as if it had been sent alone: PostgreSQL runs the message's
 * statements in order and stops at the first that fails, so the statement never runs without the
 * opening (the caller's role and settings) having run first.
 */
async function withOpening<T>(client: PoolClient, opening: string, work: () => Promise<T>): Promise<T> {
  const query = client.query;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    client.query = query;
    if (typeof text !== 'string' || (Array.isArray(values) && values.length) || callback)
      return (query as AnyQuery).call(client, opening).then(() => (query as AnyQuery).call(client, text, values, callback));
    return (query as AnyQuery).call(client, `${opening}; ${text}`, values).then((results: unknown) => {
      const list = results as unknown[];
      return list.length === OPENING_STATEMENTS + 1 ? list[OPENING_STATEMENTS] : list.slice(OPENING_STATEMENTS);
    });
  }) as PoolClient['query'];
  try {
    return await work();
  } finally {
    client.query = query;
  }
}

type AnyQuery = (...args: unknown[]) => Promise<unknown>;
/** The opening is two statements: `START TRANSACTION READ ONLY` and the settings' `SELECT`. */
const OPENING_STATEMENTS = 2;

/** A statement issued on a session after its `close()`: its caller is gone. */
export class SessionClosedError extends Error {
  constructor() {
    super('the database session has closed: its request ended');
    this.name = 'SessionClosedError';
  }
}

type RunQuery = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/** TypeORM's PostgresQueryRunner fields the session manages itself (connection, release). */
interface QueryRunnerInternals {
  databaseConnection?: PoolClient;
  databaseConnectionPromise?: Promise<unknown>;
  releaseCallback?: (error?: unknown) => void;
  releasePostgresConnection(error?: unknown): Promise<void>;
  isReleased: boolean;
}

/** Whose writes a session's reads must see (read-your-writes): the account or API key; none when anonymous. */
function callerOf(identity: DbIdentity): string | undefined {
  const user = identity.settings['sg.user_id'];
  if (user) return `user:${user}`;
  const key = identity.settings['sg.key_id'];
  return key ? `key:${key}` : undefined;
}

/** TypeORM's own record of the transaction it thinks is open (protected fields of the query runner). */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/** `SELECT set_config(…)` for the role and every setting, local to the transaction. */
function settingsSql(identity: DbIdentity): string {
  const pairs: [string, string][] = [['role', identity.role], ...Object.entries(identity.settings)];
  return `SELECT ${pairs.map(([k, v]) => `set_config(${literal(k)}, ${literal(v)}, true)`).join(', ')}`;
}

/** A SQL string literal (standard_conforming_strings is on in every supported server). */
function literal(value: string): string {
  if (value.includes('\0')) throw new Error('a setting may not contain NUL');
  return `'${value.replace(/'/g, "''")}'`;
}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}

/**
 * Runs `work` (which uses `db` itself) as the system when `db` is a caller's session (see
 * `DbSession.elevated`); on the system's own manager it simply runs.
 */
export function elevated<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const session = DbSession.of(db);
  return session ? session.elevated(work) : work();
}

/**
 * Runs `work` with a session of its own as `identity`, closed (connection returned) afterwards.
 * `opts.read`: the work only reads (unless it opens a transaction), so a read replica may answer it.
 */
export async function withSession<T>(
  ds: DataSource,
  identity: DbIdentity,
  work: (db: Db) => Promise<T>,
  opts?: { read?: boolean },
): Promise<T> {
  const session = new DbSession(ds, identity);
  if (opts?.read) session.preferReplica();
  try {
    return await work(session.manager);
  } finally {
    await session.close();
  }
}
