import { startTestApi, type TestApi } from './harness';
import { fixtureStreet } from '../src/seed/fixture-street';
import { household, LEADER, publishedWish, register, SMALL_1, TUE_9_11 } from './service-fixture';

// The wall asks `serviceMap` once for every community: the answer is the union of the per-community answers.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  await publishedWish(api, '全街一次问');
  await register(api, '王修理');
  await api.gql(`mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`, {
    input: { householdId: household(SMALL_1, 0), type: 'REPAIR', source: 'GRID_LEADER', window: TUE_9_11 },
    a: LEADER,
  });
  await api.gql(`mutation { proposeMatches(gridId: "${await communityOf(SMALL_1)}", period: "2026-11-23") { needs } }`);
});
afterAll(() => api.close());

async function communityOf(smallCode: string): Promise<string> {
  const [{ id }] = await api.db.dataSource.query(
    `SELECT c.id FROM grid c JOIN grid g ON c.path @> g.path WHERE g.code = $1 AND c.level = 'LARGE'`,
    [smallCode],
  );
  return id;
}

type Map = { serviceMap: { features: { properties: Record<string, unknown> }[] } };
const key = (f: { properties: Record<string, unknown> }) => JSON.stringify(f.properties);

describe('serviceMap without gridId', () => {
  it.each([['the street admin'], ['a grid leader'], ['a volunteer']])(
    'answers the union of every community’s layers, for %s',
    async (who) => {
      const token =
        who === 'a grid leader'
          ? await api.userToken({ login: 'leader-all-c1', role: 'GRID_LEADER', gridCodes: ['330106001001'] })
          : who === 'a volunteer'
            ? await api.userToken({ login: 'volunteer-all', role: 'VOLUNTEER' })
            : null;
      const ask = (query: string, variables?: Record<string, unknown>) =>
        token ? api.gqlAs<Map>(token, query, variables) : api.gql<Map>(query, variables);
      const communities: { id: string }[] = await api.db.dataSource.query(`SELECT id FROM grid WHERE level = 'LARGE' ORDER BY code`);
      expect(communities.length).toBeGreaterThan(1);
      const union: string[] = [];
      for (const { id } of communities) {
        const one = await ask(`query ($g: ID!) { serviceMap(gridId: $g, period: "2026-11-23", now: "2026-11-25T00:00:00Z") }`, { g: id });
        expect(one.errors).toBeUndefined();
        union.push(...one.data!.serviceMap.features.map(key));
      }
      const all = await ask(`{ serviceMap(period: "2026-11-23", now: "2026-11-25T00:00:00Z") }`);
      expect(all.errors).toBeUndefined();
      const got = all.data!.serviceMap.features.map(key);
      expect(got.sort()).toEqual(union.sort());
      if (who !== 'a volunteer') {
        const layers = new Set(all.data!.serviceMap.features.map((f) => f.properties.layer));
        expect(layers).toEqual(new Set(['OVERDUE_VISIT', 'OPEN_WISH', 'MATCH']));
      }
    },
  );

  it('a bad period names the field', async () => {
    const bad = await api.gql(`{ serviceMap(period: "next week") }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});
