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
const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput) {
  reportCase(input: $input, actor: $actor) { case { id version status dueAt } }
}`;
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

const CASE = `id version status dueAt extensionCount pendingExtension { eventId until reason requestedBy }
  timeline { type actorName actorRole note }`;
type Pending = { eventId: string; until: string; reason: string; requestedBy: string } | null;
type Full = CaseView & {
  extensionCount: number;
  pendingExtension: Pending;
  timeline: { type: string; actorName: string; actorRole: string; note: string | null }[];
};
const REQUEST = `mutation ($id: ID!, $version: Int!, $reason: String!, $until: DateTime!) {
  requestCaseExtension(id: $id, version: $version, reason: $reason, until: $until) { ${CASE} } }`;
const DECLINE = `mutation ($id: ID!, $version: Int!, $reason: String!) {
  declineCaseExtension(id: $id, version: $version, reason: $reason) { ${CASE} }
}`;
const EXTEND = `mutation ($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {
  extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) { ${CASE} } }`;
const FILE = `mutation ($id: ID!, $version: Int!) { fileCase(id: $id, version: $version) { ${CASE} } }`;

/** A case in the leader's grid, filed by the leader (so it has a deadline). */
async function filedCase(): Promise<Full> {
  const c = await report(IN_1, '井盖松动');
  const res = await api.gqlAs<{ fileCase: Full }>(leader, FILE, { id: c.id, version: c.version });
  expect(res.errors).toBeUndefined();
  return res.data!.fileCase;
}

const later = (c: { dueAt: string | null }, days: number) => new Date(Date.parse(c.dueAt!) + days * 86_400_000).toISOString();

describe('extension requests', () => {
  it('a grid leader requests, the deadline stays; the command centre approves with extendCaseDeadline', async () => {
    const c = await filedCase();
    const until = later(c, 3);
    const req = await api.gqlAs<{ requestCaseExtension: Full }>(leader, REQUEST, {
      id: c.id,
      version: c.version,
      reason: '需协调物业',
      until,
    });
    expect(req.errors).toBeUndefined();
    const asked = req.data!.requestCaseExtension;
    expect(asked.dueAt).toBe(c.dueAt);
    expect(asked.status).toBe('FILED');
    expect(asked.extensionCount).toBe(0);
    expect(asked.pendingExtension).toMatchObject({ until, reason: '需协调物业', requestedBy: 'ws-leader' });
    expect(asked.timeline.at(-1)).toMatchObject({
      type: 'EXTENSION_REQUESTED',
      actorRole: 'GRID_LEADER',
      actorName: 'ws-leader',
      note: '需协调物业',
    });

    // One pending request at a time.
    const again = await api.gqlAs(leader, REQUEST, { id: c.id, version: asked.version, reason: '再次申请', until: later(c, 5) });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // The leader still may not extend, nor decline.
    const self = await api.gqlAs(leader, EXTEND, { id: c.id, version: asked.version, newDueAt: until, reason: '自己批' });
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const selfDecline = await api.gqlAs(leader, DECLINE, { id: c.id, version: asked.version, reason: '自己驳回' });
    expect(selfDecline.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const operator = await api.userToken({ login: 'ws-operator', role: 'OPERATOR' });
    const ok = await api.gqlAs<{ extendCaseDeadline: Full }>(operator, EXTEND, {
      id: c.id,
      version: asked.version,
      newDueAt: asked.pendingExtension!.until,
      reason: '同意延期',
    });
    expect(ok.errors).toBeUndefined();
    const approved = ok.data!.extendCaseDeadline;
    expect(approved.dueAt).toBe(until);
    expect(approved.extensionCount).toBe(1);
    expect(approved.pendingExtension).toBeNull();
    expect(approved.timeline.at(-1)).toMatchObject({ type: 'EXTENDED', actorRole: 'COMMAND_CENTRE', actorName: 'ws-operator' });
  });

  it('the command centre declines: the deadline stays, the leader may ask again', async () => {
    const c = await filedCase();
    const req = await api.gqlAs<{ requestCaseExtension: Full }>(leader, REQUEST, {
      id: c.id,
      version: c.version,
      reason: '材料未到',
      until: later(c, 2),
    });
    expect(req.errors).toBeUndefined();
    const operator = await api.userToken({ login: 'ws-operator', role: 'OPERATOR' });
    const declined = await api.gqlAs<{ declineCaseExtension: Full }>(operator, DECLINE, {
      id: c.id,
      version: req.data!.requestCaseExtension.version,
      reason: '时限内可完成',
    });
    expect(declined.errors).toBeUndefined();
    const d = declined.data!.declineCaseExtension;
    expect(d.dueAt).toBe(c.dueAt);
    expect(d.pendingExtension).toBeNull();
    expect(d.timeline.at(-1)).toMatchObject({ type: 'EXTENSION_DECLINED', note: '时限内可完成' });
    // Nothing pending: declining again is refused; a new request is allowed.
    const twice = await api.gqlAs(operator, DECLINE, { id: c.id, version: d.version, reason: '再驳回' });
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const again = await api.gqlAs<{ requestCaseExtension: Full }>(leader, REQUEST, {
      id: c.id,
      version: d.version,
      reason: '补充说明',
      until: later(c, 1),
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.requestCaseExtension.pendingExtension?.reason).toBe('补充说明');
  });

  it('refuses a request outside the leader grid, on a REPORTED case, with a stale version, or for a past or earlier deadline', async () => {
    const outside = await report(IN_2, '别处');
    const res = await api.gqlAs(leader, REQUEST, {
      id: outside.id,
      version: outside.version,
      reason: 'x',
      until: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const fresh = await report(IN_1, '未立案');
    const reported = await api.gqlAs(leader, REQUEST, {
      id: fresh.id,
      version: fresh.version,
      reason: 'x',
      until: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(reported.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const c = await filedCase();
    const stale = await api.gqlAs(leader, REQUEST, { id: c.id, version: c.version - 1, reason: 'x', until: later(c, 1) });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const past = await api.gqlAs(leader, REQUEST, {
      id: c.id,
      version: c.version,
      reason: 'x',
      until: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const earlier = await api.gqlAs(leader, REQUEST, { id: c.id, version: c.version, reason: 'x', until: later(c, -0.01) });
    expect(earlier.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await api.gqlAs(leader, REQUEST, { id: c.id, version: c.version, reason: '  ', until: later(c, 1) });
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// A 1×1 PNG, and a JPEG header: enough for the content type.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`handled-${Date.now()}`)]);

describe('handling with photos, and GET /photos/:hash', () => {
  const HANDLE = `mutation ($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {
    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) { id status photos timeline { type data } } }`;
  const STEP = (name: string) => `mutation ($id: ID!, $version: Int!) { ${name}(id: $id, version: $version) { id version status } }`;
  const photo = (hash: string, token: string | null) =>
    fetch(`${api.url}/photos/${hash}`, { headers: token ? { authorization: token } : {} });

  it('a leader handles with a photo; the photo is served to those who can see the case, with its type', async () => {
    let c: { id: string; version: number } = await report(IN_1, '路面破损', [PNG.toString('base64')]);
    for (const name of ['fileCase', 'dispatchCase', 'startCase']) {
      const res = await api.gqlAs<Record<string, { id: string; version: number }>>(leader, STEP(name), { id: c.id, version: c.version });
      expect(res.errors).toBeUndefined();
      c = res.data![name];
    }
    const handled = await api.gqlAs<{
      handleCase: { status: string; photos: string[]; timeline: { type: string; data: { photos?: string[] } }[] };
    }>(leader, HANDLE, {
      id: c.id,
      version: c.version,
      feedback: '已修补',
      photos: [JPEG.toString('base64')],
    });
    expect(handled.errors).toBeUndefined();
    const { photos, status, timeline } = handled.data!.handleCase;
    expect(status).toBe('HANDLED');
    expect(photos).toHaveLength(2);
    const [reportedHash, handledHash] = photos;
    expect(timeline.at(-1)).toMatchObject({ type: 'HANDLED', data: { photos: [handledHash] } });

    const inside = await photo(handledHash, leader);
    expect(inside.status).toBe(200);
    expect(inside.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await inside.arrayBuffer()).equals(JPEG)).toBe(true);
    const png = await photo(reportedHash, api.adminToken);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');

    expect((await photo(handledHash, null)).status).toBe(401);
    expect((await photo(handledHash, 'Bearer not-a-token')).status).toBe(401);
    // A leader of another grid cannot see the case, so not its photos either.
    const otherLeader = await api.userToken({ login: 'ws-leader-2', role: 'GRID_LEADER', gridCodes: ['3301060010010010002'] });
    expect((await photo(handledHash, otherLeader)).status).toBe(404);
    expect((await photo('0'.repeat(64), leader)).status).toBe(404);
    expect((await photo('../etc/passwd', leader)).status).toBe(404);
  });

  it('refuses bad photos on handling, writing nothing', async () => {
    let c: { id: string; version: number } = await report(IN_1, '坏照片');
    for (const name of ['fileCase', 'dispatchCase', 'startCase'])
      c = (await api.gqlAs<Record<string, { id: string; version: number }>>(leader, STEP(name), { id: c.id, version: c.version })).data![
        name
      ];
    const bad = await api.gqlAs(leader, HANDLE, { id: c.id, version: c.version, feedback: '处理', photos: ['***'] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photos.0' });
    const six = await api.gqlAs(leader, HANDLE, {
      id: c.id,
      version: c.version,
      feedback: '处理',
      photos: Array(6).fill(PNG.toString('base64')),
    });
    expect(six.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photos' });
    const [row] = await api.db.dataSource.query(`SELECT status, version FROM "case" WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'IN_PROGRESS', version: c.version });
  });
});
