import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase } from '../src/app/database';
import type { Database } from '../src/platform/db/data-source';
import { withSession, type DbIdentity } from '../src/platform/db/session';
import { createTestDatabase, type TestDatabase } from './harness';

// On PostgreSQL a read session's ROLLBACK goes out with its connection's next statement
// (platform/db/deferred-rollback.ts). One pooled connection, so every statement below reuses the
// connection the caller's read left inside its transaction.
const TEST_URL = process.env.TEST_DATABASE_URL;
const describeOnPostgres = TEST_URL ? describe : describe.skip;

describeOnPostgres('a read session’s rollback, deferred to its connection’s next statement', () => {
  let test: TestDatabase;
  let db: Database;
  const caller: DbIdentity = { role: 'sg_leader', settings: { 'sg.user_id': randomUUID(), 'sg.role': 'GRID_LEADER', 'sg.paths': '{}' } };
  const read = () =>
    withSession(db.dataSource, caller, (m) =>
      m.query(`SELECT current_user AS who, pg_backend_pid() AS pid, (SELECT count(*) FROM grid) AS grids`),
    ) as Promise<{ who: string; pid: number }[]>;
  /** What the next statement on the connection runs as, and in which transaction state. */
  const owner = `SELECT current_user AS who, current_setting('sg.user_id', true) AS user_id,
                        current_setting('transaction_read_only') AS read_only, pg_backend_pid() AS pid`;

  beforeAll(async () => {
    test = await createTestDatabase();
    db = await connectDatabase(test.url, { poolSize: 1 });
    await db.dataSource.query(
      `INSERT INTO street (id, code, name, geom, area_m2)
       VALUES ($1, '330199001', 't', ST_Multi(ST_MakeEnvelope(120, 30, 120.01, 30.01, 4326)), 1)`,
      [randomUUID()],
    );
  });
  afterAll(async () => {
    await db?.dataSource.destroy();
    await test?.close();
  });

  it('runs the next plain statement, and the next with parameters, as the system, after the caller’s transaction ended', async () => {
    const [{ who, pid }] = await read();
    expect(who).toBe('sg_leader');
    const plain: { who: string; user_id: string | null; read_only: string; pid: number }[] = await db.dataSource.query(owner);
    expect(plain[0]).toMatchObject({ who: 'postgres', read_only: 'off' });
    expect(plain[0].user_id ?? '').toBe('');
    expect(plain[0].pid).toBe(pid);

    await read();
    const withParameters: { who: string; user_id: string | null; read_only: string; n: number }[] = await db.dataSource.query(
      `${owner}, $1::int AS n`,
      [7],
    );
    expect(withParameters[0]).toMatchObject({ who: 'postgres', read_only: 'off', n: 7 });
    expect(withParameters[0].user_id ?? '').toBe('');

    // A system transaction (TypeORM's own START TRANSACTION) writes, as the owner.
    await read();
    await db.dataSource.transaction((m) => m.query(`UPDATE street SET name = 'u' WHERE code = '330199001'`));
    await read();
    const sessions = await withSession(db.dataSource, caller, (m) => m.query(owner));
    expect(sessions[0]).toMatchObject({ who: 'sg_leader', user_id: caller.settings['sg.user_id'], read_only: 'on' });
  });

  it('sends the rollback alone when nobody takes the connection, so DDL is not held up by an idle reader', async () => {
    const [{ pid }] = await read();
    const other = new Client({ connectionString: test.url });
    await other.connect();
    try {
      const state = async () =>
        (await other.query<{ state: string }>(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [pid])).rows[0].state;
      // Right after the read the connection owes its rollback (and holds the read's locks); within a moment it has sent it.
      for (const end = Date.now() + 5_000; (await state()) !== 'idle' && Date.now() < end;)
        await new Promise((done) => setTimeout(done, 20));
      expect(await state()).toBe('idle');
      await other.query(`SET lock_timeout = '1s'`);
      await other.query(`BEGIN; LOCK TABLE grid IN ACCESS EXCLUSIVE MODE; ROLLBACK`);
    } finally {
      await other.end();
    }
  });

  it('keeps an idle connection past pg’s 10 s default, so a read after a pause finds a warm backend', async () => {
    const [before] = await read();
    await new Promise((done) => setTimeout(done, 11_000));
    const [after] = await read();
    expect(after.pid).toBe(before.pid);
  }, 30_000);
});
