import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

// The leader's workspace and the wall screen's feed: recent events in scope, extension
// requests, handling with a photo and the photo route.
let api: TestApi;
let leader: string;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leader = await api.userToken({ login: 'ws-leader', role: 'GRID_LEADER', gridCodes: [SMALL_1] });
});
afterAll(() => api.close());

const SMALL_1 = '3301060010010010001'; // lng 120.100–120.105, lat 30.25–30.26
const IN_1 = { lng: 120.102, lat: 30.255 };
const IN_2 = { lng: 120.107, lat: 30.255 }; // SMALL_2, outside the leader's grid
const REPORTER = { role: 'REPORTER', name: '张居民' };
const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput) { reportCase(input: $input, actor: $actor) { case { id version status dueAt } } }`;
const RECENT = `query ($first: Int, $gridId: ID) { recentCaseEvents(first: $first, gridId: $gridId) { id caseId type case { id } } }`;

interface CaseView {
  id: string;
  version: number;
  status: string;
  dueAt: string | null;
}

let n = 0;
async function report(at: { lng: number; lat: number }, description = '垃圾桶满溢', photos?: string[]): Promise<CaseView> {
  const res = await api.gql<{ reportCase: { case: CaseView } }>(REPORT, {
    input: { clientKey: `ws-${Date.now()}-${n++}`, category: 'ENVIRONMENT', source: 'RESIDENT', ...at, description, photos },
    actor: REPORTER,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.reportCase.case;
}

type Recent = { id: string; caseId: string; type: string; case: { id: string } }[];

describe('recentCaseEvents', () => {
  it('answers the newest events first, only of cases the caller can see, and by grid', async () => {
    const mine = await report(IN_1, '我的网格');
    const other = await report(IN_2, '别的网格');
    const all = await api.gql<{ recentCaseEvents: Recent }>(RECENT, { first: 5 });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.recentCaseEvents.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(all.data!.recentCaseEvents.slice(0, 2).map((e) => e.caseId)).toEqual([other.id, mine.id]);

    const asLeader = await api.gqlAs<{ recentCaseEvents: Recent }>(leader, RECENT, {});
    expect(asLeader.errors).toBeUndefined();
    const seen = asLeader.data!.recentCaseEvents.map((e) => e.caseId);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(other.id);
    expect(asLeader.data!.recentCaseEvents.every((e) => e.case.id === e.caseId)).toBe(true);

    const [{ id: small2 }] = await api.db.dataSource.query(`SELECT id FROM grid WHERE code = '3301060010010010002'`);
    const byGrid = await api.gql<{ recentCaseEvents: Recent }>(RECENT, { gridId: small2 });
    expect(byGrid.data!.recentCaseEvents.map((e) => e.caseId)).toEqual([other.id]);
    // A leader asking for a grid outside their scope gets nothing.
    const leaderOther = await api.gqlAs<{ recentCaseEvents: Recent }>(leader, RECENT, { gridId: small2 });
    expect(leaderOther.data!.recentCaseEvents).toEqual([]);
  });

  it('refuses anonymous callers and bad arguments', async () => {
    const anonymous = await api.gqlAs(null, RECENT, {});
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    const tooMany = await api.gql(RECENT, { first: 1000 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
