import 'reflect-metadata';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * 宣传 — notices with read receipts, the residents' covenant by version, exemplary deeds with
 * consent, community activities with sign-ups under capacity. Who sees and edits what is the
 * database's (row-level security); every refused or invalid write leaves every table as it was.
 */

const W = '330106001001';
const W1 = `${W}001`;
const W11 = `${W1}0001`;
const W2 = `${W}002`;
const E = '330106001002';
const E1 = `${E}001`;
const E11 = `${E1}0001`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by path in each test
type Answer = GraphQLResponse<Record<string, any>>;
type As = (query: string, variables?: Record<string, unknown>) => Promise<Answer>;

let api: TestApi;
const grid: Record<string, string> = {};
let admin: As;
let leaderLarge: As;
let leaderMedium: As;
let leaderSmall: As;
let leaderEast: As;
let resident: As;
let neighbour: As;
let residentNorth: As;
let residentEast: As;
let anonymous: As;
let operator: As;
const as =
  (token: string | null): As =>
  (query, variables) =>
    api.gqlAs(token, query, variables) as Promise<Answer>;

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  admin = as(api.adminToken);
  leaderLarge = as(await api.userToken({ login: 'p-large', role: 'GRID_LEADER', gridCodes: [W] }));
  leaderMedium = as(await api.userToken({ login: 'p-medium', role: 'GRID_LEADER', gridCodes: [W1] }));
  leaderSmall = as(await api.userToken({ login: 'p-small', role: 'GRID_LEADER', gridCodes: [W11] }));
  leaderEast = as(await api.userToken({ login: 'p-east', role: 'GRID_LEADER', gridCodes: [E] }));
  resident = as(await api.userToken({ login: 'p-res', role: 'RESIDENT', residentId: stableId(`${W11}/household/0/resident/1`) }));
  neighbour = as(await api.userToken({ login: 'p-neigh', role: 'RESIDENT', residentId: stableId(`${W11}/household/1/resident/1`) }));
  residentNorth = as(await api.userToken({ login: 'p-north', role: 'RESIDENT', residentId: stableId(`${W2}0001/household/0/resident/1`) }));
  residentEast = as(await api.userToken({ login: 'p-east-res', role: 'RESIDENT', residentId: stableId(`${E11}/household/0/resident/1`) }));
  anonymous = as(null);
  operator = as(await api.userToken({ login: 'p-operator', role: 'OPERATOR' }));
}, 120_000);
afterAll(() => api?.close());

const TABLES = ['notice', 'notice_receipt', 'covenant_version', 'exemplary_deed', 'community_activity', 'community_activity_signup'];
/** Row counts and the last writing transaction of every publicity table. */
const snapshot = async () =>
  Promise.all(
    TABLES.map(async (t) => (await api.db.dataSource.query(`SELECT count(*)::int AS n, max(xmin::text::bigint) AS x FROM ${t}`))[0]),
  );
/** Runs a refused write and checks its code, field and that nothing changed. */
async function refused(send: Promise<Answer> | (() => Promise<Answer>), code: string, field?: string) {
  const before = await snapshot();
  const res = await (typeof send === 'function' ? send() : send);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
  expect(await snapshot()).toEqual(before);
  return res;
}
const ok = (res: Answer) => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

const NOTICE = `id title status isPublic lng lat version authorName grid { code level } readByMe`;
const CREATE_NOTICE = `mutation ($input: NoticeInput!) { createNotice(input: $input) { ${NOTICE} } }`;
const UPDATE_NOTICE = `mutation ($id: ID!, $v: Int!, $input: NoticeInput!) {
  updateNotice(id: $id, version: $v, input: $input) { ${NOTICE} } }`;
const NOTICES = `query ($g: ID, $p: Boolean) { notices(gridId: $g, pinned: $p) { id title status readers { name gridName readAt } } }`;
const MARK = `mutation ($id: ID!) { markNoticeRead(id: $id) { id readByMe } }`;
const BOARD = `query ($code: String!) {
  postsBoard(code: $code) { notices { title gridName } covenant { version title body } deeds { personName title personKind } } }`;

/** A point inside W1 (compound 1 of the west community: lng 120.10–120.11, lat 30.25–30.26). */
const IN_W1 = { lng: 120.102, lat: 30.255 };

describe('notices (宣传栏)', () => {
  let draftId: string;
  let communityNotice: string;

  it('a compound leader drafts a pinned notice of their compound: residents see it only once published', async () => {
    const made = ok(
      await leaderMedium(CREATE_NOTICE, {
        input: { gridId: grid[W1], title: '停水通知', body: '周六 9:00–12:00 停水', ...IN_W1, isPublic: true },
      }),
    ).createNotice;
    draftId = made.id;
    expect(made).toMatchObject({ status: 'DRAFT', isPublic: true, lng: IN_W1.lng, lat: IN_W1.lat, version: 1, authorName: 'p-medium' });
    expect(made.grid).toEqual({ code: W1, level: 'MEDIUM' });
    expect(ok(await resident(NOTICES)).notices).toEqual([]);
    expect(ok(await anonymous(BOARD, { code: W11 })).postsBoard.notices).toEqual([]);

    const published = ok(
      await leaderMedium(UPDATE_NOTICE, {
        id: draftId,
        v: 1,
        input: { gridId: grid[W1], title: '停水通知', body: '周六 9:00–12:00 停水', ...IN_W1, isPublic: true, status: 'PUBLISHED' },
      }),
    ).updateNotice;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2 });
    // The resident of W11 (under W1) sees it, the resident of W2 and the east one do not; it is on W11's board, not W2's.
    expect(ok(await resident(NOTICES)).notices.map((n: { id: string }) => n.id)).toEqual([draftId]);
    expect(ok(await resident(NOTICES, { p: true })).notices).toHaveLength(1);
    expect(ok(await residentNorth(NOTICES)).notices).toEqual([]);
    expect(ok(await residentEast(NOTICES)).notices).toEqual([]);
    expect(ok(await anonymous(BOARD, { code: W11 })).postsBoard.notices).toEqual([{ title: '停水通知', gridName: expect.any(String) }]);
    expect(ok(await anonymous(BOARD, { code: `${W2}0001` })).postsBoard.notices).toEqual([]);
    // A stale version is a conflict.
    await refused(
      leaderMedium(UPDATE_NOTICE, { id: draftId, v: 1, input: { gridId: grid[W1], title: 'x', body: 'y', status: 'DRAFT' } }),
      'CONFLICT',
    );
  });

  it('validates every input and writes nothing on bad input', async () => {
    const base = { gridId: grid[W1], title: '通知', body: '内容' };
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, title: '   ' } }), 'BAD_USER_INPUT', 'input.title');
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, body: 'x'.repeat(4001) } }), 'BAD_USER_INPUT', 'input.body');
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, lng: 120.102 } }), 'BAD_USER_INPUT', 'input.lat');
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, lng: 200, lat: 30 } }), 'BAD_USER_INPUT', 'input.lng');
    // A pin outside the notice's grid (in the east community).
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, lng: 120.115, lat: 30.255 } }), 'BAD_USER_INPUT', 'input.lng');
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...base, gridId: 'nope' } }), 'BAD_USER_INPUT', 'input.gridId');
  });

  it('scope: a compound leader writes only in their compound; residents and the operator write nothing', async () => {
    const input = { gridId: grid[W], title: '社区通知', body: '内容' };
    // The community above them: seen (published ones) but not theirs.
    await refused(leaderMedium(CREATE_NOTICE, { input }), 'FORBIDDEN');
    // Another community: out of reach, answered like a grid that does not exist.
    await refused(leaderMedium(CREATE_NOTICE, { input: { ...input, gridId: grid[E1] } }), 'FORBIDDEN', 'input.gridId');
    await refused(resident(CREATE_NOTICE, { input: { ...input, gridId: grid[W11] } }), 'FORBIDDEN');
    await refused(operator(CREATE_NOTICE, { input }), 'FORBIDDEN');
    await refused(leaderEast(UPDATE_NOTICE, { id: draftId, v: 2, input: { ...input, gridId: grid[E] } }), 'NOT_FOUND');
    await refused(anonymous(CREATE_NOTICE, { input }), 'UNAUTHENTICATED');
  });

  it('read receipts: each leader under a published notice marks it read; its managers see who has and who has not', async () => {
    communityNotice = ok(
      await leaderLarge(CREATE_NOTICE, { input: { gridId: grid[W], title: '网格员例会', body: '周一开会', status: 'PUBLISHED' } }),
    ).createNotice.id;
    // The compound's leader sees it (published above them) but may not change it.
    expect(ok(await leaderMedium(NOTICES, { g: grid[W] })).notices.map((n: { id: string }) => n.id)).toContain(communityNotice);
    await refused(
      leaderMedium(UPDATE_NOTICE, { id: communityNotice, v: 1, input: { gridId: grid[W], title: 'x', body: 'y' } }),
      'FORBIDDEN',
    );
    const marked = ok(await leaderSmall(MARK, { id: communityNotice })).markNoticeRead;
    expect(marked.readByMe).toBe(true);
    ok(await leaderSmall(MARK, { id: communityNotice })); // again: nothing new
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM notice_receipt WHERE notice_id = $1`, [communityNotice]);
    expect(n).toBe(1);

    const mine = ok(await leaderLarge(NOTICES, { g: grid[W] })).notices.find((x: { id: string }) => x.id === communityNotice);
    const readers = Object.fromEntries(mine.readers.map((r: { name: string; readAt: string | null }) => [r.name, r.readAt != null]));
    expect(readers).toEqual({ 'p-large': false, 'p-medium': false, 'p-small': true });
    // Someone who does not manage the notice gets no roster.
    const theirs = ok(await leaderMedium(NOTICES, { g: grid[W] })).notices.find((x: { id: string }) => x.id === communityNotice);
    expect(theirs.readers).toBeNull();
    // A resident may not mark; a draft cannot be read; a leader elsewhere cannot reach it.
    await refused(resident(MARK, { id: communityNotice }), 'FORBIDDEN');
    await refused(leaderEast(MARK, { id: communityNotice }), 'NOT_FOUND');
    const draft = ok(await leaderLarge(CREATE_NOTICE, { input: { gridId: grid[W], title: '草稿', body: '未发布' } })).createNotice.id;
    await refused(leaderSmall(MARK, { id: draft }), 'NOT_FOUND');
    await refused(leaderLarge(MARK, { id: draft }), 'BAD_USER_INPUT', 'id');
  });
});

const REVISE = `mutation ($c: ID!, $b: Int!, $t: String!, $body: String!, $note: String) {
  reviseCovenant(communityId: $c, baseVersion: $b, title: $t, body: $body, note: $note) { version title body note } }`;
const COVENANT = `query ($c: ID!) { covenant(communityId: $c) { version title } covenantHistory(communityId: $c) { version } }`;

describe('the residents’ covenant (居民公约)', () => {
  it('each edit is a new version on top of the one read; the current one is on the posts board', async () => {
    expect(ok(await leaderLarge(REVISE, { c: grid[W], b: 0, t: '居民公约', body: '一、爱护环境' })).reviseCovenant).toMatchObject({
      version: 1,
    });
    expect(
      ok(await leaderLarge(REVISE, { c: grid[W], b: 1, t: '居民公约', body: '一、爱护环境\n二、邻里互助', note: '增加第二条' }))
        .reviseCovenant,
    ).toMatchObject({ version: 2, note: '增加第二条' });
    // Someone else's stale edit: CONFLICT, nothing written.
    await refused(admin(REVISE, { c: grid[W], b: 1, t: '居民公约', body: '覆盖' }), 'CONFLICT');
    expect(ok(await resident(COVENANT, { c: grid[W] }))).toEqual({
      covenant: { version: 2, title: '居民公约' },
      covenantHistory: [{ version: 2 }, { version: 1 }],
    });
    expect(ok(await residentEast(COVENANT, { c: grid[W] }))).toEqual({ covenant: null, covenantHistory: [] });
    expect(ok(await anonymous(BOARD, { code: W11 })).postsBoard.covenant).toEqual({
      version: 2,
      title: '居民公约',
      body: '一、爱护环境\n二、邻里互助',
    });
    expect(ok(await anonymous(BOARD, { code: E11 })).postsBoard.covenant).toBeNull();
  });

  it('only the community’s own leaders (and admins) revise it; bad input writes nothing', async () => {
    await refused(leaderMedium(REVISE, { c: grid[W], b: 2, t: '公约', body: 'x' }), 'FORBIDDEN');
    await refused(leaderEast(REVISE, { c: grid[W], b: 2, t: '公约', body: 'x' }), 'FORBIDDEN', 'communityId');
    await refused(resident(REVISE, { c: grid[W], b: 2, t: '公约', body: 'x' }), 'FORBIDDEN');
    await refused(leaderLarge(REVISE, { c: grid[W1], b: 0, t: '公约', body: 'x' }), 'BAD_USER_INPUT', 'communityId');
    await refused(leaderLarge(REVISE, { c: grid[W], b: 2, t: '', body: 'x' }), 'BAD_USER_INPUT', 'title');
    await refused(leaderLarge(REVISE, { c: grid[W], b: -1, t: '公约', body: 'x' }), 'BAD_USER_INPUT', 'baseVersion');
  });
});

const DEED = `id personName status consentAt version`;
const CREATE_DEED = `mutation ($input: DeedInput!) { createExemplaryDeed(input: $input) { ${DEED} } }`;
const UPDATE_DEED = `mutation ($id: ID!, $v: Int!, $input: DeedInput!) {
  updateExemplaryDeed(id: $id, version: $v, input: $input) { ${DEED} } }`;

describe('exemplary deeds (先进事迹)', () => {
  it('are published only with the person’s recorded consent', async () => {
    const input = { gridId: grid[W1], personName: '王网格', personKind: 'GRID_WORKER', title: '雨夜巡查', story: '暴雨中排查隐患' };
    await refused(leaderMedium(CREATE_DEED, { input: { ...input, status: 'PUBLISHED' } }), 'BAD_USER_INPUT', 'input.consentGiven');
    const draft = ok(await leaderMedium(CREATE_DEED, { input })).createExemplaryDeed;
    expect(draft).toMatchObject({ status: 'DRAFT', consentAt: null });
    expect(ok(await anonymous(BOARD, { code: W11 })).postsBoard.deeds).toEqual([]);
    const published = ok(
      await leaderMedium(UPDATE_DEED, {
        id: draft.id,
        v: 1,
        input: { ...input, consentGiven: true, consentNote: '本人书面同意', status: 'PUBLISHED' },
      }),
    ).updateExemplaryDeed;
    expect(published.status).toBe('PUBLISHED');
    expect(published.consentAt).not.toBeNull();
    expect(ok(await anonymous(BOARD, { code: W11 })).postsBoard.deeds).toEqual([
      { personName: '王网格', title: '雨夜巡查', personKind: 'GRID_WORKER' },
    ]);
    expect(ok(await resident(`{ exemplaryDeeds { id } }`)).exemplaryDeeds).toHaveLength(1);
    expect(ok(await residentEast(`{ exemplaryDeeds { id } }`)).exemplaryDeeds).toEqual([]);
    // Withdrawing consent while it stays published is refused; back to draft it is allowed.
    await refused(
      leaderMedium(UPDATE_DEED, { id: draft.id, v: 2, input: { ...input, consentGiven: false, status: 'PUBLISHED' } }),
      'BAD_USER_INPUT',
      'input.consentGiven',
    );
    await refused(leaderMedium(CREATE_DEED, { input: { ...input, personName: '' } }), 'BAD_USER_INPUT', 'input.personName');
    await refused(leaderEast(CREATE_DEED, { input }), 'FORBIDDEN', 'input.gridId');
    await refused(leaderSmall(UPDATE_DEED, { id: draft.id, v: 2, input }), 'FORBIDDEN');
  });
});

const ACTIVITY = `id title status capacity taken mySignup { people attended } participants { name attended }`;
const CREATE_ACTIVITY = `mutation ($input: CommunityActivityInput!) { createCommunityActivity(input: $input) { ${ACTIVITY} } }`;
const UPDATE_ACTIVITY = `mutation ($id: ID!, $v: Int!, $input: CommunityActivityInput!) {
  updateCommunityActivity(id: $id, version: $v, input: $input) { ${ACTIVITY} } }`;
const ACTIVITIES = `query ($g: ID) { communityActivities(gridId: $g) { ${ACTIVITY} } }`;
const SIGN_UP = `mutation ($id: ID!, $p: Int) { signUpForCommunityActivity(activityId: $id, people: $p) { name people } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawFromCommunityActivity(activityId: $id) { taken } }`;
const ATTEND = `mutation ($id: ID!, $u: ID!, $a: Boolean!) {
  recordCommunityActivityAttendance(activityId: $id, userId: $u, attended: $a) { name attended } }`;

describe('community activities (惠民活动)', () => {
  const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const input = {
    kind: 'FREE_CLINIC',
    title: '义诊进社区',
    place: '1号小区广场',
    startsAt: soon(48),
    endsAt: soon(50),
    capacity: 1,
    status: 'PUBLISHED',
  };

  it('two residents racing for the last place: exactly one gets it', async () => {
    const a = ok(await leaderMedium(CREATE_ACTIVITY, { input: { ...input, gridId: grid[W1] } })).createCommunityActivity;
    expect(a).toMatchObject({ capacity: 1, taken: 0, mySignup: null });
    const results = await Promise.all([resident(SIGN_UP, { id: a.id }), neighbour(SIGN_UP, { id: a.id })]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM community_activity_signup WHERE activity_id = $1`, [
      a.id,
    ]);
    expect(n).toBe(1);
    expect(ok(await residentNorth(ACTIVITIES)).communityActivities).toEqual([]);
  });

  it('eight racing for three places: exactly three get in', async () => {
    const a = ok(await leaderLarge(CREATE_ACTIVITY, { input: { ...input, gridId: grid[W], capacity: 3 } })).createCommunityActivity;
    const tokens = await Promise.all(
      [0, 1].flatMap((h) =>
        [0, 1].flatMap((r) =>
          ['1', '2'].map((g) =>
            api.userToken({
              login: `p-race-${g}-${h}-${r}`,
              role: 'RESIDENT',
              residentId: stableId(`${W1}000${g}/household/${h}/resident/${r}`),
            }),
          ),
        ),
      ),
    );
    const results = await Promise.all(tokens.map((t) => as(t)(SIGN_UP, { id: a.id })));
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(5);
    const mine = ok(await leaderLarge(ACTIVITIES, { g: grid[W] })).communityActivities.find((x: { id: string }) => x.id === a.id);
    expect(mine.taken).toBe(3);
    expect(mine.participants).toHaveLength(3);
  });

  it('residents see published ones of their grids, sign up, withdraw; the leader records attendance', async () => {
    const draft = ok(
      await leaderSmall(CREATE_ACTIVITY, { input: { ...input, gridId: grid[W11], kind: 'MOBILE_LIBRARY', status: 'DRAFT', capacity: 20 } }),
    ).createCommunityActivity;
    expect(ok(await resident(ACTIVITIES, { g: grid[W11] })).communityActivities.map((x: { id: string }) => x.id)).not.toContain(draft.id);
    await refused(resident(SIGN_UP, { id: draft.id }), 'NOT_FOUND');
    const published = ok(
      await leaderSmall(UPDATE_ACTIVITY, {
        id: draft.id,
        v: 1,
        input: { ...input, gridId: grid[W11], kind: 'MOBILE_LIBRARY', capacity: 20 },
      }),
    ).updateCommunityActivity;
    expect(published.status).toBe('PUBLISHED');
    await refused(resident(SIGN_UP, { id: draft.id, p: 11 }), 'BAD_USER_INPUT', 'people');
    expect(ok(await resident(SIGN_UP, { id: draft.id, p: 2 })).signUpForCommunityActivity).toEqual({ name: 'p-res', people: 2 });
    await refused(resident(SIGN_UP, { id: draft.id }), 'BAD_USER_INPUT', 'activityId');
    await refused(residentEast(SIGN_UP, { id: draft.id }), 'NOT_FOUND');
    const seen = ok(await resident(ACTIVITIES, { g: grid[W11] })).communityActivities.find((x: { id: string }) => x.id === draft.id);
    expect(seen).toMatchObject({ taken: 2, mySignup: { people: 2, attended: null }, participants: [{ name: 'p-res', attended: null }] });
    // The neighbour signs up and withdraws.
    ok(await neighbour(SIGN_UP, { id: draft.id }));
    expect(ok(await neighbour(WITHDRAW, { id: draft.id })).withdrawFromCommunityActivity.taken).toBe(2);
    await refused(neighbour(WITHDRAW, { id: draft.id }), 'BAD_USER_INPUT', 'activityId');
    // Capacity may not drop below the places taken.
    await refused(
      leaderSmall(UPDATE_ACTIVITY, { id: draft.id, v: 2, input: { ...input, gridId: grid[W11], capacity: 1 } }),
      'BAD_USER_INPUT',
      'input.capacity',
    );
    const [{ id: userId }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'p-res'`);
    await refused(resident(ATTEND, { id: draft.id, u: userId, a: true }), 'FORBIDDEN');
    await refused(leaderEast(ATTEND, { id: draft.id, u: userId, a: true }), 'NOT_FOUND');
    expect(ok(await leaderSmall(ATTEND, { id: draft.id, u: userId, a: true })).recordCommunityActivityAttendance).toEqual({
      name: 'p-res',
      attended: true,
    });
    await refused(leaderSmall(ATTEND, { id: draft.id, u: stableId('nobody'), a: true }), 'BAD_USER_INPUT', 'userId');
  });

  it('validates every input and writes nothing on bad input', async () => {
    const base = { ...input, gridId: grid[W1] };
    await refused(leaderMedium(CREATE_ACTIVITY, { input: { ...base, capacity: 0 } }), 'BAD_USER_INPUT', 'input.capacity');
    await refused(leaderMedium(CREATE_ACTIVITY, { input: { ...base, endsAt: base.startsAt } }), 'BAD_USER_INPUT', 'input.endsAt');
    await refused(leaderMedium(CREATE_ACTIVITY, { input: { ...base, place: ' ' } }), 'BAD_USER_INPUT', 'input.place');
    await refused(leaderMedium(CREATE_ACTIVITY, { input: { ...base, gridId: grid[W] } }), 'FORBIDDEN');
    await refused(resident(CREATE_ACTIVITY, { input: base }), 'FORBIDDEN');
    await refused(admin(CREATE_ACTIVITY, { input: { ...base, gridId: stableId('no grid') } }), 'BAD_USER_INPUT', 'input.gridId');
  });
});
