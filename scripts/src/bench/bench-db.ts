import { Client } from 'pg';
import { connectDatabase, writeCaseHistory, type Database } from '@streetgrid/api';
import { addStreets } from '../seed-demo';

/**
 * The benchmark database on a real PostgreSQL + PostGIS: BENCH_DATABASE_URL, else
 * streetgrid_bench on the local server, created and seeded with the demo street
 * (generator seed 1) when empty.
 */
export async function benchDatabase(
  streets = 1,
  url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/streetgrid_bench',
): Promise<Database & { url: string }> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!rows.length) await admin.query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/g, '')}`);
  await admin.end();
  const db = await connectDatabase(url);
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM street`);
  if (n < streets) {
    console.error(`seeding ${streets} street(s) into ${name}…`);
    // Adds the missing streets (with case history), keeping those there and their accounts.
    await addStreets(db.dataSource, { streets, seed: 1 });
  }
  const [{ cases }] = await db.dataSource.query(`SELECT count(*)::int AS cases FROM "case"`);
  if (cases === 0) {
    console.error('writing 90 days of case history…');
    const codes: { code: string }[] = await db.dataSource.query(`SELECT code FROM street ORDER BY code`);
    for (const { code } of codes) await db.dataSource.transaction((m) => writeCaseHistory(m, code, { days: 90 }));
  }
  return { ...db, url };
}
