import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { WishService } from '../src/domains/service/wishes/wish.service';
import {
  CLAIM,
  COMMUNITY_1,
  count,
  homeOf,
  household,
  publishedWish,
  register,
  RESIDENT,
  SMALL_1,
  thankedWish,
  TUE_9_11,
  VOLUNTEER,
  WISH,
  type Wish,
  helperLi,
} from './service-fixture';

// Micro-wishes (微心愿) and the echo wall (回音壁): posting, review, claims, fulfilment and thanks, and who may take each step.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

describe('micro-wishes and the echo wall', () => {
  it('post → review → publish → claim → fulfil with a photo → thank, then shows on the echo wall without personal data', async () => {
    const helper = await register(api, '在职党员甲');
    const wish = await publishedWish(api, '一台收音机');
    const nearby = await api.gql<{ claimableWishes: { id: string }[] }>(
      `{ claimableWishes(lng: 120.1025, lat: 30.2537, meters: 500) { id } }`,
    );
    expect(nearby.data!.claimableWishes.map((w) => w.id)).toContain(wish.id);

    const claimed = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(claimed.data!.claimWish).toMatchObject({ status: 'CLAIMED', helperId: helper });
    const fulfilled = await api.gql<{ fulfilWish: Wish & { photo: string } }>(
      `mutation ($id: ID!, $v: Int!, $r: ID!, $p: String, $a: ActorInput!) {
        fulfilWish(id: $id, version: $v, registrationId: $r, note: "送去了收音机", photo: $p, actor: $a) { ${WISH} }
      }`,
      { id: wish.id, v: claimed.data!.claimWish.version, r: helper, p: Buffer.from('jpeg bytes').toString('base64'), a: VOLUNTEER },
    );
    expect(fulfilled.errors).toBeUndefined();
    expect(fulfilled.data!.fulfilWish.status).toBe('FULFILLED');
    expect(fulfilled.data!.fulfilWish.photo).toMatch(/^[0-9a-f]{64}$/);
    const thanked = await api.gql<{ thankWish: Wish }>(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { thankWish(id: $id, version: $v, thanks: "谢谢小伙子", actor: $a) { ${WISH} } }`,
      {
        id: wish.id,
        v: fulfilled.data!.fulfilWish.version,
        a: RESIDENT,
      },
    );
    expect(thanked.data!.thankWish.status).toBe('THANKED');

    const wall = await api.gql<{
      echoWall: { kind: string; id: string; title: string; outcome: string; thanks: string; compound: string }[];
    }>(`{ echoWall(communityId: "${COMMUNITY_1}") { kind id title outcome thanks compound doneAt } }`);
    expect(wall.errors).toBeUndefined();
    const item = wall.data!.echoWall.find((e) => e.id === wish.id);
    expect(item).toMatchObject({
      kind: 'WISH',
      title: '一台收音机',
      outcome: '送去了收音机',
      thanks: '谢谢小伙子',
      compound: '第1社区1号小区',
    });
    const text = JSON.stringify(wall.data);
    expect(text).not.toContain('王奶奶');
    expect(text).not.toContain('示例路');
  });

  it(
    'without signing in: the communities by name and code, and a wall by its code (what a QR code links to) — ' + 'the same as by id',
    async () => {
      // Something on community 1's wall to compare.
      await thankedWish(api, '一把新椅子');
      const list = await api.gqlAs<{ echoCommunities: Record<string, string>[] }>(null, `{ echoCommunities { code name } }`);
      expect(list.errors).toBeUndefined();
      const expected = fixtureStreet()
        .grids.filter((g) => g.level === 'LARGE')
        .map((g) => ({ code: g.code, name: g.name }))
        .sort((a, b) => a.code.localeCompare(b.code));
      expect(list.data!.echoCommunities).toEqual(expected);
      const byId = await api.gqlAs<{ echoWall: { id: string }[] }>(null, `{ echoWall(communityId: "${COMMUNITY_1}") { id } }`);
      const byCode = await api.gqlAs<{ echoWall: { id: string }[] }>(null, `{ echoWall(communityCode: "330106001001") { id } }`);
      expect(byCode.errors).toBeUndefined();
      expect(byCode.data!.echoWall.length).toBeGreaterThan(0);
      expect(byCode.data!.echoWall).toEqual(byId.data!.echoWall);
      // Nothing beyond name and code is offered: asking for an id is a validation error.
      expect((await api.gqlAs(null, `{ echoCommunities { id } }`)).errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    },
  );

  it.each([
    ['an unknown code', `communityCode: "330106001999"`, 'communityCode', /no community has the code 330106001999/],
    ['a code that is not 12 digits', `communityCode: "330106001"`, 'communityCode', /12 digits/],
    ['both an id and a code', `communityId: "${COMMUNITY_1}", communityCode: "330106001001"`, 'communityId', /exactly one/],
    ['neither', ``, 'communityId', /exactly one/],
  ])('refuses %s as bad input naming the field', async (_, args, field, message) => {
    const res = await api.gqlAs(null, `{ echoWall${args ? `(${args})` : ''} { id } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toMatch(message);
  });

  it('two helpers claim one wish at once: exactly one wins, the other gets CONFLICT', async () => {
    const [a, b] = [await register(api, '抢单甲'), await register(api, '抢单乙')];
    for (let round = 0; round < 5; round++) {
      const wish = await publishedWish(api, `并发认领 ${round}`);
      const results = await Promise.all([
        api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: a, a: VOLUNTEER }),
        api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: b, a: VOLUNTEER }),
      ]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors![0].extensions?.code).toBe('CONFLICT');
      const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM wish_claim WHERE wish_id = $1 AND status = 'LIVE'`, [
        wish.id,
      ]);
      expect(n).toBe(1);
    }
  });

  it('a claim not fulfilled in time expires and the wish goes back on the board', async () => {
    const helper = await register(api, '没空的人');
    const wish = await publishedWish(api, '修椅子');
    const claimed = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(claimed.data!.claimWish.status).toBe('CLAIMED');
    const sweep = new WishService(api.db.dataSource.manager);
    expect(await sweep.expireClaims(new Date(Date.now() + 71 * 3_600_000))).not.toContain(wish.id);
    expect(await sweep.expireClaims(new Date(Date.now() + 73 * 3_600_000))).toContain(wish.id);
    const again = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(again.errors).toBeUndefined();
    expect(again.data!.claimWish.status).toBe('CLAIMED');
  });

  it('rejects a bad wish with the field and writes nothing', async () => {
    const before = await count(api, 'micro_wish');
    const res = await api.gql(`mutation ($input: WishInput!, $a: ActorInput!) { postWish(input: $input, actor: $a) { id } }`, {
      input: { householdId: household(SMALL_1, 0), title: '  ', description: 'x', posterName: 'y' },
      a: RESIDENT,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await count(api, 'micro_wish')).toBe(before);
  });
});

describe('who may act', () => {
  it(
    'anonymous callers may not act or list; a volunteer account reads the echo wall, claims for its own registration only ' +
      '(as VOLUNTEER by default), may not review; events record the account',
    async () => {
      const wish = await publishedWish(api, '需要身份的心愿');
      const anonymous = await api.gqlAs(null, CLAIM.replace(', $a: ActorInput!', '').replace(', actor: $a', ''), {
        id: wish.id,
        r: stableId('x'),
      });
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(anonymous.errors?.[0].extensions?.code);
      const list = await api.gqlAs(null, `{ microWishes { totalCount } }`);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(list.errors?.[0].extensions?.code);

      const volunteer = await api.userToken({ login: 'volunteer-li', role: 'VOLUNTEER' });
      const wall = await api.gqlAs(volunteer, `{ echoWall(communityId: "${COMMUNITY_1}") { title } }`);
      expect(wall.errors).toBeUndefined();
      // The volunteer registers from their own account; the registration is theirs alone.
      const own = await api.gqlAs<{ registerForService: { id: string } }>(
        volunteer,
        `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
        {
          input: {
            kind: 'VOLUNTEER',
            name: '李志愿者',
            communityId: COMMUNITY_1,
            ...(await homeOf(api, household(SMALL_1, 1))),
            skills: ['REPAIR'],
            radiusM: 1000,
            weeklyCapacity: 2,
            availability: [TUE_9_11],
          },
        },
      );
      expect(own.errors).toBeUndefined();
      const helper = own.data!.registerForService.id;
      const impostor = await api.userToken({ login: 'volunteer-zhao', role: 'VOLUNTEER' });
      const CLAIM_AS = `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { status } }`;
      const stolen = await api.gqlAs(impostor, CLAIM_AS, { id: wish.id, r: helper });
      expect(stolen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const someoneElses = await api.gqlAs(volunteer, CLAIM_AS, { id: wish.id, r: await register(api, '别人的登记') });
      expect(someoneElses.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const claimed = await api.gqlAs(volunteer, CLAIM_AS, { id: wish.id, r: helper });
      expect(claimed.errors).toBeUndefined();
      const [event] = await api.db.dataSource.query(
        `SELECT actor_role, actor_name FROM service_event WHERE subject_id = $1 AND type = 'CLAIMED'`,
        [wish.id],
      );
      expect(event).toEqual({ actor_role: 'VOLUNTEER', actor_name: 'volunteer-li' });

      const posted = await api.gql<{ postWish: Wish }>(
        `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { ${WISH} } }`,
        {
          input: { householdId: household(SMALL_1, 0), title: '待审核', description: 'x', posterName: 'y' },
          a: RESIDENT,
        },
      );
      const review = await api.gqlAs(
        volunteer,
        `mutation ($id: ID!, $v: Int!) {
          reviewWish(id: $id, version: $v, publish: true, actor: { role: GRID_LEADER, name: "x" }) { id }
        }`,
        {
          id: posted.data!.postWish.id,
          v: posted.data!.postWish.version,
        },
      );
      expect(review.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    },
  );
});

describe('whose household a step is for', () => {
  it('a resident posts wishes and thanks only for their own household; a leader posts only inside their grids', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 0),
    ]);
    const resident = await api.userToken({ login: 'resident-own', role: 'RESIDENT', residentId });
    const outsider = await api.userToken({ login: 'leader-c2-households', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const POST = `mutation ($input: WishInput!) { postWish(input: $input) { id version } }`;
    const wish = (h: string) => ({ input: { householdId: h, title: '想要一把椅子', description: '旧椅子坏了', posterName: '住户' } });
    const wishesBefore = await count(api, 'micro_wish');
    expect((await api.gqlAs(resident, POST, wish(household(SMALL_1, 1)))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gqlAs(outsider, POST, wish(household(SMALL_1, 0)))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(api, 'micro_wish')).toBe(wishesBefore);
    const mine = await api.gqlAs<{ postWish: { id: string; version: number } }>(resident, POST, wish(household(SMALL_1, 0)));
    expect(mine.errors).toBeUndefined();

    // A fulfilled wish of another household cannot be thanked by this resident.
    const theirs = await publishedWish(api, '别家的心愿');
    await api.db.dataSource.query(`UPDATE micro_wish SET household_id = $2, status = 'FULFILLED' WHERE id = $1`, [
      theirs.id,
      household(SMALL_1, 1),
    ]);
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM micro_wish WHERE id = $1`, [theirs.id]);
    const THANK = `mutation ($id: ID!, $v: Int!) { thankWish(id: $id, version: $v, thanks: "谢谢") { status } }`;
    expect((await api.gqlAs(resident, THANK, { id: theirs.id, v: version })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ status }] = await api.db.dataSource.query(`SELECT status FROM micro_wish WHERE id = $1`, [theirs.id]);
    expect(status).toBe('FULFILLED');
  });
});

describe('a resident’s own requests (the resident screen)', () => {
  it('posts a wish and raises a need without naming the household, lists their own wishes at any stage; others must name it', async () => {
    const [{ id: residentId }] = await api.db.dataSource.query(`SELECT id FROM resident WHERE household_id = $1 ORDER BY id LIMIT 1`, [
      household(SMALL_1, 1),
    ]);
    const resident = await api.userToken({ login: 'resident-screen', role: 'RESIDENT', residentId });
    const posted = await api.gqlAs<{ postWish: { id: string } }>(
      resident,
      `mutation { postWish(input: { title: "想学用智能手机", description: "孙子不在身边", posterName: "住户" }) { id } }`,
    );
    expect(posted.errors).toBeUndefined();
    const [{ household_id }] = await api.db.dataSource.query(`SELECT household_id FROM micro_wish WHERE id = $1`, [
      posted.data!.postWish.id,
    ]);
    expect(household_id).toBe(household(SMALL_1, 1));
    const mine = await api.gqlAs<{ microWishes: { nodes: { id: string; status: string }[] } }>(
      resident,
      `{ microWishes(mine: true, first: 100) { nodes { id status } } }`,
    );
    expect(mine.data!.microWishes.nodes).toContainEqual({ id: posted.data!.postWish.id, status: 'SUBMITTED' });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM micro_wish WHERE household_id = $1`, [
      household(SMALL_1, 1),
    ]);
    expect(mine.data!.microWishes.nodes).toHaveLength(n);
    const need = await api.gqlAs<{ raiseNeed: { householdId: string } }>(
      resident,
      `mutation ($w: WeeklyWindowInput!) { raiseNeed(input: { type: "IT", source: RESIDENT, window: $w }) { householdId } }`,
      { w: TUE_9_11 },
    );
    expect(need.errors).toBeUndefined();
    expect(need.data!.raiseNeed.householdId).toBe(household(SMALL_1, 1));
    for (const user of [
      { login: 'resident-unlinked', role: 'RESIDENT' as const },
      { login: 'leader-no-household', role: 'GRID_LEADER' as const, gridCodes: [SMALL_1] },
    ]) {
      const refused = await api.gqlAs(
        await api.userToken(user),
        `mutation { postWish(input: { title: "x", description: "y", posterName: "z" }) { id } }`,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdId' });
    }
  });
});

describe("a helper's own view (the volunteer screen)", () => {
  it('sees the address of a wish only while holding its claim', async () => {
    const { li, zhao, mine } = await helperLi(api);

    const wish = await publishedWish(api, '想要一副老花镜');
    const WISH_ADDRESS = `query ($h: ID) { microWishes(helperId: $h, status: CLAIMED, first: 100) { nodes { id address } } }`;
    const before = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(
      li,
      `{ microWishes(status: PUBLISHED, first: 500) { nodes { id address } } }`,
    );
    expect(before.data!.microWishes.nodes.find((w) => w.id === wish.id)?.address).toBeNull();
    expect(
      (await api.gqlAs(li, `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { id } }`, { id: wish.id, r: mine }))
        .errors,
    ).toBeUndefined();
    const held = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(li, WISH_ADDRESS, { h: mine });
    expect(held.data!.microWishes.nodes).toEqual([{ id: wish.id, address: expect.stringContaining('示例路') }]);
    const theirs = await api.gqlAs<{ microWishes: { nodes: { id: string; address: string | null }[] } }>(zhao, WISH_ADDRESS, { h: mine });
    expect(theirs.data!.microWishes.nodes).toEqual([{ id: wish.id, address: null }]);
  });
});
