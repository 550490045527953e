import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Config, readConfig } from '../src/platform/config';
import type { Database } from '../src/platform/db/data-source';
import { connectDatabase } from '../src/app/database';
import { startEmbedded, type EmbeddedDatabase } from '../src/platform/db/embedded';
import { EMBEDDED_POOL_SIZE } from '../src/platform/db/database';
import { writeStreet } from '../src/seed/write-street';
import type { StreetData } from '../src/seed/street-data';
import { createApp, type App } from '../src/app/server';
import { signAccessToken, upsertUser, type UserRole } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';

export interface TestDatabase extends Database {
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the TEST_DATABASE_URL
 * server (dropped afterwards), or an in-memory embedded PGlite.
 */
export async function createTestDatabase(opts: { embedded?: boolean } = {}): Promise<TestDatabase> {
  const base = opts.embedded ? undefined : process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let url: string;
  let drop: (() => Promise<void>) | undefined;
  if (base) {
    // scripts/test.sh names its run, and drops whatever a crashed test file leaves behind.
    const run = process.env.TEST_RUN_ID;
    const name = `sg_test_${run && /^\w+$/.test(run) ? `${run}_` : ''}${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    embedded = await startEmbedded();
    url = embedded.url;
  }
  const db = await connectDatabase(url, { poolSize: embedded ? EMBEDDED_POOL_SIZE : 8, embedded: !!embedded });
  return {
    ...db,
    url,
    async close() {
      await db.dataSource.destroy();
      await embedded?.stop();
      await drop?.();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

export interface TestApi {
  db: TestDatabase;
  app: App;
  url: string;
  /** A street admin's bearer token (what `gql` sends). */
  adminToken: string;
  /** As the street admin. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** With the given Authorization header value (`Bearer …`, `ApiKey …`), or none when null. */
  gqlAs<T = Record<string, unknown>>(
    authorization: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Creates (or updates) a user and answers a bearer token for them. */
  userToken(user: {
    login: string;
    role: UserRole;
    gridCodes?: string[];
    residentId?: string;
    departmentCode?: string;
    organizationId?: string;
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app's configuration in a test: the process's environment (a test file sets e.g.
 * CASE_SWEEP_MS=0 or OPEN311_API_KEYS before starting), on a free loopback port.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig(process.env), databaseUrl: undefined, port: 0, host: '127.0.0.1', ...overrides };
}

/** A database seeded with `streets`, and the API serving it over HTTP on a free port. */
export async function startTestApi(...streets: StreetData[]): Promise<TestApi> {
  return startTestApiOn({}, ...streets);
}

/**
 * As `startTestApi`, on the embedded PGlite whatever TEST_DATABASE_URL says when `embedded`
 * is set, and with `config` over the defaults (e.g. `production: true`).
 */
export async function startTestApiOn(opts: { embedded?: boolean; config?: Partial<Config> }, ...streets: StreetData[]): Promise<TestApi> {
  const db = await createTestDatabase(opts);
  for (const street of streets) await db.dataSource.transaction((m) => writeStreet(m, street));
  const app = await createApp(testConfig(opts.config), db);
  const url = await app.listen();
  async function userToken(user: {
    login: string;
    role: UserRole;
    gridCodes?: string[];
    residentId?: string;
    departmentCode?: string;
    organizationId?: string;
  }): Promise<string> {
    const gridIds: string[] = user.gridCodes?.length
      ? (await db.dataSource.query(`SELECT id FROM grid WHERE code = ANY($1)`, [user.gridCodes])).map((r: { id: string }) => r.id)
      : [];
    const id = await db.dataSource.transaction((m) =>
      upsertUser(m, {
        login: user.login,
        displayName: user.login,
        password: 'test-password',
        role: user.role,
        residentId: user.residentId,
        gridIds,
        departmentCode: user.departmentCode,
        organizationId: user.organizationId,
      }),
    );
    return `Bearer ${await signAccessToken(id, user.role, jwtSecret())}`;
  }
  const adminToken = await userToken({ login: 'test-admin', role: 'STREET_ADMIN' });
  async function gqlAs(authorization: string | null, query: string, variables?: Record<string, unknown>) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<never>;
  }
  return {
    db,
    app,
    url,
    adminToken,
    gqlAs,
    userToken,
    gql: (query, variables) => gqlAs(adminToken, query, variables),
    async close() {
      await app.stop();
      await db.close();
    },
  };
}
