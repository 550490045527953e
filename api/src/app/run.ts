import { resolve } from 'node:path';
import type { Config } from '../platform/config';
import type { OpenDatabase } from '../platform/db/database';
import { openDatabase } from './database';
import { createApp } from './server';
import { exitOnSignals, trackConnections } from './shutdown';

export interface RunOptions {
  /** Work on the open database before the server listens (e.g. seeding the demo street). */
  prepare?(db: OpenDatabase): Promise<void>;
  /** The line printed once listening. */
  announce?(url: string): string;
}

/** Beyond the grace period: websockets that do not answer their close frame, the database's close. */
const CLOSE_MS = 5_000;

/**
 * Opens the database (embedded when DATABASE_URL is unset; migrations run), serves the
 * app, and on SIGINT/SIGTERM shuts down gracefully: stops accepting, lets requests in flight
 * finish (cut after SHUTDOWN_GRACE_MS), closes websockets with 1001 Going Away, stops the
 * sweeps and the bus, closes the database (the embedded one checkpoints its files), prints
 * one line and exits 0. `api/dist/main.js` and `pnpm start` both run through here.
 */
export async function runServer(config: Config, opts: RunOptions = {}): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(config);
  const origin = { existing: '', template: ', new from the template', initdb: ', new by initdb' }[db.embedded?.origin ?? 'existing'];
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${resolve(config.dataDir)}${origin}`;
  console.log(`database ready (${where}) in ${Date.now() - started} ms`);
  const opened = Date.now();
  await opts.prepare?.(db);
  const prepared = Date.now();
  const app = await createApp(config, db);
  const connections = trackConnections(app.httpServer);
  const url = await app.listen();
  const up = Date.now();
  console.log(opts.announce?.(url) ?? `streetgrid api on ${url}/graphql`);
  console.log(
    `started in ${up - started} ms: database ${opened - started} ms` +
      (opts.prepare ? `, prepare ${prepared - opened} ms` : '') +
      `, app ${up - prepared} ms`,
  );
  exitOnSignals(
    async (signal) => {
      const stopping = Date.now();
      const http = await connections.drain(config.shutdownGraceMs);
      const websockets = connections.websockets;
      const cut = setTimeout(() => connections.destroyAll(), CLOSE_MS).unref();
      await app.stop();
      clearTimeout(cut);
      await db.close();
      const cutOff = http.cancelled ? `, ${http.cancelled} cut off after ${config.shutdownGraceMs} ms` : '';
      const requests = `${http.finished} request${http.finished === 1 ? '' : 's'} finished${cutOff}`;
      const closed = db.embedded ? 'embedded database closed' : 'database connections closed';
      return (
        `streetgrid stopped (${signal}) in ${Date.now() - stopping} ms: ` +
        `${requests}, ${websockets} websocket${websockets === 1 ? '' : 's'} closed, ${closed}`
      );
    },
    config.shutdownGraceMs + 2 * CLOSE_MS,
  );
}
