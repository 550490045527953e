import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { COMMUNITY_1, count, household, LEADER, SMALL_1, TUE_9_11 } from './service-fixture';

// Household visits (入户走访): the policies by tag, the schedule, and a visit that raises needs.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('household visits', () => {
  const SCHEDULE = `query ($g: ID!, $now: DateTime, $o: Boolean!) {
    visitSchedule(gridId: $g, now: $now, overdueOnly: $o, first: 100) {
      householdId tags intervalDays lastVisitAt nextDueAt overdue point gridId
    }
  }`;

  it('policies by tag, next due per household, the overdue list with points, and a visit that raises needs', async () => {
    const policies = await api.gql<{ visitPolicies: { tag: string; intervalDays: number }[] }>(`{ visitPolicies { tag intervalDays } }`);
    expect(policies.data!.visitPolicies).toEqual([
      { tag: 'ELDERLY_ALONE', intervalDays: 7 },
      { tag: 'DISABLED', intervalDays: 14 },
      { tag: 'LOW_INCOME', intervalDays: 30 },
    ]);
    const now = '2026-11-25T08:00:00.000Z';
    const due = await api.gql<{
      visitSchedule: { householdId: string; overdue: boolean; point: { type: string; coordinates: number[] }; intervalDays: number }[];
    }>(SCHEDULE, {
      g: COMMUNITY_1,
      now,
      o: true,
    });
    expect(due.errors).toBeUndefined();
    // Fixture: the first household of each of the community's 4 buildings lives alone and was never visited.
    expect(due.data!.visitSchedule).toHaveLength(4);
    expect(due.data!.visitSchedule.every((d) => d.overdue && d.intervalDays === 7 && d.point.type === 'Point')).toBe(true);

    const elder = household(SMALL_1, 0);
    const visit = await api.gql<{ recordVisit: { id: string; checkInDistanceM: number } }>(
      `mutation ($input: VisitInput!, $a: ActorInput!) {
        recordVisit(input: $input, actor: $a) { id visitorName findings checkInDistanceM checkIn }
      }`,
      {
        input: {
          householdId: elder,
          visitedAt: '2026-11-24T10:00:00Z',
          findings: '老人腿脚不便，需要每周送餐',
          checkInLng: 120.1025,
          checkInLat: 30.2538,
          needs: [
            { type: 'MEAL_DELIVERY', urgency: 'HIGH', window: { weekday: 3, startMinute: 660, endMinute: 720 }, recurrence: 'WEEKLY' },
          ],
        },
        a: LEADER,
      },
    );
    expect(visit.errors).toBeUndefined();
    expect(visit.data!.recordVisit.checkInDistanceM).toBeLessThan(20);

    const needs = await api.gql<{
      serviceNeeds: { nodes: { type: string; source: string; recurrence: string; household: { id: string } }[] };
    }>(`{ serviceNeeds(gridId: "${stableId(SMALL_1)}", type: "MEAL_DELIVERY") { nodes { type source recurrence household { id } } } }`);
    expect(needs.data!.serviceNeeds.nodes).toEqual([
      { type: 'MEAL_DELIVERY', source: 'VISIT', recurrence: 'WEEKLY', household: { id: elder } },
    ]);

    const after = await api.gql<{ visitSchedule: { householdId: string; nextDueAt: string; overdue: boolean }[] }>(SCHEDULE, {
      g: COMMUNITY_1,
      now,
      o: false,
    });
    expect(after.data!.visitSchedule.find((d) => d.householdId === elder)).toMatchObject({
      nextDueAt: '2026-12-01T10:00:00.000Z',
      overdue: false,
    });
    const overdue = await api.gql<{ visitSchedule: { householdId: string }[] }>(SCHEDULE, { g: COMMUNITY_1, now, o: true });
    expect(overdue.data!.visitSchedule.map((d) => d.householdId)).not.toContain(elder);
  });

  it('a bad need in a visit names the field and writes neither the visit nor any need', async () => {
    const [visits, needs] = [await count(api, 'household_visit'), await count(api, 'service_need')];
    const res = await api.gql(`mutation ($input: VisitInput!, $a: ActorInput!) { recordVisit(input: $input, actor: $a) { id } }`, {
      input: {
        householdId: household(SMALL_1, 0),
        visitedAt: '2026-11-24T10:00:00Z',
        findings: '一切正常',
        needs: [{ type: 'NOT_A_SKILL', window: TUE_9_11 }],
      },
      a: LEADER,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.needs.0.type' });
    expect([await count(api, 'household_visit'), await count(api, 'service_need')]).toEqual([visits, needs]);
  });
});
