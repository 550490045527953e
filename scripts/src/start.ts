import { resolve } from 'node:path';
import { readConfig, runServer } from '@streetgrid/api';
import { seedDemoIfEmpty } from './seed-demo';

/**
 * `pnpm start`: the whole app on one origin — API, GraphQL, and the built web app —
 * on the embedded database (or DATABASE_URL), with the demo street seeded when empty.
 */
const config = readConfig({ WEB_DIST: resolve(__dirname, '../../web/dist'), ...process.env });
runServer(config, {
  prepare: async (db) => {
    if (config.seedDemo) await seedDemoIfEmpty(db.dataSource);
  },
  announce: (url) => `streetgrid is up: ${url}/  (GraphQL ${url}/graphql)`,
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
