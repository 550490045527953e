import 'reflect-metadata';
import { readConfig } from './config';
import { openDatabase } from './db/database';
import { createApp } from './server';

/** Starts the API: database (embedded when DATABASE_URL is unset), migrations, HTTP. */
async function main(): Promise<void> {
  const config = readConfig();
  const started = Date.now();
  const db = await openDatabase(config);
  console.log(`database ready (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}) in ${Date.now() - started} ms`);
  const app = await createApp(config, db);
  const url = await app.listen();
  console.log(`streetgrid api on ${url}/graphql`);
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
