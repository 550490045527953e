import type { Config } from '../platform/config';
import { connectDatabase as connect, type Database } from '../platform/db/data-source';
import { openDatabase as open, type OpenDatabase } from '../platform/db/database';
import { DOMAINS } from '../domains';

/** Every domain's TypeORM entities. */
export const entities = DOMAINS.flatMap((d) => d.entities ?? []);

/** A PostgreSQL + PostGIS at `url` with every domain's entities, migrated (see platform/db). */
export function connectDatabase(url: string, opts: { poolSize?: number; embedded?: boolean } = {}): Promise<Database> {
  return connect(url, { ...opts, entities });
}

/** DATABASE_URL's PostgreSQL, or the embedded default (see platform/db), with every domain's entities. */
export function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<Config, 'databaseReadUrls' | 'readReplicaWaitMs' | 'readReplicaSharedWaitMs' | 'redisUrl'>>,
): Promise<OpenDatabase> {
  return open(config, entities);
}
