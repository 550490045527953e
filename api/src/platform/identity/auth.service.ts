import { signLink, type SignedLink, verifyLink } from './signed-link';
import { GraphQLError } from 'graphql';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { isConnectionError, PrimaryUnavailableError, replicasOf } from '../db/replicas';
import type { Db } from '../db/session';
import { badInput, notFound } from '../graphql/errors';
import { intIn, text } from '../graphql/validate';
import { hashPassword, verifyPassword } from './password';
import type { Scope } from './scope';
import { ACCESS_TTL_S, newSecret, readAccessToken, REFRESH_TTL_S, sha256, signAccessToken } from './tokens';
import { DEPARTMENT_SCOPES, type DepartmentScope, type UserRole, type Viewer, ANONYMOUS, actorLabel } from './viewer';

/** An account as its owner sees it (the account domain's `Me`). */
export interface Account {
  id: string;
  login: string;
  displayName: string;
  role: UserRole;
  gridIds: string[];
  /** The department a DEPARTMENT_STAFF account works for (registry id and name). */
  departmentId: string | null;
  departmentName: string | null;
  /** The organisation an ORGANIZATION_STAFF account works for (registry id and name). */
  organizationId: string | null;
  organizationName: string | null;
}

/** What a sign-in or refresh hands out (the account domain's `AuthPayload`). */
export interface TokenPair {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: Account;
}

/** A department's API key without its secret (the account domain's `ApiKeyInfo`). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  department: string;
  prefix: string;
  scopes: string[];
  ratePerMinute: number;
  revokedAt: string | null;
}

/** What a new API key is made from. */
export interface ApiKeyRequest {
  name: string;
  department: string;
  scopes: string[];
  ratePerMinute: number;
}

/**
 * Sign-in throttling, over the failures of the last WINDOW_S seconds, so that nobody can
 * guess passwords quickly and nobody else's wrong passwords lock an owner out:
 * - one login from one client address: locked after MAX_PAIR_FAILURES (whoever it is);
 * - one address, whatever logins (password spraying): locked after MAX_ADDRESS_FAILURES;
 * - one login from every address (a distributed guess): past ACCOUNT_FREE_FAILURES, each
 *   further attempt waits 2^(n − ACCOUNT_FREE_FAILURES) s after the last failure.
 * The account's own client — an address it signed in from within KNOWN_ADDRESS_DAYS —
 * passes the last two: only its own wrong passwords can lock it.
 */
const WINDOW_S = 15 * 60;
const MAX_PAIR_FAILURES = 5;
const MAX_ADDRESS_FAILURES = 30;
const ACCOUNT_FREE_FAILURES = 10;
const KNOWN_ADDRESS_DAYS = 30;
/**
 * Wrong invitation codes (邀请码) are kept with the failed sign-ins, under this login (no real
 * login has a space): one address is refused for WINDOW_S after MAX_INVITATION_FAILURES.
 */
const INVITATION_LOGIN = 'invitation code';
const MAX_INVITATION_FAILURES = 10;
/** The address recorded when a caller's is not known (sign-in outside HTTP). */
const UNKNOWN_ADDRESS = 'unknown';

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function rateLimited(message: string, retryAfter: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
  });
}

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  password_hash: string;
  role: UserRole;
  resident_id: string | null;
  household_id: string | null;
  building_id: string | null;
  home_path: string | null;
  disabled: boolean;
  grid_ids: string[];
  grid_paths: string[];
  /** The load's snapshot (`pg_current_snapshot()`): which account changes it saw. */
  snapshot: string;
  community_ids: string[];
  department_id: string | null;
  department_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
}

const USER_SQL = `
  SELECT u.id, u.login, u.display_name, u.password_hash, u.role, u.resident_id, u.disabled, r.household_id,
         u.department_id, (SELECT d.name FROM department d WHERE d.id = u.department_id) AS department_name, u.organization_id,
         (SELECT o.name FROM organization o WHERE o.id = u.organization_id) AS organization_name,
         hh.building_id, pg_current_snapshot()::text AS snapshot,
         (SELECT hg.path::text FROM building hb JOIN grid hg ON hg.id = hb.grid_id WHERE hb.id = hh.building_id) AS home_path,
         coalesce(array_agg(g.id) FILTER (WHERE g.id IS NOT NULL), '{}') AS grid_ids,
         coalesce(array_agg(g.path::text) FILTER (WHERE g.id IS NOT NULL), '{}') AS grid_paths,
         -- The communities they work in: for a leader those on the path to or under their grids; for a
         -- resident or volunteer their home's and those of their registrations (row-level security reads it).
         ARRAY(SELECT c.id FROM grid c WHERE c.level = 'LARGE' AND (
                 (u.role = 'GRID_LEADER' AND EXISTS (SELECT 1 FROM user_grid lu JOIN grid lg ON lg.id = lu.grid_id
                                                     WHERE lu.user_id = u.id AND (c.path @> lg.path OR c.path <@ lg.path)))
              OR EXISTS (SELECT 1 FROM building hb JOIN grid hg ON hg.id = hb.grid_id WHERE hb.id = hh.building_id AND c.path @> hg.path)
              OR c.id IN (SELECT sr.community_id FROM service_registration sr WHERE sr.user_id = u.id AND sr.active))) AS community_ids
    FROM app_user u
    LEFT JOIN resident r ON r.id = u.resident_id
    LEFT JOIN household hh ON hh.id = r.household_id
    LEFT JOIN user_grid ug ON ug.user_id = u.id
    LEFT JOIN grid g ON g.id = ug.grid_id`;

/** How many verified callers (access tokens) a process keeps; the least recently used go first. */
const CALLER_CACHE_SIZE = 10_000;
/** The channel the database announces a changed account on (migration UserVersion, trigger `sg_user_bump`). */
const USER_CHANGED = 'sg_user_changed';
/** How long the listener waits to hear its own probe before it trusts the notifications. */
const PROBE_MS = 2_000;
/** How many changed accounts heard are kept for the loads under way (a load that outlives them is not cached). */
const HEARD_KEPT = 1_000;

/** A transaction snapshot, `pg_current_snapshot()`: `xmin:xmax:xip,…`. */
interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  xip: bigint[];
}

function parseSnapshot(text: string): Snapshot {
  const [xmin, xmax, xip] = text.split(':');
  return { xmin: BigInt(xmin), xmax: BigInt(xmax), xip: xip ? xip.split(',').map(BigInt) : [] };
}

/** Whether the committed transaction `xid` is visible in `snapshot` (null: unknown, so not). */
function sees(snapshot: Snapshot, xid: bigint | null): boolean {
  return xid !== null && (xid < snapshot.xmin || (xid < snapshot.xmax && !snapshot.xip.includes(xid)));
}

/** A changed account heard: whose (null: anyone's, the listener was lost), and by which transaction (null: unknown). */
interface Change {
  userId: string | null;
  xid: bigint | null;
}

/** Per-process token buckets for API keys (a department's rate limit). */
const buckets = new Map<string, { tokens: number; at: number }>();

function takeToken(keyId: string, perMinute: number): boolean {
  const now = Date.now();
  const b = buckets.get(keyId) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60000) * perMinute);
  b.at = now;
  if (b.tokens < 1) {
    buckets.set(keyId, b);
    return false;
  }
  b.tokens -= 1;
  buckets.set(keyId, b);
  return true;
}

/**
 * Runs sign-in work as the system: accounts and tokens are not any caller's rows. A
 * request passes its session's `system`, so the work shares the request's connection.
 */
export type SystemWork = <T>(work: (m: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Sign-in, tokens, API keys and the personal-data audit log. Who is asking is read by the
 * system (before any request session exists); what an account may manage runs through the
 * caller's own `db`, under row-level security.
 */
export class AuthService {
  /**
   * Verified callers by access token, for the token's lifetime (LRU: a Map in use order).
   * Used only while `listener` hears `sg_user_changed`, which the database sends whenever an
   * account's role, grids, household, department or disabled state changes (whoever
   * changed it: a mutation, the CLI, plain SQL); the user's entries whose load (snapshot) did
   * not see the change are dropped then. Without the listener every request loads its caller
   * (one statement), as before.
   */
  private readonly callers = new Map<string, { viewer: Viewer; expiresAt: number; snapshot: Snapshot }>();
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  /** The reconnect after a lost listener, cleared by `stop` (a stopped service opens no connection). */
  private retry: NodeJS.Timeout | null = null;
  /**
   * The last changed accounts heard, for the loads under way: `heard[i]` is change number `heardFrom + i`.
   * A load is cached only if no change heard since it began is invisible in its snapshot.
   */
  private heard: Change[] = [];
  private heardFrom = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly secret: Uint8Array,
    private readonly opts: { cacheCallers?: boolean } = {},
  ) {}

  /**
   * Listens for changed accounts on a connection of its own, so that verified callers can be
   * cached. Reconnects after a lost connection (the cache is cleared and unused meanwhile).
   */
  async start(): Promise<void> {
    if (this.opts.cacheCallers === false || this.stopped) return;
    const url = (this.ds.options as { url?: string }).url;
    if (!url) return;
    const client = new Client({ connectionString: url, application_name: 'streetgrid-api-listen' });
    const lost = () => {
      if (this.listener !== client) return;
      this.hear({ userId: null, xid: null }); // what was missed meanwhile is unknown: a load under way is not cached
      this.listening = false;
      this.listener = null;
      this.callers.clear();
      client.end().catch(() => {});
      if (!this.stopped && !this.retry) {
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.start().catch(() => {});
        }, 1000).unref();
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    const probe = newSecret('probe').value;
    let probeAnswered: (heard: boolean) => void = () => {};
    const probeHeard = new Promise<boolean>((done) => (probeAnswered = done));
    client.on('notification', (n) => {
      if (n.channel !== USER_CHANGED || !n.payload) return;
      if (n.payload === probe) return probeAnswered(true);
      const [userId, xid] = n.payload.split(' ');
      this.forget({ userId, xid: xid && /^\d+$/.test(xid) ? BigInt(xid) : null });
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_CHANGED}`);
      // Only a listener that hears what the pool's connections send may vouch for the cache: through a
      // pooler in transaction mode, or the embedded database's one shared session, notifications need not
      // arrive here, and a cached caller would then outlive a disabled account until its token expires.
      await this.ds.query(`SELECT pg_notify($1, $2)`, [USER_CHANGED, probe]);
      // The wait starts once the probe is sent, and ends only after a turn of the event loop's I/O:
      // the schema's build runs beside this start and can hold the loop for seconds on a busy machine,
      // and a timer counted from before the connection (or one that fires ahead of the waiting
      // notification's read) turned the cache off for the life of the process.
      setTimeout(() => setImmediate(() => probeAnswered(false)), PROBE_MS).unref();
      if (!(await probeHeard)) {
        // Expected on the embedded database; in production (a pooler in transaction mode) the operator should know.
        if (process.env.NODE_ENV === 'production') {
          console.warn('caller cache off: this connection does not hear the database notifications (every request loads its caller)');
        }
        this.listener = null;
        await client.end().catch(() => {});
        return;
      }
      this.callers.clear();
      this.listening = !this.stopped;
    } catch (error) {
      lost();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.listening = false;
    this.callers.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => {});
  }

  /**
   * A read as the system on the primary; when the primary is unreachable and read replicas are
   * configured, on a replica instead, so that reads keep being served while writes fail.
   */
  private async orReplica<T>(read: (m: Pick<EntityManager, 'query'>) => Promise<T>): Promise<T> {
    const replicas = replicasOf(this.ds);
    try {
      // The probes found the primary unreachable: straight to a replica.
      if (replicas && !replicas.primaryUp) throw new PrimaryUnavailableError();
      return await read(this.ds.manager);
    } catch (error) {
      if (!replicas || !isConnectionError(error)) throw error;
      return read({ query: (sql: string, parameters?: unknown[]) => replicas.query(sql, parameters ?? []) } as Pick<
        EntityManager,
        'query'
      >);
    }
  }

  /** `change`'s user's account changed: drops their cached callers that were loaded before the change. */
  private forget(change: Change): void {
    this.hear(change);
    for (const [token, entry] of this.callers) {
      if (entry.viewer.kind === 'user' && entry.viewer.id === change.userId && !sees(entry.snapshot, change.xid))
        this.callers.delete(token);
    }
  }

  private hear(change: Change): void {
    this.heard.push(change);
    if (this.heard.length > 2 * HEARD_KEPT) {
      this.heardFrom += this.heard.length - HEARD_KEPT;
      this.heard = this.heard.slice(-HEARD_KEPT);
    }
  }

  /** Whether a load of `userId` that began when `from` changes had been heard, under `snapshot`, is still current. */
  private currentSince(from: number, userId: string, snapshot: Snapshot): boolean {
    if (from < this.heardFrom) return false;
    for (let i = from - this.heardFrom; i < this.heard.length; i++) {
      const change = this.heard[i];
      if ((change.userId === null || change.userId === userId) && !sees(snapshot, change.xid)) return false;
    }
    return true;
  }

  /** A signed link for `purpose` (see signed-link.ts), under this server's secret. */
  signLink(purpose: string, fields: readonly string[], expiresAt: Date): string {
    return signLink(this.secret, purpose, fields, expiresAt);
  }

  /** The fields of a signed link for `purpose`; BAD_USER_INPUT naming `field` when invalid or expired. */
  verifyLink(purpose: string, token: string, field = 'token'): SignedLink {
    return verifyLink(this.secret, purpose, token, new Date(), field);
  }

  /**
   * Who is asking, from `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>`
   * (also `X-Api-Key`). No header is anonymous; a bad, expired or revoked credential is
   * refused (401), never downgraded to anonymous silently.
   */
  async viewerFrom(authorization: string | undefined, apiKeyHeader?: string): Promise<Viewer> {
    return (await this.credentialFrom(authorization, apiKeyHeader)).viewer;
  }

  /**
   * As `viewerFrom`, with the moment the credential stops working (a bearer token's expiry;
   * null for API keys and anonymous): a websocket is closed then.
   */
  async credentialFrom(authorization: string | undefined, apiKeyHeader?: string): Promise<{ viewer: Viewer; expiresAt: number | null }> {
    const [scheme, value] = (authorization ?? '').split(/\s+/, 2);
    const apiKey = apiKeyHeader ?? (/^apikey$/i.test(scheme) ? value : undefined);
    if (apiKey) return { viewer: await this.departmentViewer(apiKey), expiresAt: null };
    if (!authorization) return { viewer: ANONYMOUS, expiresAt: null };
    if (!/^bearer$/i.test(scheme) || !value) throw unauthenticated('Authorization must be "Bearer <token>" or "ApiKey <key>"');
    const cached = this.callers.get(value);
    if (cached) {
      this.callers.delete(value);
      if (cached.expiresAt > Date.now() && this.listening) {
        this.callers.set(value, cached);
        return cached;
      }
    }
    const token = await readAccessToken(value, this.secret);
    if (!token) throw unauthenticated('the token is invalid or expired; sign in again or refresh');
    // Listening before the load: a change committed after its snapshot is heard, and drops this entry (or, heard
    // while the load was under way, keeps it out of the cache).
    const [listening, from] = [this.listening, this.heardFrom + this.heard.length];
    const user = await this.orReplica((m) => this.loadUser(m, 'u.id = $1', token.userId));
    if (!user || user.disabled) throw unauthenticated('the account is disabled');
    const credential = { viewer: toViewer(user), expiresAt: token.expiresAt };
    const snapshot = parseSnapshot(user.snapshot);
    if (listening && this.listening && this.currentSince(from, user.id, snapshot)) {
      this.callers.set(value, { ...credential, snapshot });
      if (this.callers.size > CALLER_CACHE_SIZE) this.callers.delete(this.callers.keys().next().value as string);
    }
    return credential;
  }

  /**
   * For each viewer, whether their account still stands: a user not disabled (nor
   * deleted), an API key not revoked. Two statements whatever the number of viewers;
   * long-lived connections ask it periodically.
   */
  async stillValid(viewers: readonly Viewer[]): Promise<boolean[]> {
    const userIds = viewers.flatMap((v) => (v.kind === 'user' ? [v.id] : []));
    const keyIds = viewers.flatMap((v) => (v.kind === 'department' ? [v.keyId] : []));
    const users = new Set<string>(
      userIds.length
        ? (await this.ds.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND NOT disabled`, [userIds])).map(
            (r: { id: string }) => r.id,
          )
        : [],
    );
    const keys = new Set<string>(
      keyIds.length
        ? (await this.ds.query(`SELECT id FROM api_key WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`, [keyIds])).map(
            (r: { id: string }) => r.id,
          )
        : [],
    );
    return viewers.map((v) => (v.kind === 'user' ? users.has(v.id) : v.kind === 'department' ? keys.has(v.keyId) : true));
  }

  private async departmentViewer(key: string): Promise<Viewer> {
    const [row]: { id: string; department: string; scopes: string[]; rate_per_minute: number }[] = await this.orReplica((m) =>
      m.query(`SELECT id, department, scopes, rate_per_minute FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`, [sha256(key)]),
    );
    if (!row) throw unauthenticated('unknown or revoked API key');
    if (!takeToken(row.id, row.rate_per_minute)) {
      throw new GraphQLError(`rate limit of ${row.rate_per_minute} requests a minute exceeded`, {
        extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
      });
    }
    return { kind: 'department', keyId: row.id, department: row.department, scopes: row.scopes as DepartmentScope[] };
  }

  /**
   * Password sign-in from `client` (the caller's address), throttled as WINDOW_S says. The
   * password is checked between two short system transactions, never inside one. A
   * success clears the failures of this login from this address.
   */
  async login(login: string, password: string, client?: string, system: SystemWork = this.system): Promise<TokenPair> {
    const name = text(login, 'login', 200).toLowerCase();
    const address = client || UNKNOWN_ADDRESS;
    const { wait, user } = await system(async (m) => {
      const wait = await this.throttle(m, name, address);
      return { wait, user: wait > 0 ? null : await this.loadUser(m, 'u.login = $1', name) };
    });
    if (wait > 0) throw rateLimited(`too many failed sign-ins; try again in ${wait} s`, wait);
    // Hash even for unknown logins so timing does not tell which logins exist.
    const ok = user ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false);
    if (!user || !ok || user.disabled) {
      await system((m) => m.query(`INSERT INTO login_failure (login, address) VALUES ($1, $2)`, [name, address]));
      throw unauthenticated('wrong login or password');
    }
    return system(async (m) => {
      await m.query(`DELETE FROM login_failure WHERE login = $1 AND address = $2`, [name, address]);
      return this.issue(user, m, { family: null, address });
    });
  }

  /**
   * Refuses (RATE_LIMITED with retryAfter) an invitation sign-up from an address that sent
   * MAX_INVITATION_FAILURES wrong codes in the last WINDOW_S seconds; else runs `redeem`, and
   * records its failure when it answers that the code is wrong.
   */
  async throttledInvitation<T>(client: string | undefined, system: SystemWork, redeem: () => Promise<T>): Promise<T> {
    const address = client || UNKNOWN_ADDRESS;
    const [r]: { nth: Date | null; now: Date }[] = await system((m) =>
      m.query(
        `SELECT (array_agg(at ORDER BY at DESC))[$3] AS nth, now() AS now FROM login_failure
          WHERE login = $1 AND address = $2 AND at > now() - make_interval(secs => $4)`,
        [INVITATION_LOGIN, address, MAX_INVITATION_FAILURES, WINDOW_S],
      ),
    );
    if (r.nth) {
      const wait = Math.max(1, Math.ceil((new Date(r.nth).getTime() + WINDOW_S * 1000 - new Date(r.now).getTime()) / 1000));
      throw rateLimited(`too many wrong invitation codes; try again in ${wait} s`, wait);
    }
    try {
      return await redeem();
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.invalidCode)
        await system((m) => m.query(`INSERT INTO login_failure (login, address) VALUES ($1, $2)`, [INVITATION_LOGIN, address]));
      throw error;
    }
  }

  /** Seconds before `name` may be tried from `address` (0: now), by the rules at WINDOW_S. */
  private async throttle(m: EntityManager, name: string, address: string): Promise<number> {
    const [r]: { pair_at: Date | null; address_at: Date | null; failures: number; last_at: Date | null; known: boolean; now: Date }[] =
      await m.query(
        `SELECT (array_agg(at ORDER BY at DESC) FILTER (WHERE login = $1 AND address = $2))[$3] AS pair_at,
              (array_agg(at ORDER BY at DESC) FILTER (WHERE address = $2))[$4] AS address_at,
              count(*) FILTER (WHERE login = $1)::int AS failures,
              max(at) FILTER (WHERE login = $1) AS last_at,
              EXISTS (SELECT 1 FROM refresh_token t JOIN app_user u ON u.id = t.user_id
                       WHERE u.login = $1 AND t.address = $2 AND t.created_at > now() - make_interval(days => $5)) AS known,
              now() AS now
         FROM login_failure
        WHERE (login = $1 OR address = $2) AND at > now() - make_interval(secs => $6)`,
        [name, address, MAX_PAIR_FAILURES, MAX_ADDRESS_FAILURES, KNOWN_ADDRESS_DAYS, WINDOW_S],
      );
    const at = (d: Date | null, plusS: number) => (d ? new Date(d).getTime() + plusS * 1000 : 0);
    const until = [at(r.pair_at, WINDOW_S)];
    if (!r.known) {
      until.push(at(r.address_at, WINDOW_S));
      if (r.failures > ACCOUNT_FREE_FAILURES) until.push(at(r.last_at, Math.min(2 ** (r.failures - ACCOUNT_FREE_FAILURES), WINDOW_S)));
    }
    return Math.max(0, Math.ceil((Math.max(...until) - new Date(r.now).getTime()) / 1000));
  }

  /**
   * Exchanges a refresh token (single use) for a new access + refresh pair of the same
   * family. A token used a second time means two holders — the owner and a thief — so the
   * whole family (every token refreshed from that sign-in) is revoked and both must sign in.
   */
  async refresh(refreshToken: string, client?: string, system: SystemWork = this.system): Promise<TokenPair> {
    const outcome = await system(async (m): Promise<TokenPair | 'invalid' | 'reused' | 'disabled'> => {
      const [row]: { id: string; user_id: string; family_id: string; revoked: boolean; live: boolean }[] = await m.query(
        `SELECT id, user_id, family_id, revoked_at IS NOT NULL AS revoked, expires_at > now() AS live
           FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [sha256(refreshToken)],
      );
      if (!row) return 'invalid';
      if (row.revoked) {
        await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.family_id]);
        return 'reused';
      }
      if (!row.live) return 'invalid';
      await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE id = $1`, [row.id]);
      const user = await this.loadUser(m, 'u.id = $1', row.user_id);
      if (!user || user.disabled) return 'disabled';
      return this.issue(user, m, { family: row.family_id, address: client || UNKNOWN_ADDRESS });
    });
    if (outcome === 'invalid') throw unauthenticated('the refresh token is invalid or expired; sign in again');
    if (outcome === 'reused')
      throw unauthenticated('the refresh token was already used: every session it belongs to is signed out; sign in again');
    if (outcome === 'disabled') throw unauthenticated('the account is disabled');
    return outcome;
  }

  /** The caller's own account, read through their own `db` (row-level security shows them their row). */
  async me(db: Db, viewer: Viewer): Promise<Account | null> {
    if (viewer.kind !== 'user') return null;
    const user = await this.loadUser(db, 'u.id = $1', viewer.id);
    return user ? toMe(user) : null;
  }

  async createApiKey(db: Db, input: ApiKeyRequest): Promise<{ key: string; info: ApiKeyRecord }> {
    const bad = input.scopes.find((s) => !DEPARTMENT_SCOPES.includes(s as DepartmentScope));
    if (bad) throw badInput('input.scopes', `unknown scope "${bad}"; use ${DEPARTMENT_SCOPES.join(', ')}`);
    if (!input.scopes.length) throw badInput('input.scopes', 'name at least one scope');
    const name = text(input.name, 'input.name', 200);
    const department = text(input.department, 'input.department', 200);
    intIn(input.ratePerMinute, 'input.ratePerMinute', 1, 100000);
    const { value, hash } = newSecret('sgk');
    const [row] = await db.transaction((m) =>
      m.query(
        `INSERT INTO api_key (name, department, prefix, key_hash, scopes, rate_per_minute) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, name, department, prefix, scopes, rate_per_minute, revoked_at`,
        [name, department, value.slice(0, 10), hash, [...new Set(input.scopes)], input.ratePerMinute],
      ),
    );
    return { key: value, info: toKeyInfo(row) };
  }

  async revokeApiKey(db: Db, id: string): Promise<ApiKeyRecord> {
    const [row] = returning<Parameters<typeof toKeyInfo>[0]>(
      await db.transaction((m) =>
        m.query(
          `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
           RETURNING id, name, department, prefix, scopes, rate_per_minute, revoked_at`,
          [id],
        ),
      ),
    );
    if (!row) throw notFound('ApiKey', id);
    buckets.delete(id);
    return toKeyInfo(row);
  }

  async apiKeys(db: Db): Promise<ApiKeyRecord[]> {
    const rows = await db.query(
      `SELECT id, name, department, prefix, scopes, rate_per_minute, revoked_at FROM api_key ORDER BY created_at`,
    );
    return rows.map(toKeyInfo);
  }

  private readonly system: SystemWork = (work) => this.ds.transaction(work);

  /** A new token pair; the refresh token joins `family` (a refresh) or begins its own (a sign-in: null). */
  private async issue(user: UserRow, m: EntityManager, to: { family: string | null; address: string }): Promise<TokenPair> {
    const accessToken = await signAccessToken(user.id, user.role, this.secret);
    const refresh = newSecret('sgr');
    await m.query(
      `INSERT INTO refresh_token (user_id, token_hash, expires_at, family_id, address)
       VALUES ($1, $2, now() + make_interval(secs => $3), coalesce($4::uuid, gen_random_uuid()), $5)`,
      [user.id, refresh.hash, REFRESH_TTL_S, to.family, to.address],
    );
    return { accessToken, expiresIn: ACCESS_TTL_S, refreshToken: refresh.value, user: toMe(user) };
  }

  private async loadUser(m: Pick<EntityManager, 'query'>, where: string, value: string): Promise<UserRow | null> {
    const [row]: UserRow[] = await m.query(`${USER_SQL} WHERE ${where} GROUP BY u.id, r.household_id, hh.building_id`, [value]);
    return row ?? null;
  }
}

/** Writes one audit row per resident whose personal data a request revealed. */
export async function auditPersonalRead(
  db: Db,
  scope: Scope,
  residentIds: readonly string[],
  fields: string[],
  reason: string,
): Promise<void> {
  if (!residentIds.length) return;
  const role = scope.viewer.kind === 'user' ? scope.viewer.role : scope.viewer.kind === 'department' ? 'DEPARTMENT' : 'ANONYMOUS';
  await db.transaction((m) =>
    m.query(
      `INSERT INTO personal_data_access (actor, actor_role, resident_id, fields, reason)
       SELECT $1, $2, r, $3, $4 FROM unnest($5::uuid[]) AS r`,
      [actorLabel(scope.viewer), role, fields, reason, residentIds],
    ),
  );
}

/** TypeORM answers `UPDATE … RETURNING` as `[rows, count]`: the rows. */
function returning<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

function toViewer(user: UserRow): Viewer {
  return {
    kind: 'user',
    id: user.id,
    login: user.login,
    role: user.role,
    gridPaths: user.grid_paths,
    residentId: user.resident_id,
    householdId: user.household_id,
    buildingId: user.building_id,
    homePath: user.home_path,
    communityIds: user.community_ids,
    departmentId: user.department_id,
    organizationId: user.organization_id,
  };
}

function toMe(user: UserRow): Account {
  return {
    id: user.id,
    login: user.login,
    displayName: user.display_name,
    role: user.role,
    gridIds: user.grid_ids,
    departmentId: user.department_id,
    departmentName: user.department_name,
    organizationId: user.organization_id,
    organizationName: user.organization_name,
  };
}

function toKeyInfo(row: {
  id: string;
  name: string;
  department: string;
  prefix: string;
  scopes: string[];
  rate_per_minute: number;
  revoked_at: Date | null;
}): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    prefix: row.prefix,
    scopes: row.scopes,
    ratePerMinute: row.rate_per_minute,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

/** Creates (or replaces the password of) a user; for seeds, tests and the admin CLI. */
export async function upsertUser(
  m: EntityManager,
  user: {
    login: string;
    displayName: string;
    password: string;
    role: UserRole;
    residentId?: string | null;
    gridIds?: string[];
    /** A DEPARTMENT_STAFF account's department, by registry code. */
    departmentCode?: string | null;
    /** An ORGANIZATION_STAFF account's organisation (its id in the registry of organisations). */
    organizationId?: string | null;
  },
): Promise<string> {
  const hash = await hashPassword(user.password);
  const [{ id }]: { id: string }[] = await m.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, resident_id, department_id, organization_id)
     VALUES ($1, $2, $3, $4, $5, (SELECT id FROM department WHERE code = $6), $7)
     ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash,
       role = EXCLUDED.role, resident_id = EXCLUDED.resident_id, department_id = EXCLUDED.department_id,
       organization_id = EXCLUDED.organization_id
     RETURNING id`,
    [user.login, user.displayName, hash, user.role, user.residentId ?? null, user.departmentCode ?? null, user.organizationId ?? null],
  );
  await m.query(`DELETE FROM user_grid WHERE user_id = $1`, [id]);
  if (user.gridIds?.length) await m.query(`INSERT INTO user_grid (user_id, grid_id) SELECT $1, unnest($2::uuid[])`, [id, user.gridIds]);
  return id;
}
