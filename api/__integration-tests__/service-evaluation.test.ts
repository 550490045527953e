import { startTestApi, type TestApi } from './harness';
import { fixtureStreet } from '../src/seed/fixture-street';
import { COMMUNITY_1, LEADER, register, SMALL_1 } from './service-fixture';

// Dual evaluation (双评议) through GraphQL: the unit and the community rate a member; the sheet and who may read it.
// The sheet as CSV is in service-export.test.ts.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('dual evaluation (双评议)', () => {
  it('the unit and the community each rate a member for a period; the sheet shows hours and both ratings', async () => {
    const member = await register(api, '被评议的党员');
    const EVALUATE = `mutation ($r: ID!, $e: Evaluator!, $n: Int!, $a: ActorInput) {
      evaluateService(registrationId: $r, period: "2026-11", evaluator: $e, rating: $n, actor: $a, comment: "好") {
        name unitRating communityRating hours
      }
    }`;
    expect((await api.gql(EVALUATE, { r: member, e: 'COMMUNITY', n: 5, a: LEADER })).errors).toBeUndefined();
    const unit = await api.gql<{ evaluateService: { unitRating: number; communityRating: number } }>(EVALUATE, {
      r: member,
      e: 'UNIT',
      n: 4,
      a: { role: 'DEPARTMENT', name: 'x' },
    });
    expect(unit.data!.evaluateService).toMatchObject({ unitRating: 4, communityRating: 5 });
    const wrongSide = await api.gql(EVALUATE, { r: member, e: 'UNIT', n: 4, a: LEADER });
    expect(wrongSide.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evaluator' });
    const badPeriod = await api.gql(`{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-13") { name } }`);
    expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const sheet = await api.gql<{ serviceEvaluations: { name: string; unitRating: number | null; communityRating: number | null }[] }>(
      `{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-11") { name unitName hours unitRating communityRating } }`,
    );
    expect(sheet.data!.serviceEvaluations.find((r) => r.name === '被评议的党员')).toMatchObject({ unitRating: 4, communityRating: 5 });
    // The sheet names people and their ratings: street staff and the community's leaders only (as the CSV).
    const SHEET = `{ serviceEvaluations(communityId: "${COMMUNITY_1}", period: "2026-11") { name } }`;
    const communityLeader = await api.userToken({ login: 'sheet-leader', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    expect((await api.gqlAs<{ serviceEvaluations: unknown[] }>(communityLeader, SHEET)).data!.serviceEvaluations.length).toBeGreaterThan(0);
    for (const user of [
      { login: 'sheet-volunteer', role: 'VOLUNTEER' as const },
      { login: 'sheet-small', role: 'GRID_LEADER' as const, gridCodes: [SMALL_1] },
    ]) {
      const refused = await api.gqlAs(await api.userToken(user), SHEET);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
