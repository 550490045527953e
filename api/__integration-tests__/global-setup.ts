import { Client } from 'pg';

/**
 * Integration tests run on a real PostgreSQL + PostGIS when TEST_DATABASE_URL is set
 * (CI sets it), else on the embedded PGlite. Fail fast with a clear message when the
 * configured server is not there.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('\nintegration: TEST_DATABASE_URL unset, using embedded PGlite + PostGIS');
    return;
  }
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT default_version AS v FROM pg_available_extensions WHERE name = 'postgis'`);
    if (!rows.length) throw new Error('PostGIS is not installed on that server');
    const [{ v }] = rows;
    console.log(`\nintegration: PostgreSQL at ${new URL(url).host}, PostGIS ${v}`);
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but not usable (${(error as Error).message}); run scripts/setup-postgis.sh`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}
