import type { Config } from '../config';
import { connectDatabase, type Database } from './data-source';
import { runningEmbedded, startEmbedded, type EmbeddedDatabase } from './embedded';

export interface OpenDatabase extends Database {
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: a real PostgreSQL + PostGIS. Unset: the embedded PGlite default with
 * its data under `dataDir` — started here, or the one another process (the running app)
 * already serves from there. Either way migrations have run when this resolves.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<OpenDatabase> {
  const shared = config.databaseUrl ? undefined : await runningEmbedded(config.dataDir);
  const embedded = config.databaseUrl || shared ? undefined : await startEmbedded(config.dataDir);
  // PGlite is one session: pglite-socket interleaves concurrent connections' protocol messages
  // (a transaction on one swaps another's prepared statement), so the embedded pool is one connection.
  const db = await connectDatabase(config.databaseUrl ?? shared ?? embedded!.url, { poolSize: config.databaseUrl ? 10 : 1 });
  return {
    ...db,
    embedded,
    async close() {
      await db.dataSource.destroy();
      await embedded?.stop();
    },
  };
}
