import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readConfig } from '../src/config';
import { connectDatabase, type Database } from '../src/db/data-source';
import { startEmbedded, type EmbeddedDatabase } from '../src/db/embedded';
import { writeStreet } from '../src/seed/write-street';
import type { StreetData } from '../src/seed/street-data';
import { createApp, type App } from '../src/server';

export interface TestDatabase extends Database {
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the TEST_DATABASE_URL
 * server (dropped afterwards), or an in-memory embedded PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let url: string;
  let drop: (() => Promise<void>) | undefined;
  if (base) {
    const name = `sg_test_${randomBytes(4).toString('hex')}`;
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
  const db = await connectDatabase(url, { poolSize: embedded ? 4 : 8 });
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
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** A database seeded with `streets`, and the API serving it over HTTP on a free port. */
export async function startTestApi(...streets: StreetData[]): Promise<TestApi> {
  const db = await createTestDatabase();
  for (const street of streets) await db.dataSource.transaction((m) => writeStreet(m, street));
  const app = await createApp({ ...readConfig({}), port: 0, host: '127.0.0.1' }, db);
  const url = await app.listen();
  return {
    db,
    app,
    url,
    async gql(query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    async close() {
      await app.stop();
      await db.close();
    },
  };
}
