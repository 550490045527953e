import { resolve } from 'node:path';
import type { Config } from './config';
import { openDatabase, type OpenDatabase } from './db/database';
import { createApp } from './server';

export interface RunOptions {
  /** Work on the open database before the server listens (e.g. seeding the demo street). */
  prepare?(db: OpenDatabase): Promise<void>;
  /** The line printed once listening. */
  announce?(url: string): string;
}

/**
 * Opens the database (embedded when DATABASE_URL is unset; migrations run), serves the
 * app, and shuts both down cleanly on SIGINT/SIGTERM. `api/dist/main.js` and `pnpm start`
 * both run through here.
 */
export async function runServer(config: Config, opts: RunOptions = {}): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(config);
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${resolve(config.dataDir)}`;
  console.log(`database ready (${where}) in ${Date.now() - started} ms`);
  await opts.prepare?.(db);
  const app = await createApp(config, db);
  const url = await app.listen();
  console.log(opts.announce?.(url) ?? `streetgrid api on ${url}/graphql`);
  const shutdown = async () => {
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
