import type { Config } from '../config';
import type { Class } from '../domain';
import { connectDatabase, type Database } from './data-source';
import { runningEmbedded, startEmbedded, type EmbeddedDatabase } from './embedded';
import { ReadReplicas } from './replicas';

/**
 * PGlite is one backend session, and pglite-socket interleaves the wire-protocol messages
 * of concurrent connections (electric-sql/pglite#1046: one pool connection's Bind could
 * meet another's Parse, and requests received each other's rows). One connection: requests
 * queue for it, each running its whole transaction alone.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** With read replicas: how long a connection to a replica, or a probe's, may take before that server counts as unreachable. */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;

export interface OpenDatabase extends Database {
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: a real PostgreSQL + PostGIS. Unset: the embedded PGlite default with
 * its data under `dataDir` — started here, or the one another process (the running app)
 * already serves from there. Either way migrations have run when this resolves.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<Config, 'databaseReadUrls' | 'readReplicaWaitMs' | 'readReplicaSharedWaitMs' | 'redisUrl'>>,
  entities: readonly Class[],
): Promise<OpenDatabase> {
  const shared = config.databaseUrl ? undefined : await runningEmbedded(config.dataDir);
  const embedded = config.databaseUrl || shared ? undefined : await startEmbedded(config.dataDir);
  const readUrls = config.databaseUrl ? (config.databaseReadUrls ?? []) : [];
  if (!config.databaseUrl && config.databaseReadUrls?.length) console.warn('DATABASE_READ_URLS ignored: it needs DATABASE_URL');
  const db = await connectDatabase(config.databaseUrl ?? shared ?? embedded!.url, {
    entities,
    poolSize: config.databaseUrl ? 10 : EMBEDDED_POOL_SIZE,
    embedded: !config.databaseUrl,
  });
  let replicas: ReadReplicas | undefined;
  if (readUrls.length) {
    replicas = new ReadReplicas(db.dataSource, readUrls, {
      waitMs: config.readReplicaWaitMs ?? 200,
      sharedWaitMs: config.readReplicaSharedWaitMs,
      checkMs: 1_000,
      poolSize: 10,
      connectTimeoutMs: REPLICA_CONNECT_TIMEOUT_MS,
      redisUrl: config.redisUrl,
    });
    await replicas.start();
  }
  return {
    ...db,
    replicas,
    embedded,
    async close() {
      await replicas?.stop();
      await db.dataSource.destroy();
      await embedded?.stop();
    },
  };
}
