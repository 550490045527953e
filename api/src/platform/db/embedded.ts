import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { resolve } from 'node:path';

/** A running embedded database: PGlite + PostGIS behind a Postgres wire-protocol socket. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with PostGIS and ltree and serves it on a loopback port so the ordinary
 * `pg` driver (and TypeORM) talk to it exactly as to a real server: one code path.
 * PGlite runs one statement at a time; `maxConnections` above 1 lets a pool connect.
 * `dataDir` undefined keeps everything in memory (tests).
 */
export async function startEmbedded(dataDir?: string, port = 0): Promise<EmbeddedDatabase> {
  // PGlite is ESM-only: dynamic import keeps this CommonJS package loading it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  const db = await PGlite.create({ dataDir: dataDir ? resolve(dataDir, 'pglite') : undefined, extensions: { postgis, ltree } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS ltree;');
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  const address = server.getServerConn();
  const url = `postgres://postgres@${address}/postgres`;
  // Other processes (the CLI while the app runs) find the running database here.
  const urlFile = dataDir ? resolve(dataDir, URL_FILE) : undefined;
  if (urlFile) writeFileSync(urlFile, url);
  return {
    url,
    async stop() {
      if (urlFile) rmSync(urlFile, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

const URL_FILE = 'pglite.url';

/**
 * The URL of an embedded database already served from `dataDir` by another process, if
 * one answers: PGlite owns its files, so a second process must connect, not open them.
 */
export async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  let url: string;
  try {
    url = readFileSync(resolve(dataDir, URL_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
