import { stableId } from '../src/seed/fixture-street';
import type { TestApi } from './harness';

// Shared by the service-<subdomain>.test.ts files: each starts its own API on the fixture street
// (startTestApi(fixtureStreet()) in its beforeAll) and passes it to these helpers.

export const LEADER = { role: 'GRID_LEADER', name: '社区书记' };
export const VOLUNTEER = { role: 'VOLUNTEER', name: '志愿者' };
export const RESIDENT = { role: 'REPORTER', name: '张居民' };
export const COMMUNITY_1 = stableId('330106001001');
export const SMALL_1 = '3301060010010010001';
export const household = (smallCode: string, h: number) => stableId(`${smallCode}/household/${h}`);
export const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };

/** Where a household lives: a volunteer who is not its member registers from the point, not the household (which they may not see). */
export async function homeOf(api: TestApi, householdId: string): Promise<{ lng: number; lat: number }> {
  const [p] = await api.db.dataSource.query(
    `SELECT ST_X(b.centroid) AS lng, ST_Y(b.centroid) AS lat
       FROM household h JOIN building b ON b.id = h.building_id WHERE h.id = $1`,
    [householdId],
  );
  return p;
}

export async function count(api: TestApi, table: string): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

/** A member of 区税务局 registered (双报到) in community 1 from household 1 of SMALL_1, for REPAIR on Tuesdays 9–11. */
export async function register(api: TestApi, name: string): Promise<string> {
  const res = await api.gql<{ registerForService: { id: string } }>(
    `mutation ($input: RegistrationInput!, $actor: ActorInput!) { registerForService(input: $input, actor: $actor) { id } }`,
    {
      input: {
        kind: 'MEMBER',
        name,
        unitName: '区税务局',
        communityId: COMMUNITY_1,
        householdId: household(SMALL_1, 1),
        skills: ['REPAIR'],
        radiusM: 2000,
        weeklyCapacity: 2,
        availability: [TUE_9_11],
      },
      actor: VOLUNTEER,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.registerForService.id;
}

export const WISH = `id status version title helperId fulfilNote photo thanks`;
export interface Wish {
  id: string;
  status: string;
  version: number;
  helperId: string | null;
}

/** A wish of household 0 of SMALL_1, posted by a resident and published by the leader. */
export async function publishedWish(api: TestApi, title: string): Promise<Wish> {
  const posted = await api.gql<{ postWish: Wish }>(
    `mutation ($input: WishInput!, $a: ActorInput!) { postWish(input: $input, actor: $a) { ${WISH} } }`,
    {
      input: { householdId: household(SMALL_1, 0), title, description: '老人想要一台收音机', posterName: '王奶奶' },
      a: RESIDENT,
    },
  );
  expect(posted.errors).toBeUndefined();
  expect(posted.data!.postWish.status).toBe('SUBMITTED');
  const published = await api.gql<{ reviewWish: Wish }>(
    `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { reviewWish(id: $id, version: $v, publish: true, actor: $a) { ${WISH} } }`,
    {
      id: posted.data!.postWish.id,
      v: posted.data!.postWish.version,
      a: LEADER,
    },
  );
  expect(published.data!.reviewWish.status).toBe('PUBLISHED');
  return published.data!.reviewWish;
}

export const CLAIM = `mutation ($id: ID!, $r: ID!, $a: ActorInput!) { claimWish(id: $id, registrationId: $r, actor: $a) { ${WISH} } }`;

/** Answers `data`, or throws with the errors: for the steps that only set a test up. */
async function settled<T>(request: Promise<{ data?: T; errors?: unknown[] }>): Promise<T> {
  const res = await request;
  if (res.errors?.length || !res.data) throw new Error(`GraphQL: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** A published wish claimed by a new helper, fulfilled and thanked: an item on community 1's echo wall. */
export async function thankedWish(api: TestApi, title: string): Promise<string> {
  const helper = await register(api, `${title}的帮手`);
  const wish = await publishedWish(api, title);
  const { claimWish } = await settled(api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER }));
  const { fulfilWish } = await settled(
    api.gql<{ fulfilWish: Wish }>(
      `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        fulfilWish(id: $id, version: $v, registrationId: $r, note: "送到了", actor: $a) { ${WISH} }
      }`,
      { id: wish.id, v: claimWish.version, r: helper, a: VOLUNTEER },
    ),
  );
  await settled(
    api.gql(`mutation ($id: ID!, $v: Int!, $a: ActorInput!) { thankWish(id: $id, version: $v, thanks: "谢谢", actor: $a) { id } }`, {
      id: wish.id,
      v: fulfilWish.version,
      a: RESIDENT,
    }),
  );
  return wish.id;
}

/** Thursday 14:00–16:00: when 李心理 (helper-li) can help. */
export const TALK = { weekday: 4, startMinute: 840, endMinute: 960 };

/**
 * Two volunteers' tokens, helper-li and helper-zhao, and helper-li's own registration (李心理,
 * psychological support, from the first household of SMALL_1, free on TALK): a helper's own view.
 */
export async function helperLi(api: TestApi): Promise<{ li: string; zhao: string; mine: string }> {
  const li = await api.userToken({ login: 'helper-li', role: 'VOLUNTEER' });
  const zhao = await api.userToken({ login: 'helper-zhao', role: 'VOLUNTEER' });
  const reg = await api.gqlAs<{ registerForService: { id: string } }>(
    li,
    `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
    {
      input: {
        kind: 'VOLUNTEER',
        name: '李心理',
        communityId: COMMUNITY_1,
        ...(await homeOf(api, household(SMALL_1, 1))),
        skills: ['PSYCHOLOGICAL'],
        radiusM: 2000,
        weeklyCapacity: 2,
        availability: [TALK],
      },
    },
  );
  expect(reg.errors).toBeUndefined();
  return { li, zhao, mine: reg.data!.registerForService.id };
}
