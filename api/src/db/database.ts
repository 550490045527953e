import type { Config } from '../config';
import { connectDatabase, type Database } from './data-source';
import { startEmbedded, type EmbeddedDatabase } from './embedded';

export interface OpenDatabase extends Database {
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: a real PostgreSQL + PostGIS. Unset: the embedded PGlite default with
 * its data under `dataDir`. Either way migrations have run when this resolves.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? undefined : await startEmbedded(config.dataDir);
  // PGlite serialises statements anyway; a small pool keeps waits short.
  const db = await connectDatabase(config.databaseUrl ?? embedded!.url, { poolSize: embedded ? 4 : 10 });
  return {
    ...db,
    embedded,
    async close() {
      await db.dataSource.destroy();
      await embedded?.stop();
    },
  };
}
