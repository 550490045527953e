import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { writeCaseHistory } from '../src/seed/case-history';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('writeCaseHistory', () => {
  it('writes 90 days of cases whose events replay to the stored state, and replaces itself on a rerun', async () => {
    const now = new Date();
    const first = await api.db.dataSource.transaction((m) => writeCaseHistory(m, '330106001', { perDay: 6, seed: 7, now }));
    const again = await api.db.dataSource.transaction((m) => writeCaseHistory(m, '330106001', { perDay: 6, seed: 7, now }));
    expect(again).toEqual(first);
    expect(first.cases).toBeGreaterThan(400);
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM "case"`);
    expect(n).toBe(first.cases);

    // Each case's last event carries its status and version; versions run 1..n without gaps.
    const broken = await api.db.dataSource.query(`
      SELECT c.id FROM "case" c
        JOIN LATERAL (SELECT count(*) AS n, max(version) AS v, (array_agg(to_status ORDER BY id DESC))[1] AS last
                        FROM case_event e WHERE e.case_id = c.id) e ON true
       WHERE e.n <> c.version OR e.v <> c.version OR e.last <> c.status`);
    expect(broken).toEqual([]);
    const [{ oldest }] = await api.db.dataSource.query(`SELECT min(reported_at) AS oldest FROM "case"`);
    expect(now.getTime() - new Date(oldest).getTime()).toBeLessThanOrEqual(90.5 * 86400e3);
    // The ids of history events follow time.
    const [{ outOfOrder }] = await api.db.dataSource.query(
      `SELECT count(*)::int AS "outOfOrder" FROM (SELECT at < lag(at) OVER (ORDER BY id) AS bad FROM case_event) x WHERE bad`,
    );
    expect(outOfOrder).toBe(0);
  });

  it('gives plausible indicators for the street', async () => {
    const res = await api.gql<{ caseIndicators: Record<string, number> }>(
      `query ($g: ID!, $from: DateTime!, $to: DateTime!) { caseIndicators(gridId: $g, from: $from, to: $to) {
        reported filed closed onTimeClosureRate closureRate reworkRate extensionRate meanHoursToDispatch meanHoursToClose satisfaction } }`,
      {
        g: stableId('330106001001'),
        from: new Date(Date.now() - 60 * 86400e3).toISOString(),
        to: new Date(Date.now() - 10 * 86400e3).toISOString(),
      },
    );
    expect(res.errors).toBeUndefined();
    const k = res.data!.caseIndicators;
    expect(k.onTimeClosureRate).toBeGreaterThan(0.7);
    expect(k.onTimeClosureRate).toBeLessThan(1);
    expect(k.closureRate).toBeGreaterThan(0.9);
    expect(k.reworkRate).toBeGreaterThan(0);
    expect(k.reworkRate).toBeLessThan(0.2);
    expect(k.extensionRate).toBeGreaterThan(0);
    expect(k.satisfaction).toBeGreaterThan(0.8);
    expect(k.meanHoursToDispatch).toBeGreaterThan(0);
    expect(k.meanHoursToClose).toBeGreaterThan(k.meanHoursToDispatch);
  });
});
