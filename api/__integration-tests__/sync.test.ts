import 'reflect-metadata';
import { fixtureStreet } from '../src/seed/fixture-street';
import { encodeSyncCursor, pruneTombstones } from '../src/platform/graphql/sync';
import { startTestApiOn, type TestApi } from './harness';

/*
 * Departments' systems pull changes, not everything (changedSince, syncCursor, removed), on
 * the real database: the fixture street (8 small grids, 8 buildings, 16 households, 32
 * residents in two communities).
 */

process.env.CASE_SWEEP_MS = '0';

const SYNC = { windowMs: 0, retentionDays: 90, pruneMs: 0 };
const COMMUNITY_1 = '330106001001';

interface Page {
  nodes: { id: string; updatedAt: string }[];
  removed: { id: string; deletedAt: string }[];
  syncCursor: string | null;
  pageInfo: { hasNextPage: boolean };
  totalCount?: number;
}

let api: TestApi;
let households: { id: string; path: string }[];
const as: Record<'houses' | 'cases' | 'leader', string> = { houses: '', cases: '', leader: '' };

async function key(scopes: string[]): Promise<string> {
  const r = await api.gql<{ createApiKey: { key: string } }>(
    `mutation ($s: [String!]!) { createApiKey(input: { name: "sync", department: "区民政局", scopes: $s, ratePerMinute: 100000 }) { key } }`,
    { s: scopes },
  );
  expect(r.errors).toBeUndefined();
  return `ApiKey ${r.data!.createApiKey.key}`;
}

beforeAll(async () => {
  api = await startTestApiOn({ config: { sync: SYNC } }, fixtureStreet());
  as.houses = await key(['Household']);
  as.cases = await key(['Case', 'Household']);
  as.leader = await api.userToken({ login: 'sync-leader', role: 'GRID_LEADER', gridCodes: [COMMUNITY_1] });
  households = await api.db.dataSource.query(`SELECT id, grid_path::text AS path FROM household ORDER BY id`);
}, 60_000);
afterAll(() => api?.close());

/** One pull of `field` (a list taking changedSince). */
async function pull(auth: string, field: string, cursor: string, first = 100): Promise<Page> {
  const r = await api.gqlAs<Record<string, Page>>(
    auth,
    `query ($c: String!, $n: Int) { ${field}(changedSince: $c, first: $n) {
       nodes { id updatedAt } removed { id deletedAt } syncCursor pageInfo { hasNextPage } totalCount } }`,
    { c: cursor, n: first },
  );
  expect(r.errors).toBeUndefined();
  return r.data![field];
}

/** Pages until caught up: every node and tombstone in order, and the cursor for next time. */
async function syncAll(auth: string, field: string, cursor: string, first = 100) {
  const nodes: string[] = [];
  const removed: string[] = [];
  let pages = 0;
  for (;;) {
    const page = await pull(auth, field, cursor, first);
    pages++;
    nodes.push(...page.nodes.map((n) => n.id));
    removed.push(...page.removed.map((t) => t.id));
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    cursor = page.syncCursor!;
    if (!page.pageInfo.hasNextPage) return { nodes, removed, cursor, pages };
    if (pages > 100) throw new Error('sync does not end');
  }
}

async function touchHousehold(id: string, size: number): Promise<void> {
  const [{ version }] = await api.db.dataSource.query(`SELECT version FROM household WHERE id = $1`, [id]);
  const r = await api.gql(`mutation ($id: ID!, $v: Int!, $s: Int!) { updateHousehold(id: $id, input: { version: $v, size: $s }) { id } }`, {
    id,
    v: version,
    s: size,
  });
  expect(r.errors).toBeUndefined();
}

/** Deletes a household and its residents (there is no mutation for it: as the owner, like an import or a data fix would). */
async function deleteHousehold(id: string): Promise<void> {
  await api.db.dataSource.transaction(async (m) => {
    const people = `(SELECT id FROM resident WHERE household_id = $1)`;
    await m.query(`UPDATE grid_leader SET resident_id = NULL WHERE resident_id IN ${people}`, [id]);
    await m.query(`UPDATE party_organization SET secretary_id = NULL WHERE secretary_id IN ${people}`, [id]);
    await m.query(`UPDATE party_organization SET deputy_id = NULL WHERE deputy_id IN ${people}`, [id]);
    await m.query(`DELETE FROM resident WHERE household_id = $1`, [id]);
    await m.query(`DELETE FROM household WHERE id = $1`, [id]);
  });
  households = households.filter((h) => h.id !== id);
}

const sorted = (xs: string[]) => [...xs].sort();

describe('a department key with the Household scope', () => {
  it('pulls everything once, then exactly what changed, then nothing', async () => {
    const first = await syncAll(as.houses, 'households', '');
    expect(sorted(first.nodes)).toEqual(households.map((h) => h.id));
    expect(first.removed).toEqual([]);

    const [a, b, gone] = households;
    await touchHousehold(a.id, 7);
    await touchHousehold(b.id, 8);
    await deleteHousehold(gone.id);

    const second = await pull(as.houses, 'households', first.cursor);
    expect(sorted(second.nodes.map((n) => n.id))).toEqual(sorted([a.id, b.id]));
    expect(second.removed.map((t) => t.id)).toEqual([gone.id]);
    expect(second.totalCount).toBe(2);
    // In (updatedAt, id) order, with every microsecond of the stamp.
    expect(second.nodes.map((n) => n.id)).toEqual([a.id, b.id]);
    expect(second.syncCursor).not.toBe(first.cursor);

    const third = await pull(as.houses, 'households', second.syncCursor!);
    expect(third.nodes).toEqual([]);
    expect(third.removed).toEqual([]);
    expect(third.syncCursor).toBe(second.syncCursor);
  });

  it('sees rows written by raw SQL that leaves updated_at alone (as the import may)', async () => {
    const start = (await syncAll(as.houses, 'households', '')).cursor;
    const [h] = households;
    // A raw UPDATE that does not set updated_at itself: the trigger stamps it.
    await api.db.dataSource.query(`UPDATE household SET room = room WHERE id = $1`, [h.id]);
    expect((await pull(as.houses, 'households', start)).nodes.map((n) => n.id)).toEqual([h.id]);
  });

  it('gets nothing of cases, their tombstones included, without the Case scope', async () => {
    const start = { houses: (await syncAll(as.houses, 'cases', '')).cursor, cases: (await syncAll(as.cases, 'cases', '')).cursor };
    const r = await api.gql<{ reportCase: { case: { id: string } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`,
      {
        input: {
          clientKey: 'sync-1',
          category: 'ENVIRONMENT',
          source: 'RESIDENT',
          lng: 120.102,
          lat: 30.252,
          description: '同步测试',
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const caseId = r.data!.reportCase.case.id;
    const full = await pull(as.houses, 'cases', '');
    expect(full.nodes).toEqual([]);
    const withCase = await pull(as.cases, 'cases', start.cases);
    expect(withCase.nodes.map((n) => n.id)).toEqual([caseId]);

    await api.db.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM case_event WHERE case_id = $1`, [caseId]);
      await m.query(`DELETE FROM "case" WHERE id = $1`, [caseId]);
    });
    const after = await pull(as.houses, 'cases', start.houses);
    expect(after.nodes).toEqual([]);
    expect(after.removed).toEqual([]);
    const seen = await pull(as.cases, 'cases', withCase.syncCursor!);
    expect(seen.removed.map((t) => t.id)).toEqual([caseId]);
  });
});

describe("a grid leader's sync", () => {
  it('stays within their grids, tombstones included', async () => {
    const mine = households.filter((h) => h.path.includes(`c001`)).map((h) => h.id);
    const full = await syncAll(as.leader, 'households', '');
    expect(sorted(full.nodes)).toEqual(sorted(mine));

    const inside = households.find((h) => mine.includes(h.id))!;
    const outside = households.filter((h) => !mine.includes(h.id));
    await touchHousehold(inside.id, 3);
    await touchHousehold(outside[0].id, 3);
    await deleteHousehold(outside[1].id);
    const gone = households.filter((h) => mine.includes(h.id)).at(-1)!;
    await deleteHousehold(gone.id);

    const next = await pull(as.leader, 'households', full.cursor);
    expect(next.nodes.map((n) => n.id)).toEqual([inside.id]);
    expect(next.removed.map((t) => t.id)).toEqual([gone.id]);
    // The department key sees both deletions.
    const dept = await pull(as.houses, 'households', full.cursor);
    expect(sorted(dept.removed.map((t) => t.id))).toEqual(sorted([outside[1].id, gone.id]));
  });
});

describe('paging', () => {
  it('walks all changes, rows and tombstones, without gap or duplicate', async () => {
    const start = (await syncAll(as.houses, 'residents', '')).cursor;
    expect(start).toBe(''); // no Resident scope: nothing, and the cursor given back
    const base = (await syncAll(as.houses, 'households', '')).cursor;
    const touched = households.slice(0, 5).map((h) => h.id);
    for (const [i, id] of touched.entries()) await touchHousehold(id, 10 + i);
    const gone = households.slice(-2).map((h) => h.id);
    for (const id of gone) await deleteHousehold(id);
    await touchHousehold(touched[0], 20); // changed twice: once in the answer, at its last place

    for (const n of [1, 2, 3]) {
      const walk = await syncAll(as.houses, 'households', base, n);
      expect(walk.nodes).toEqual([...touched.slice(1), touched[0]]);
      expect(new Set(walk.nodes).size).toBe(walk.nodes.length);
      expect(sorted(walk.removed)).toEqual(sorted(gone));
      expect(walk.pages).toBeGreaterThan(1);
    }
    // A full first pull pages too.
    const full = await syncAll(as.houses, 'households', '', 4);
    expect(sorted(full.nodes)).toEqual(households.map((h) => h.id));
  });

  it('refuses after beside changedSince, and a cursor not of this API', async () => {
    const both = await api.gqlAs(as.houses, `{ households(changedSince: "", after: "x") { nodes { id } } }`);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const bad = await api.gqlAs(as.houses, `{ households(changedSince: "bm90IGEgY3Vyc29y") { nodes { id } } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changedSince' });
  });
});

describe('expiry and pruning', () => {
  it('answers SYNC_CURSOR_EXPIRED for a cursor older than the retention', async () => {
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString().replace('Z', '000Z');
    const cursor = encodeSyncCursor({ at: old, id: '00000000-0000-0000-0000-000000000000' });
    const r = await api.gqlAs(as.houses, `query ($c: String!) { households(changedSince: $c) { nodes { id } } }`, { c: cursor });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'SYNC_CURSOR_EXPIRED', field: 'changedSince' });
    const recent = new Date(Date.now() - 89 * 86_400_000).toISOString().replace('Z', '000Z');
    const ok = await api.gqlAs(as.houses, `query ($c: String!) { households(changedSince: $c) { nodes { id } } }`, {
      c: encodeSyncCursor({ at: recent, id: '00000000-0000-0000-0000-000000000000' }),
    });
    expect(ok.errors).toBeUndefined();
  });

  it('prunes tombstones past the retention', async () => {
    await api.db.dataSource.query(
      `INSERT INTO tombstone (kind, entity_id, deleted_at) VALUES ('Household', gen_random_uuid(), now() - interval '100 days')`,
    );
    const before: { n: number }[] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM tombstone`);
    expect(await pruneTombstones(api.db.dataSource, SYNC)).toBe(1);
    const after: { n: number }[] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM tombstone`);
    expect(after[0].n).toBe(before[0].n - 1);
  });
});

describe('commit-time skew', () => {
  it('never hands out a cursor past a transaction that may still commit an older stamp', async () => {
    const base = (await syncAll(as.houses, 'households', '')).cursor;
    const [late, early] = households;
    const runner = api.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Stamped now, committed only after another change and a pull.
      await runner.query(`UPDATE household SET size = 30 WHERE id = $1`, [late.id]);
      await touchHousehold(early.id, 31);
      const during = await pull(as.houses, 'households', base);
      // The committed change waits too: handing it out would move the cursor past the open transaction's stamp.
      expect(during.nodes).toEqual([]);
      expect(during.syncCursor).toBe(base);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await pull(as.houses, 'households', base);
    expect(after.nodes.map((n) => n.id)).toEqual([late.id, early.id]);
  });

  it('holds back rows stamped within the safety window', async () => {
    const windowed = await startTestApiOn({ config: { sync: { ...SYNC, windowMs: 60_000 } } }, fixtureStreet({ code: '330106002' }));
    try {
      const r = await windowed.gql<{ households: Page }>(`{ households(changedSince: "") { nodes { id } syncCursor } }`);
      expect(r.errors).toBeUndefined();
      // Every row was written less than a minute ago.
      expect(r.data!.households.nodes).toEqual([]);
      expect(r.data!.households.syncCursor).toBe('');
    } finally {
      await windowed.close();
    }
  });
});
