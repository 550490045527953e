import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { EventBus, Topic } from './events/bus';
import type { LoaderFactory } from './graphql/context';
import type { ReadRelations } from './graphql/compiled-read';
import type { Class } from './class';
import type { ReferenceResolver } from './graphql/federation';
import type { AuthService } from './identity';

/** What the app hands a domain's routes, jobs and start hook: the process's shared parts. */
export interface DomainDeps {
  config: Config;
  /** The system's database (the owner): for jobs and hooks, never for a caller's view. */
  ds: DataSource;
  bus: EventBus;
  auth: AuthService;
}

/** An HTTP route outside GraphQL (tiles, photos, exports, Open311). */
export interface DomainRoute {
  /** Mount path, e.g. `/tiles`. */
  path: string;
  /**
   * Signed-in callers only: anonymous ones get 401, and the route finds the caller's
   * `res.locals.scope` and `res.locals.db` (their session, under row-level security).
   * Unset: the route signs callers in itself (Open311's api_key).
   */
  signedIn?: boolean;
  router(deps: DomainDeps): Router;
}

/** Work the process does on a timer (a sweep). */
export interface DomainJob {
  name: string;
  /** Milliseconds between runs; 0 turns the job off. */
  everyMs(config: Config): number;
  run(deps: DomainDeps): Promise<unknown>;
}

/**
 * Everything a domain brings to the app, in one object: the composition root (`app/`)
 * reads the list in `domains/index.ts`, so adding a domain is its folder and one line there.
 */
export interface DomainManifest {
  name: string;
  /** TypeORM entities (tables the domain maps). */
  entities?: readonly Class[];
  /** type-graphql resolver classes. */
  resolvers?: readonly Class[];
  /** Federation: `__resolveReference` per entity type the domain owns (through the request's loaders). */
  references?: Readonly<Record<string, ReferenceResolver>>;
  /** The domain's DataLoaders for one request (typed by declaring them into `Loaders`). */
  loaders?: LoaderFactory;
  /** The relations of its types that compiled reads may follow (see `compiled-read.ts`), as its field resolvers answer them. */
  reads?: ReadRelations;
  /** Event-bus topics the domain publishes. */
  topics?: readonly Topic<unknown>[];
  routes?: readonly DomainRoute[];
  jobs?: readonly DomainJob[];
  /** Hooks up what lives as long as the process (e.g. publishing after commit); answers the undo. */
  start?(deps: DomainDeps): () => void;
}

export type { Class };
