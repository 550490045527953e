import { resolve } from 'node:path';
import { createApp, openDatabase, readConfig } from '@streetgrid/api';
import { seedDemoIfEmpty } from './seed-demo';

/**
 * `pnpm start`: the whole app on one origin — API, GraphQL, and the built web app —
 * on the embedded database (or DATABASE_URL), with the demo street seeded when empty.
 */
async function main(): Promise<void> {
  const config = readConfig({ WEB_DIST: resolve(__dirname, '../../web/dist'), ...process.env });
  const started = Date.now();
  const db = await openDatabase(config);
  console.log(`database ready (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${resolve(config.dataDir)}`}) in ${Date.now() - started} ms`);
  if (config.seedDemo) await seedDemoIfEmpty(db.dataSource);
  const app = await createApp(config, db);
  const url = await app.listen();
  console.log(`streetgrid is up: ${url}/  (GraphQL ${url}/graphql)`);
  const shutdown = async () => {
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
