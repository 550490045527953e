import { fixtureStreet } from '../src/seed/fixture-street';
import { CaseNumbers1765500000000 } from '../src/platform/db/migrations/1765500000000-case-numbers';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const SMALL_1 = '3301060010010010001'; // lng 120.100–120.105, lat 30.25–30.26
const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput!) {
  reportCase(input: $input, actor: $actor) { created case { id number } } }`;
const BY_NUMBER = `query ($n: String!, $s: String) { caseByNumber(number: $n, streetCode: $s) { id number } }`;

/** Today in Beijing time as YYYYMMDD, the prefix of today's numbers. */
function beijingDay(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

let keySeq = 0;
async function report(lng = 120.102): Promise<{ id: string; number: string }> {
  const res = await api.gql<{ reportCase: { case: { id: string; number: string } } }>(REPORT, {
    input: { clientKey: `n-${keySeq++}`, category: 'ENVIRONMENT', source: 'RESIDENT', lng, lat: 30.255, description: '垃圾桶满溢' },
    actor: { role: 'REPORTER', name: '张居民' },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.reportCase.case;
}

describe('事件编号 — readable case numbers', () => {
  it('numbers parallel reports of one street and day without a duplicate or a gap', async () => {
    const [{ n: before }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM "case"`);
    const cases = await Promise.all(Array.from({ length: 24 }, (_, i) => report(i % 2 ? 120.102 : 120.107)));
    const numbers = cases.map((c) => c.number);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^${beijingDay()}-\\d{4}$`));
    expect(new Set(numbers).size).toBe(24);
    const seqs = numbers.map((n) => Number(n.slice(9))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => before + i + 1));
  });

  it('keeps the number on an idempotent retry', async () => {
    const input = { clientKey: 'retry-1', category: 'ENVIRONMENT', source: 'RESIDENT', lng: 120.102, lat: 30.255, description: '路灯不亮' };
    const actor = { role: 'REPORTER', name: '张居民' };
    const first = await api.gql<{ reportCase: { created: boolean; case: { number: string } } }>(REPORT, { input, actor });
    const again = await api.gql<{ reportCase: { created: boolean; case: { number: string } } }>(REPORT, { input, actor });
    expect(again.data!.reportCase).toEqual({ created: false, case: first.data!.reportCase.case });
  });

  it('finds a case by its number within what the caller sees', async () => {
    const c = await report();
    expect((await api.gql(BY_NUMBER, { n: c.number })).data).toEqual({ caseByNumber: c });
    expect((await api.gql(BY_NUMBER, { n: ` ${c.number} `, s: '330106001' })).data).toEqual({ caseByNumber: c });
    expect((await api.gql(BY_NUMBER, { n: c.number, s: '330106999' })).data).toEqual({ caseByNumber: null });
    const other = await api.userToken({ login: 'leader-elsewhere', role: 'GRID_LEADER', gridCodes: ['3301060010010010002'] });
    expect((await api.gqlAs(other, BY_NUMBER, { n: c.number })).data).toEqual({ caseByNumber: null });
    const own = await api.userToken({ login: 'leader-here', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
    expect((await api.gqlAs(own, BY_NUMBER, { n: c.number })).data).toEqual({ caseByNumber: c });
    const bad = await api.gql(BY_NUMBER, { n: 'c0ffee' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
  });

  it('numbers existing cases by report time when migrated, and continues after them', async () => {
    const runner = api.db.dataSource.createQueryRunner();
    const migration = new CaseNumbers1765500000000();
    try {
      await migration.down(runner);
      // Three cases of one day reported out of insertion order, and one of the day before.
      const ids: { id: string }[] = await runner.query(`SELECT id FROM "case" ORDER BY seq DESC LIMIT 4`);
      const times = ['2026-03-02T09:00:00+08:00', '2026-03-02T08:00:00+08:00', '2026-03-02T23:59:00+08:00', '2026-03-01T23:59:00+08:00'];
      for (const [i, { id }] of ids.entries()) await runner.query(`UPDATE "case" SET reported_at = $2 WHERE id = $1`, [id, times[i]]);
      await migration.up(runner);
      const rows: { id: string; number: string }[] = await runner.query(`SELECT id, number FROM "case" WHERE id = ANY($1)`, [
        ids.map((r) => r.id),
      ]);
      const numberOf = new Map(rows.map((r) => [r.id, r.number]));
      expect(ids.map(({ id }) => numberOf.get(id))).toEqual(['20260302-0002', '20260302-0001', '20260302-0003', '20260301-0001']);
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM "case" WHERE number IS NULL`);
      expect(n).toBe(0);
    } finally {
      await runner.release();
    }
    const next = await report();
    const [{ n: today }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM "case" WHERE number LIKE $1`, [
      `${beijingDay()}-%`,
    ]);
    expect(next.number).toBe(`${beijingDay()}-${String(today).padStart(4, '0')}`);
  });
});
