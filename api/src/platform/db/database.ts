import type { Config } from '../config';
import type { Class } from '../domain';
import { connectDatabase, type Database } from './data-source';
import { runningEmbedded, startEmbedded, type EmbeddedDatabase } from './embedded';

/**
 * PGlite is one backend session, and pglite-socket interleaves the wire-protocol messages
 * of concurrent connections (electric-sql/pglite#1046: one pool connection's Bind could
 * meet another's Parse, and requests received each other's rows). One connection: requests
 * queue for it, each running its whole transaction alone.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface OpenDatabase extends Database {
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: a real PostgreSQL + PostGIS. Unset: the embedded PGlite default with
 * its data under `dataDir` — started here, or the one another process (the running app)
 * already serves from there. Either way migrations have run when this resolves.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, entities: readonly Class[]): Promise<OpenDatabase> {
  const shared = config.databaseUrl ? undefined : await runningEmbedded(config.dataDir);
  const embedded = config.databaseUrl || shared ? undefined : await startEmbedded(config.dataDir);
  const db = await connectDatabase(config.databaseUrl ?? shared ?? embedded!.url, {
    entities,
    poolSize: config.databaseUrl ? 10 : EMBEDDED_POOL_SIZE,
  });
  return {
    ...db,
    embedded,
    async close() {
      await db.dataSource.destroy();
      await embedded?.stop();
    },
  };
}
