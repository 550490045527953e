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
  const loaders = Object.assign({}, ...deps.loaders.map((make) => make(session.manager, scope))) as Loaders;
  return { db: session.manager, session, bus: deps.bus, scope, auth: deps.auth, loaders, clientAddress, sync: deps.sync };
}
