import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase } from '../src/app/database';
import { DbSession, SessionClosedError, withSession } from '../src/platform/db/session';
import { RLS_TABLES } from '../src/platform/db/rls';
import { dbIdentity } from '../src/platform/identity/db-identity';
import { AuthService, signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { writeStreet } from '../src/seed/write-street';
import { createApp } from '../src/app/server';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi, testConfig } from './harness';

// The fixture street: communities 330106001001 (west) and 330106001002 (east), each with
// 2 compounds of 2 small grids; one building, 2 households, 2 residents per small grid.
const LARGE_WEST = '330106001001';
const SMALL_WEST = '3301060010010010001';
const HOME_RESIDENT = stableId(`${SMALL_WEST}/household/0/resident/0`);
/** Tables every signed-in viewer reads whole (no row depends on the caller). */
const REFERENCE_TABLES = ['case_category', 'department', 'service_skill', 'visit_policy', 'tile_version', 'spatial_ref_sys'];
/** The system's own bookkeeping, which no viewer role may read at all. */
const SYSTEM_TABLES = ['migrations', 'rls_state', 'case_number_counter'];

/** Residents a viewer may see, by the rule itself, computed by the system. */
async function residentsUnder(api: TestApi, path: string | null, householdOnly?: string): Promise<Set<string>> {
  const rows: { id: string }[] = householdOnly
    ? await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1`, [householdOnly])
    : await api.db.dataSource.query(
        `SELECT r.id FROM resident r JOIN household h ON h.id = r.household_id
            JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
          WHERE $1::ltree IS NULL OR g.path <@ $1::ltree`,
        [path],
      );
  return new Set(rows.map((r) => r.id));
}

for (const embedded of [false, true]) {
  describe(`row-level security and request isolation (${embedded ? 'embedded PGlite' : 'the configured database'})`, () => {
    let api: TestApi;
    const token: Record<string, string> = {};
    beforeAll(async () => {
      api = await startTestApiOn({ embedded }, fixtureStreet());
      token.admin = api.adminToken;
      token.operator = await api.userToken({ login: 'operator', role: 'OPERATOR' });
      token.leaderLarge = await api.userToken({ login: 'leader-large', role: 'GRID_LEADER', gridCodes: [LARGE_WEST] });
      token.leaderSmall = await api.userToken({ login: 'leader-small', role: 'GRID_LEADER', gridCodes: [SMALL_WEST] });
      token.resident = await api.userToken({ login: 'resident', role: 'RESIDENT', residentId: HOME_RESIDENT });
    });
    afterAll(() => api.close());

    it('turns on and forces row-level security on every table whose rows depend on the caller', async () => {
      const tables: { name: string; rls: boolean; forced: boolean }[] = await api.db.dataSource.query(
        `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      );
      const open = [...REFERENCE_TABLES, ...SYSTEM_TABLES];
      const unsecured = tables.filter((t) => !(t.rls && t.forced) && !open.includes(t.name)).map((t) => t.name);
      expect(unsecured).toEqual([]);
      expect(Object.keys(RLS_TABLES).sort()).toEqual(
        tables
          .filter((t) => !open.includes(t.name))
          .map((t) => t.name)
          .sort(),
      );
      const [{ n }] = await api.db.dataSource.query(
        `SELECT count(*)::int AS n FROM unnest($1::text[]) t WHERE has_table_privilege('sg_viewer', t, 'SELECT')`,
        [SYSTEM_TABLES],
      );
      expect(n).toBe(0);
    });

    it(
      "a deliberately unscoped raw SELECT through a leader's connection sees only their subtree, " + 'and writes reach nothing else',
      async () => {
        const auth = new AuthService(api.db.dataSource, jwtSecret());
        const leader = await auth.viewerFrom(token.leaderSmall);
        const [{ path }] = await api.db.dataSource.query(`SELECT path::text AS path FROM grid WHERE code = $1`, [SMALL_WEST]);
        const allowed = await residentsUnder(api, path);
        const everyone = await residentsUnder(api, null);
        await withSession(api.db.dataSource, dbIdentity(leader), async (db) => {
          const seen: { id: string }[] = await db.query(`SELECT id FROM resident`);
          expect(new Set(seen.map((r) => r.id))).toEqual(allowed);
          expect(allowed.size).toBeGreaterThan(0);
          expect(allowed.size).toBeLessThan(everyone.size);
          const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "case" WHERE NOT (grid_path <@ $1::ltree)`, [path]);
          expect(n).toBe(0);
          // A write outside a transaction is refused; inside one it touches only visible rows.
          await expect(db.query(`UPDATE resident SET name = name`)).rejects.toThrow(/read-only transaction/);
          const touched = await db.transaction((m) => m.query(`UPDATE resident SET name = name RETURNING id`));
          expect(new Set((touched[0] as { id: string }[]).map((r) => r.id))).toEqual(allowed);
        });
      },
    );

    it('sends the read transaction’s opening and the first statement in one message, parameters written in', async () => {
      const auth = new AuthService(api.db.dataSource, jwtSecret());
      const identity = dbIdentity(await auth.viewerFrom(token.leaderSmall));
      // statement_timestamp() is when the statement's message arrived; transaction_timestamp() when START TRANSACTION's did.
      const first = `SELECT current_user AS role, current_setting('transaction_read_only') AS read_only,
                            statement_timestamp() = transaction_timestamp() AS one_message, $1::text AS text, $2::int AS n`;
      const ask = (db: Parameters<Parameters<typeof withSession>[2]>[0], value: unknown) =>
        db.query(first, [value, 7]) as Promise<{ role: string; read_only: string; one_message: boolean; text: string; n: number }[]>;
      const [inlined, second] = await withSession(api.db.dataSource, identity, async (db) => [
        await ask(db, "it's \\ 网格"),
        await ask(db, 'again'),
      ]);
      expect(inlined).toEqual([{ role: identity.role, read_only: 'on', one_message: true, text: "it's \\ 网格", n: 7 }]);
      // Two messages have different timestamps on PostgreSQL (microseconds). PGlite's clock is WebAssembly's
      // Date.now(): two messages within one millisecond share it, so there only one message is told apart.
      const separate = embedded ? expect.any(Boolean) : false;
      // Later statements are messages of their own, in the same transaction, as the same caller.
      expect(second).toEqual([{ role: identity.role, read_only: 'on', one_message: separate, text: 'again', n: 7 }]);
      // A binary parameter has no literal: the opening goes first, alone; the statement still runs as the caller.
      const [binary] = await withSession(api.db.dataSource, identity, (db) =>
        db.query(`SELECT current_user AS role, statement_timestamp() = transaction_timestamp() AS one_message, length($1::bytea) AS n`, [
          Buffer.from([0, 1, 2]),
        ]),
      );
      expect(binary).toEqual({ role: identity.role, one_message: separate, n: 3 });
    });

    it('never runs a statement as the connection’s owner when the session is ended at the same moment', async () => {
      // A subscription's session is ended after each event while other work may still query through it.
      const auth = new AuthService(api.db.dataSource, jwtSecret());
      const identity = dbIdentity(await auth.viewerFrom(token.leaderSmall));
      const session = new DbSession(api.db.dataSource, identity);
      const roles = new Set<string>();
      const ask = async () => {
        for (const row of (await session.manager.query(`SELECT current_user AS role`)) as { role: string }[]) roles.add(row.role);
      };
      const later = async (ms: number, work: () => Promise<unknown>) => {
        await new Promise((done) => setTimeout(done, ms));
        await work();
      };
      // Statements arriving while an end() waits for the statements before it, at every offset up to a few round trips.
      for (let i = 0; i < 60; i++) await Promise.all([ask(), later(0, () => session.end()), later(i % 4, ask), later((i + 2) % 5, ask)]);
      await session.end();
      expect([...roles]).toEqual([identity.role]);
    });

    it('lets no statement take a connection once a session is closed (work outliving its request fails, it holds nothing)', async () => {
      const auth = new AuthService(api.db.dataSource, jwtSecret());
      const session = new DbSession(api.db.dataSource, dbIdentity(await auth.viewerFrom(token.leaderSmall)));
      const pool = (api.db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
      // Issued before the close: runs, in its transaction. Issued after: refused, where end() would reopen a transaction for ever.
      const before = session.manager.query(`SELECT current_user AS role`);
      const closing = session.close();
      const after = session.manager.query(`SELECT 1`).then(
        () => 'ran',
        (error: unknown) => error,
      );
      await expect(before).resolves.toEqual([{ role: dbIdentity(await auth.viewerFrom(token.leaderSmall)).role }]);
      expect(await after).toBeInstanceOf(SessionClosedError);
      await closing;
      await expect(session.manager.transaction((m) => m.query(`SELECT 1`))).rejects.toBeInstanceOf(SessionClosedError);
      expect(pool.totalCount - pool.idleCount).toBe(0);
    });

    it('answers 50 parallel mixed requests from different identities each with its own rows, and one version change wins', async () => {
      const [{ path: smallPath }] = await api.db.dataSource.query(`SELECT path::text AS path FROM grid WHERE code = $1`, [SMALL_WEST]);
      const [{ path: largePath }] = await api.db.dataSource.query(`SELECT path::text AS path FROM grid WHERE code = $1`, [LARGE_WEST]);
      const [{ household_id: home }] = await api.db.dataSource.query(`SELECT household_id FROM resident WHERE id = $1`, [HOME_RESIDENT]);
      const allowed: Record<string, Set<string>> = {
        leaderSmall: await residentsUnder(api, smallPath),
        leaderLarge: await residentsUnder(api, largePath),
        resident: await residentsUnder(api, null, home),
        operator: await residentsUnder(api, null),
      };
      const REPORT = `mutation ($input: ReportCaseInput!) {
        reportCase(input: $input, actor: { role: REPORTER, name: "x" }) { case { id description version } }
      }`;
      const report = (n: number) => ({
        clientKey: `isolation-${embedded}-${n}`,
        category: 'ENVIRONMENT',
        source: 'RESIDENT',
        lng: 120.102,
        lat: 30.255,
        description: `第${n}号`,
      });
      const target = await api.gql<{ reportCase: { case: { id: string; version: number } } }>(REPORT, { input: report(0) });
      const { id, version } = target.data!.reportCase.case;
      const FILE = `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`;

      type Outcome = () => Promise<void>;
      const checks: Outcome[] = [];
      const fileResults: string[] = [];
      for (let i = 0; i < 50; i++) {
        const kind = i % 5;
        if (kind === 0 || kind === 1) {
          const who = ['leaderSmall', 'leaderLarge', 'resident', 'operator'][i % 4];
          checks.push(async () => {
            const res = await api.gqlAs<{ residents: { nodes: { id: string }[] }; me: { login: string } }>(
              token[who],
              `{ me { login } residents(first: 100) { nodes { id } } }`,
            );
            expect(res.errors).toBeUndefined();
            expect(res.data!.me.login).toBe(
              { leaderSmall: 'leader-small', leaderLarge: 'leader-large', resident: 'resident', operator: 'operator' }[who],
            );
            const ids = res.data!.residents.nodes.map((r) => r.id);
            expect(ids.filter((r) => !allowed[who].has(r))).toEqual([]);
            expect(ids.length).toBe(allowed[who].size);
          });
        } else if (kind === 2) {
          checks.push(async () => {
            const res = await api.gql<{ reportCase: { case: { description: string } } }>(REPORT, { input: report(i) });
            expect(res.errors).toBeUndefined();
            expect(res.data!.reportCase.case.description).toBe(`第${i}号`);
          });
        } else if (kind === 3) {
          checks.push(async () => {
            const res = await api.gqlAs<{ fileCase: { version: number } }>(token.operator, FILE, { id, v: version });
            fileResults.push(res.errors ? String(res.errors[0].extensions?.code) : 'OK');
          });
        } else {
          checks.push(async () => {
            const res = await api.gqlAs<{ case: { id: string } | null }>(token.leaderSmall, `query ($id: ID!) { case(id: $id) { id } }`, {
              id,
            });
            expect(res.errors).toBeUndefined();
            expect(res.data!.case?.id).toBe(id);
          });
        }
      }
      await Promise.all(checks.map((c) => c()));
      expect(fileResults.filter((r) => r === 'OK')).toHaveLength(1);
      expect(fileResults.filter((r) => r === 'CONFLICT')).toHaveLength(fileResults.length - 1);
    });
  });
}

// The production setting (docker/): the API connects as the database's owner, who is not a
// superuser, so FORCE ROW LEVEL SECURITY applies to it too and only its sg_system policy
// lets migrations, seeding and sign-in see everything.
const base = process.env.TEST_DATABASE_URL;
(base ? describe : describe.skip)('a database owned by a role that is not a superuser', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `sg_owner_${suffix}`;
  const name = `sg_test_owner_${suffix}`;
  let url: string;
  let db: Awaited<ReturnType<typeof connectDatabase>>;
  let app: Awaited<ReturnType<typeof createApp>>;
  let apiUrl: string;
  const superuser = async <T>(database: string, work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: Object.assign(new URL(base!), { pathname: `/${database}` }).toString() });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    await superuser('postgres', async (c) => {
      await c.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner' NOSUPERUSER CREATEROLE NOBYPASSRLS`);
      await c.query(`CREATE DATABASE ${name} OWNER ${owner}`);
    });
    // PostGIS needs a superuser to install (docker/initdb does the same); the owner does the rest.
    await superuser(name, (c) => c.query(`CREATE EXTENSION postgis; CREATE EXTENSION ltree; ALTER SCHEMA public OWNER TO ${owner}`));
    url = Object.assign(new URL(base!), { pathname: `/${name}`, username: owner, password: 'owner' }).toString();
    db = await connectDatabase(url, { poolSize: 4 });
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    app = await createApp(testConfig(), db);
    apiUrl = await app.listen();
  });
  afterAll(async () => {
    await app?.stop();
    await db?.dataSource.destroy();
    await superuser('postgres', async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  });

  it('migrates and seeds as the owner, and a leader still sees only their subtree', async () => {
    const [{ rolsuper }] = await db.dataSource.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect(rolsuper).toBe(false);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM resident`);
    expect(n).toBe(32);
    const ask = async (authorization: string) => {
      const res = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: `{ residents(first: 100) { totalCount } }` }),
      });
      return ((await res.json()) as { data: { residents: { totalCount: number } } }).data.residents.totalCount;
    };
    const [{ id: grid }] = await db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [SMALL_WEST]);
    const leader = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'owner-leader', displayName: 'x', password: 'x', role: 'GRID_LEADER', gridIds: [grid] }),
    );
    const admin = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'owner-admin', displayName: 'x', password: 'x', role: 'STREET_ADMIN' }),
    );
    expect(await ask(`Bearer ${await signAccessToken(leader, 'GRID_LEADER', jwtSecret())}`)).toBe(4);
    expect(await ask(`Bearer ${await signAccessToken(admin, 'STREET_ADMIN', jwtSecret())}`)).toBe(32);
  });
});
