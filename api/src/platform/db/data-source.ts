import 'reflect-metadata';
import { DataSource, type Logger } from 'typeorm';
import type { Class } from '../domain';
import { migrations } from './migrations';
import { deferRollbacks } from './deferred-rollback';
import { IDLE_CONNECTION_MS } from './pool';
import type { ReadReplicas } from './replicas';
import { syncPolicies } from './rls';

/**
 * Counts the SQL statements sent, so tests can prove an operation's statement count
 * does not grow with the number of rows (N+1 is a bug). Logs nothing: parameters may
 * hold personal data.
 */
export class StatementCounter implements Logger {
  count = 0;
  readonly statements: string[] = [];
  /** Each recorded statement's parameters (tests replay a statement under EXPLAIN); kept in memory only, never logged. */
  readonly parameters: unknown[][] = [];
  record = false;
  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    if (this.record) {
      this.statements.push(query);
      this.parameters.push(parameters ?? []);
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(record = false): void {
    this.count = 0;
    this.statements.length = 0;
    this.parameters.length = 0;
    this.record = record;
  }
}

export interface Database {
  dataSource: DataSource;
  counter: StatementCounter;
  /** DATABASE_READ_URLS' replicas, when configured. */
  replicas?: ReadReplicas;
}

/** Connects to PostgreSQL + PostGIS at `url`, runs pending migrations and brings the row-level security policies up to date. */
export async function connectDatabase(
  url: string,
  opts: { entities: readonly Class[]; poolSize?: number; embedded?: boolean },
): Promise<Database> {
  const counter = new StatementCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [...opts.entities],
    migrations,
    migrationsTransactionMode: 'each',
    logging: ['query'],
    logger: counter,
    poolSize: opts.poolSize ?? 10,
    extra: { application_name: 'streetgrid-api', ...(opts.embedded ? {} : { idleTimeoutMillis: IDLE_CONNECTION_MS }) },
  });
  await dataSource.initialize();
  // PGlite is one backend session for every connection: nothing may stay open there between requests.
  if (!opts.embedded) deferRollbacks(dataSource);
  await dataSource.runMigrations();
  await syncPolicies(dataSource);
  return { dataSource, counter };
}
