import 'reflect-metadata';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * 岗位公示 — the public posts board: anyone (no sign-in) reads who serves a grid, their duties
 * and a phone only where its owner consented; the party service posts the street admins keep.
 */

const W = '330106001001';
const W1 = `${W}001`;
const W11 = `${W1}0001`;
const W12 = `${W1}0002`;
const E = '330106001002';

const BOARD = `query ($code: String!) {
  postsBoard(code: $code) {
    grid { code name level } streetName up { code level } down { code level }
    leaders { role name duties contact officePhone since gridCode gridLevel }
    organizations { level name gridCode secretaryName secretaryContact deputySecretaryName deputyContact officePhone }
    centralHouseholds { name buildingName secretaryName secretaryContact }
    servicePosts { id name kind lng lat hours address phone gridCode }
  }
}`;
const APPOINT = `mutation ($input: AppointGridLeaderInput!) { appointGridLeader(input: $input) { id publishContact officePhone duties } }`;
const UPDATE_POST = `mutation ($id: ID!, $input: UpdateGridLeaderInput!) {
  updateGridLeader(id: $id, input: $input) { id publishContact officePhone duties } }`;
const UPDATE_ORG = `mutation ($id: ID!, $input: UpdatePartyOrganizationInput!) {
  updatePartyOrganization(id: $id, input: $input) {
    secretaryName secretaryPublishContact deputySecretaryName deputyPublishContact officePhone } }`;
const CREATE_SP = `mutation ($input: PartyServicePostInput!) {
  createPartyServicePost(input: $input) { id name kind lng lat hours gridCode version } }`;
const UPDATE_SP = `mutation ($id: ID!, $v: Int!, $input: PartyServicePostInput!) {
  updatePartyServicePost(id: $id, version: $v, input: $input) { id name hours version } }`;
const REMOVE_SP = `mutation ($id: ID!) { removePartyServicePost(id: $id) { id } }`;
const LIST_SP = `query ($g: ID) { partyServicePosts(gridId: $g) { id name } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by path in each test
type Answer = GraphQLResponse<Record<string, any>>;

let api: TestApi;
let allPhones: string[];
const grid: Record<string, string> = {};
/** Residents of W11: the fixture's small-grid leader (a phone, never consented), and two party members. */
const W11_LEADER = stableId(`${W11}/household/0/resident/0`);
const W11_MEMBER = stableId(`${W11}/household/0/resident/1`);
const W11_OTHER = stableId(`${W11}/household/1/resident/0`);
const phoneOf = async (id: string) => (await api.db.dataSource.query(`SELECT phone FROM resident WHERE id = $1`, [id]))[0].phone as string;

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  for (const { id, code } of await api.db.dataSource.query(`SELECT id, code FROM grid`)) grid[code] = id;
  await api.db.dataSource.query(`UPDATE resident SET is_party_member = true WHERE id = ANY($1)`, [[W11_MEMBER, W11_OTHER]]);
  allPhones = (await api.db.dataSource.query(`SELECT phone FROM resident WHERE phone IS NOT NULL`)).map((r: { phone: string }) => r.phone);
}, 120_000);
afterAll(() => api.close());

const admin = (query: string, variables?: Record<string, unknown>) => api.gql(query, variables) as Promise<Answer>;
const anonymous = (query: string, variables?: Record<string, unknown>) => api.gqlAs(null, query, variables) as Promise<Answer>;
const board = async (code: string) => {
  const res = await anonymous(BOARD, { code });
  expect(res.errors).toBeUndefined();
  return res;
};
/** The phones of residents the anonymous answer carries. */
const phonesIn = (res: Answer) => allPhones.filter((p) => JSON.stringify(res).includes(p));
const count = async (table: string) =>
  (await api.db.dataSource.query(`SELECT count(*)::int AS n, max(xmin::text::bigint) AS x FROM ${table}`))[0];

describe('the posts board, anonymously', () => {
  it('shows a building grid’s leaders up the chain, its party chain and links up and down, with no phone', async () => {
    const res = await board(W11);
    const b = res.data!.postsBoard;
    expect(b.grid).toEqual({ code: W11, name: '1号小区1号楼网格', level: 'SMALL' });
    expect(b.streetName).toBe('示例街道');
    expect(b.up).toEqual([
      { code: W, level: 'LARGE' },
      { code: W1, level: 'MEDIUM' },
    ]);
    expect(b.down).toEqual([]);
    expect(b.leaders.map((l: { gridLevel: string; role: string }) => `${l.gridLevel}:${l.role}`)).toEqual([
      'LARGE:LEADER',
      'MEDIUM:LEADER',
      'SMALL:LEADER',
    ]);
    expect(b.leaders.every((l: { contact: string | null }) => l.contact === null)).toBe(true);
    expect(b.organizations.map((o: { level: string }) => o.level)).toEqual([
      'STREET_COMMITTEE',
      'COMMUNITY',
      'COMPOUND_BRANCH',
      'BUILDING_GROUP',
    ]);
    // The small grid's leader is a resident with a phone who never consented: it is nowhere in the answer.
    expect(await phoneOf(W11_LEADER)).toMatch(/^138/);
    expect(phonesIn(res)).toEqual([]);
  });

  it('links down from a compound and a community', async () => {
    expect((await board(W1)).data!.postsBoard.down.map((g: { code: string }) => g.code)).toEqual([W11, W12]);
    expect((await board(W)).data!.postsBoard.down.map((g: { code: string }) => g.code)).toEqual([W1, `${W}002`]);
  });

  it('answers a malformed or unknown code with BAD_USER_INPUT naming `code`', async () => {
    for (const code of ['330106001', 'abc', `${W11}9`, '330106001009']) {
      const res = await anonymous(BOARD, { code });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    }
  });

  it('is the only public field: the service posts list and every new mutation ask to sign in', async () => {
    for (const [q, v] of [
      [LIST_SP, {}],
      [CREATE_SP, { input: { gridId: grid[W11], name: 'x', kind: 'OTHER', lng: 120.1, lat: 30.25, hours: 'x' } }],
      [UPDATE_POST, { id: W11_LEADER, input: { publishContact: true } }],
    ] as const) {
      expect((await anonymous(q, v)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('central households (党员中心户)', () => {
  it('are shown on the boards of their building, compound and community by name and building — no room, no address, no phone', async () => {
    const [group] = await api.db.dataSource.query(`SELECT id, street_id FROM party_organization WHERE grid_id = $1`, [grid[W11]]);
    const household = stableId(`${W11}/household/0`);
    await api.db.dataSource.query(
      `INSERT INTO party_organization (street_id, parent_id, level, name, grid_id, household_id, secretary_id, secretary_name)
       SELECT $1, $2, 'CENTRAL_HOUSEHOLD', name || '党员中心户', $3, $4, id, name FROM resident WHERE id = $5`,
      [group.street_id, group.id, grid[W11], household, W11_MEMBER],
    );
    const [{ name }] = await api.db.dataSource.query(`SELECT name FROM resident WHERE id = $1`, [W11_MEMBER]);
    for (const code of [W11, W1, W]) {
      const res = await board(code);
      expect(res.data!.postsBoard.centralHouseholds).toEqual([
        { name: `${name}党员中心户`, buildingName: '1号楼', secretaryName: name, secretaryContact: null },
      ]);
      expect(JSON.stringify(res)).not.toMatch(/101|示例路/);
      expect(phonesIn(res)).toEqual([]);
    }
    expect((await board(W12)).data!.postsBoard.centralHouseholds).toEqual([]);
    await api.db.dataSource.query(`DELETE FROM party_organization WHERE level = 'CENTRAL_HOUSEHOLD'`);
  });
});

describe('a published contact, only with consent', () => {
  let deputy: string;

  it('refuses a bad office number or duties, naming the field, and writes nothing', async () => {
    const before = await count('grid_leader');
    const bad = await admin(APPOINT, {
      input: { gridId: grid[W11], residentId: W11_MEMBER, role: 'DEPUTY', officePhone: 'call me', publishContact: true },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.officePhone' });
    const long = await admin(APPOINT, { input: { gridId: grid[W11], residentId: W11_MEMBER, role: 'DEPUTY', duties: 'x'.repeat(501) } });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.duties' });
    expect(await count('grid_leader')).toEqual(before);
  });

  it('shows the deputy’s phone when they consented, the office number, the duties — and still not the leader’s', async () => {
    const res = await admin(APPOINT, {
      input: {
        gridId: grid[W11],
        residentId: W11_MEMBER,
        role: 'DEPUTY',
        publishContact: true,
        officePhone: '0571-8888 1234',
        duties: '联系本楼住户，收集诉求',
      },
    });
    expect(res.errors).toBeUndefined();
    deputy = res.data!.appointGridLeader.id;
    const b = await board(W11);
    const shown = b.data!.postsBoard.leaders.find((l: { role: string }) => l.role === 'DEPUTY');
    expect(shown).toMatchObject({ contact: await phoneOf(W11_MEMBER), officePhone: '0571-8888 1234', duties: '联系本楼住户，收集诉求' });
    expect(phonesIn(b)).toEqual([await phoneOf(W11_MEMBER)]);
  });

  it('withdraws it when consent is withdrawn (updateGridLeader); a bad input changes nothing', async () => {
    const before = await count('grid_leader');
    const bad = await admin(UPDATE_POST, { id: deputy, input: { publishContact: false, officePhone: '12' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.officePhone' });
    expect(await count('grid_leader')).toEqual(before);
    const res = await admin(UPDATE_POST, { id: deputy, input: { publishContact: false, duties: '' } });
    expect(res.data!.updateGridLeader).toMatchObject({ publishContact: false, officePhone: '0571-8888 1234', duties: null });
    expect(phonesIn(await board(W11))).toEqual([]);
  });

  it('shows a secretary’s consented phone and not their deputy’s; the deputy is never the secretary', async () => {
    const [{ id: org }] = await api.db.dataSource.query(`SELECT id FROM party_organization WHERE grid_id = $1`, [grid[W11]]);
    const before = await count('party_organization');
    const same = await admin(UPDATE_ORG, { id: org, input: { secretaryId: W11_MEMBER, deputySecretaryId: W11_MEMBER } });
    expect(same.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.deputySecretaryId',
      rule: 'DEPUTY_NOT_SECRETARY',
    });
    const notMember = await admin(UPDATE_ORG, { id: org, input: { deputySecretaryId: W11_LEADER } });
    expect(notMember.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.deputySecretaryId',
      rule: 'SECRETARY_PARTY_MEMBER',
    });
    expect(await count('party_organization')).toEqual(before);

    const ok = await admin(UPDATE_ORG, {
      id: org,
      input: { secretaryId: W11_MEMBER, secretaryPublishContact: true, deputySecretaryId: W11_OTHER, officePhone: '0571-1234' },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updatePartyOrganization).toMatchObject({ secretaryPublishContact: true, deputyPublishContact: false });
    const b = await board(W11);
    const group = b.data!.postsBoard.organizations.find((o: { level: string }) => o.level === 'BUILDING_GROUP');
    expect(group).toMatchObject({ secretaryContact: await phoneOf(W11_MEMBER), deputyContact: null, officePhone: '0571-1234' });
    expect(phonesIn(b)).toEqual([await phoneOf(W11_MEMBER)]);
    // A new secretary publishes nothing on their predecessor's consent.
    const next = await admin(UPDATE_ORG, { id: org, input: { secretaryId: stableId(`${W11}/household/1/resident/1`) } });
    expect(next.errors?.[0].extensions?.rule).toBe('SECRETARY_PARTY_MEMBER');
  });
});

describe('party service posts', () => {
  const input = (over: Record<string, unknown> = {}) => ({
    gridId: grid[W1],
    name: '红色1平米·议事亭',
    kind: 'DISCUSSION_PAVILION',
    lng: 120.1025,
    lat: 30.2525,
    hours: '周一至周五 9:00–17:00',
    ...over,
  });
  let post: { id: string; version: number };

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = await count('party_service_post');
    const cases: [Record<string, unknown>, string][] = [
      [{ lng: 120.2 }, 'input.lng'], // outside the compound
      [{ lng: 500 }, 'input.lng'],
      [{ lat: -91 }, 'input.lat'],
      [{ hours: ' \u200b ' }, 'input.hours'],
      [{ name: '' }, 'input.name'],
      [{ phone: 'abc' }, 'input.phone'],
      [{ gridId: 'nope' }, 'input.gridId'],
      [{ gridId: stableId('no such grid') }, 'input.gridId'],
    ];
    for (const [over, field] of cases) {
      const res = await admin(CREATE_SP, { input: input(over) });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count('party_service_post')).toEqual(before);
  });

  it('creates one in a compound; the board of each building in it, and of the community, shows it', async () => {
    const res = await admin(CREATE_SP, { input: input({ phone: '0571-8765 4321' }) });
    expect(res.errors).toBeUndefined();
    post = res.data!.createPartyServicePost;
    expect(post).toMatchObject({ kind: 'DISCUSSION_PAVILION', gridCode: W1, lng: 120.1025, lat: 30.2525, version: 1 });
    for (const code of [W11, W12, W1, W]) {
      const shown = (await board(code)).data!.postsBoard.servicePosts;
      expect(shown.map((p: { id: string; hours: string }) => [p.id, p.hours])).toEqual([[post.id, '周一至周五 9:00–17:00']]);
    }
    expect((await board(E)).data!.postsBoard.servicePosts).toEqual([]);
  });

  it('updates with the version read (a stale one is CONFLICT), lists, removes', async () => {
    const ok = await admin(UPDATE_SP, { id: post.id, v: 1, input: input({ hours: '每天 8:00–20:00' }) });
    expect(ok.data!.updatePartyServicePost).toMatchObject({ hours: '每天 8:00–20:00', version: 2 });
    const stale = await admin(UPDATE_SP, { id: post.id, v: 1, input: input({ hours: '不开放' }) });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await admin(LIST_SP, { g: grid[W] })).data!.partyServicePosts.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect((await admin(LIST_SP, { g: grid[E] })).data!.partyServicePosts).toEqual([]);
    expect((await admin(REMOVE_SP, { id: post.id })).errors).toBeUndefined();
    expect((await admin(REMOVE_SP, { id: post.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await board(W11)).data!.postsBoard.servicePosts).toEqual([]);
  });

  it('is the street admins’: a large-grid leader, a building’s leader and a resident are refused, nothing written', async () => {
    const tokens = [
      await api.userToken({ login: 'posts-large', role: 'GRID_LEADER', gridCodes: [W] }),
      await api.userToken({ login: 'posts-small', role: 'GRID_LEADER', gridCodes: [W11] }),
      await api.userToken({ login: 'posts-resident', role: 'RESIDENT', residentId: W11_OTHER }),
    ];
    const before = [await count('party_service_post'), await count('grid_leader'), await count('party_organization')];
    const [{ id: leaderPost }] = await api.db.dataSource.query(`SELECT id FROM grid_leader WHERE grid_id = $1 AND until IS NULL LIMIT 1`, [
      grid[W11],
    ]);
    for (const token of tokens) {
      for (const [q, v] of [
        [CREATE_SP, { input: input() }],
        [CREATE_SP, { input: input({ gridId: grid[`${E}001`], lng: 120.1125 }) }],
        [UPDATE_POST, { id: leaderPost, input: { publishContact: true } }],
      ] as const) {
        expect((await api.gqlAs(token, q, v)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      // Everyone signed in reads the (public) service posts.
      expect((await api.gqlAs(token, LIST_SP, {})).errors).toBeUndefined();
    }
    expect([await count('party_service_post'), await count('grid_leader'), await count('party_organization')]).toEqual(before);
  });
});
