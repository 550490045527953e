import type { DataSource } from 'typeorm';
import type { SyncConfig } from '../config';
import { type Db, DbSession } from '../db/session';
import type { EventBus } from '../events/bus';
import { dbIdentity } from '../identity/db-identity';
import { ANONYMOUS, type AuthService, Scope, type Viewer } from '../identity';

/**
 * The request's DataLoaders, by name. Empty here: each domain adds its own by declaration
 * merging beside its loader factory (`declare module '…/platform/graphql/context' { interface
 * Loaders extends GridLoaders {} }`), so the platform knows no domain and every resolver
 * still sees every loader typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Loaders {}

/** A domain's loaders for one request: reads through the caller's `db`, narrowed by `scope`. */
export type LoaderFactory = (db: Db, scope: Scope) => object;

/**
 * Per-request context: the database as the caller sees it (`db`, the manager of the
 * request's session: every statement runs as the caller's role under row-level
 * security), the event bus, who is asking (`scope`, whose predicates the queries still
 * add for index use), sign-in, and a fresh set of DataLoaders. The session is ended (its
 * connection returned) when the response is sent.
 */
export interface Context {
  db: Db;
  session: DbSession;
  bus: EventBus;
  scope: Scope;
  auth: AuthService;
  loaders: Loaders;
  /** The client's address over HTTP (express `req.ip`, behind TRUST_PROXY), for sign-in throttling; absent on the websocket. */
  clientAddress?: string;
  /** Departments' syncs: the cursor's safety window and the tombstones' retention. */
  sync: SyncConfig;
}

/** What every request's context is made from: the process's database, bus and sign-in, and the domains' loader factories. */
export interface ContextDeps {
  ds: DataSource;
  bus: EventBus;
  auth: AuthService;
  loaders: readonly LoaderFactory[];
  sync: SyncConfig;
}

export function createContext(deps: ContextDeps, viewer: Viewer = ANONYMOUS, clientAddress?: string): Context {
  const scope = new Scope(viewer);
  const session = new DbSession(deps.ds, dbIdentity(viewer));
  const loaders = lazyLoaders(deps.loaders, session.manager, scope);
  return { db: session.manager, session, bus: deps.bus, scope, auth: deps.auth, loaders, clientAddress, sync: deps.sync };
}

type LazyLoadersClass = new (db: Db, scope: Scope) => Loaders;
const lazyClasses = new WeakMap<readonly LoaderFactory[], LazyLoadersClass>();

/**
 * The request's loaders, each domain's built on first use: a request that reads cases builds
 * the case loaders only (most requests touch one or two of the domains). The names each
 * factory answers are learnt once per process, by calling it once (it only constructs
 * DataLoaders); then each request is one object whose prototype's getters build a factory's
 * loaders on first access and keep them as the object's own properties.
 */
function lazyLoaders(factories: readonly LoaderFactory[], db: Db, scope: Scope): Loaders {
  let Lazy = lazyClasses.get(factories);
  if (!Lazy) {
    class Built {
      constructor(
        readonly $db: Db,
        readonly $scope: Scope,
      ) {}
    }
    for (const make of factories) {
      const names = Object.keys(make(db, scope));
      for (const name of names)
        Object.defineProperty(Built.prototype, name, {
          get(this: Built & Record<string, unknown>) {
            const built = make(this.$db, this.$scope) as Record<string, unknown>;
            for (const n of names)
              Object.defineProperty(this, n, { value: built[n], writable: true, enumerable: true, configurable: true });
            return built[name];
          },
          configurable: true,
        });
    }
    Lazy = Built as unknown as LazyLoadersClass;
    lazyClasses.set(factories, Lazy);
  }
  return new Lazy(db, scope);
}
