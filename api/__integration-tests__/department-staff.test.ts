import { randomUUID } from 'node:crypto';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * 职能部门工作人员 — an account tied to one department of the registry (DEPARTMENT_STAFF):
 * made by a street admin with its department, it signs in, sees exactly the cases dispatched
 * or escalated to its department, works them (start, handle with a photo, ask for more time)
 * and cannot reach any other case; a refused step writes nothing.
 */

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
let departments: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  const rows: { id: string; code: string }[] = await api.db.dataSource.query(`SELECT id, code FROM department`);
  departments = Object.fromEntries(rows.map((r) => [r.code, r.id]));
});
afterAll(() => api.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('department staff photo')]).toString('base64');
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id login role departmentId } password } }`;
const LOGIN = `mutation ($l: String!, $p: String!) {
  login(login: $l, password: $p) { accessToken user { role departmentId departmentName } }
}`;
const CASE = 'id version number status department photos timeline { type actorName actorRole }';

/** A case reported by the admin in the west, filed, and dispatched to the department `code` (or escalated to it by name). */
async function caseFor(
  code: string,
  how: 'dispatch' | 'escalate' = 'dispatch',
  priority: 'NORMAL' | 'HIGH' | 'URGENT' = 'NORMAL',
): Promise<{ id: string; number: string }> {
  const reported = await api.gql<{ reportCase: { case: { id: string; version: number; number: string } } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version number } } }`,
    {
      input: {
        clientKey: `staff-${Math.random()}`,
        category: 'DISPUTE',
        source: 'HOTLINE',
        priority,
        lng: 120.102,
        lat: 30.255,
        description: `交给 ${code} 的事件`,
      },
    },
  );
  const { id, version, number } = reported.data!.reportCase.case;
  const filed = await api.gql<{ fileCase: { version: number } }>(
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
    {
      id,
      v: version,
    },
  );
  const v = filed.data!.fileCase.version;
  if (how === 'dispatch') {
    const res = await api.gql(`mutation ($id: ID!, $v: Int!, $d: ID!) { dispatchCase(id: $id, version: $v, departmentId: $d) { id } }`, {
      id,
      v,
      d: departments[code],
    });
    expect(res.errors).toBeUndefined();
  } else {
    const [{ name }] = await api.db.dataSource.query(`SELECT name FROM department WHERE code = $1`, [code]);
    const res = await api.gql(
      `mutation ($id: ID!, $v: Int!, $d: String!) { escalateCase(id: $id, version: $v, reason: "需要部门处理", department: $d) { id } }`,
      { id, v, d: name },
    );
    expect(res.errors).toBeUndefined();
  }
  return { id, number };
}

/** What a refused step may not change: the case row and its timeline. */
const fingerprint = async (id: string) =>
  (
    await api.db.dataSource.query(
      `SELECT c.version, c.status, c.photos, (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id) AS events
         FROM "case" c WHERE c.id = $1`,
      [id],
    )
  )[0];

describe('a department staff account', () => {
  let staff: string;
  let other: string;

  it('is made by a street admin for one department, and signs in to an account that names it', async () => {
    const made = await api.gql<{ createUser: { user: { id: string; role: string; departmentId: string }; password: string } }>(CREATE, {
      input: { login: 'sfs-li', displayName: '司法所李', role: 'DEPARTMENT_STAFF', departmentId: departments.SFS, reason: '部门值班' },
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createUser.user).toMatchObject({ role: 'DEPARTMENT_STAFF', departmentId: departments.SFS });
    const signedIn = await api.gqlAs<{ login: { accessToken: string; user: Record<string, unknown> } }>(null, LOGIN, {
      l: 'sfs-li',
      p: made.data!.createUser.password,
    });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.login.user).toEqual({ role: 'DEPARTMENT_STAFF', departmentId: departments.SFS, departmentName: '司法所' });
    staff = `Bearer ${signedIn.data!.login.accessToken}`;
    const me = await api.gqlAs<{ me: { login: string; departmentName: string } }>(staff, `{ me { login departmentName } }`);
    expect(me.data!.me).toEqual({ login: 'sfs-li', departmentName: '司法所' });
    other = await api.userToken({ login: 'cgzd-wang', role: 'DEPARTMENT_STAFF', departmentCode: 'CGZD' });
  });

  it('must name a department, and only that role may', async () => {
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n;
    for (const [input, field] of [
      [{ login: 'no-dept', displayName: '无部门', role: 'DEPARTMENT_STAFF', reason: 'x' }, 'input.departmentId'],
      [
        {
          login: 'bad-dept',
          displayName: '错部门',
          role: 'DEPARTMENT_STAFF',
          // An id of no department (changing the last digit of a real one gave it back when it already ended in 0).
          departmentId: randomUUID(),
          reason: 'x',
        },
        'input.departmentId',
      ],
      [{ login: 'res-dept', displayName: '居民', role: 'RESIDENT', departmentId: departments.SFS, reason: 'x' }, 'input.departmentId'],
    ] as const) {
      const res = await api.gql(CREATE, { input });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(before);
  });

  it('sees the cases dispatched or escalated to their department, and no other', async () => {
    const own = await caseFor('SFS');
    const escalated = await caseFor('SFS', 'escalate');
    const elsewhere = await caseFor('CGZD');
    const list = await api.gqlAs<{ cases: { totalCount: number; nodes: { id: string }[] } }>(
      staff,
      `{ cases(first: 100) { totalCount nodes { id } } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.cases.nodes.map((c) => c.id).sort()).toEqual([own.id, escalated.id].sort());
    expect(list.data!.cases.totalCount).toBe(2);
    const looked = await api.gqlAs<Record<string, { id: string } | null>>(
      staff,
      `query ($a: ID!, $b: ID!, $n: String!) {
        own: case(id: $a) { id } other: case(id: $b) { id } byNumber: caseByNumber(number: $n) { id }
      }`,
      { a: own.id, b: elsewhere.id, n: elsewhere.number },
    );
    expect(looked.data).toEqual({ own: { id: own.id }, other: null, byNumber: null });
    // A dispatch or an escalation tells the department's staff (事件派遣给我, 事件上报至我): theirs, not the other department's case.
    const told = await api.gqlAs<{ notifications: { nodes: { kind: string; subjectId: string }[] } }>(
      staff,
      `{ notifications(first: 50) { nodes { kind subjectId } } }`,
    );
    expect(told.data!.notifications.nodes).toEqual([
      { kind: 'CASE_ESCALATED', subjectId: escalated.id },
      { kind: 'CASE_DISPATCHED', subjectId: own.id },
    ]);
    // The other department's staff sees theirs only.
    const theirs = await api.gqlAs<{ cases: { nodes: { id: string }[] } }>(other, `{ cases(first: 100) { nodes { id } } }`);
    expect(theirs.data!.cases.nodes.map((c) => c.id)).toEqual([elsewhere.id]);
    // Nothing else of the street: no grid, building, resident or need.
    const rest = await api.gqlAs<Record<string, { totalCount: number }>>(
      staff,
      `{ grids(first: 10) { totalCount } buildings(first: 10) { totalCount } residents(first: 10) { totalCount } }`,
    );
    expect(rest.data).toEqual({ grids: { totalCount: 0 }, buildings: { totalCount: 0 }, residents: { totalCount: 0 } });
  });

  it('pages their inbox newest first, or most urgent first', async () => {
    const older = await caseFor('MZK');
    const urgent = await caseFor('MZK', 'dispatch', 'URGENT');
    const high = await caseFor('MZK', 'dispatch', 'HIGH');
    const newer = await caseFor('MZK');
    const mzk = await api.userToken({ login: 'mzk-chen', role: 'DEPARTMENT_STAFF', departmentCode: 'MZK' });
    const PAGE = `query ($o: CaseOrder!, $after: String) {
      cases(order: $o, first: 3, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
    }`;
    const all = async (order: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        type Page = { cases: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
        const res: GraphQLResponse<Page> = await api.gqlAs<Page>(mzk, PAGE, { o: order, after });
        expect(res.errors).toBeUndefined();
        ids.push(...res.data!.cases.nodes.map((n) => n.id));
        if (!res.data!.cases.pageInfo.hasNextPage) return ids;
        after = res.data!.cases.pageInfo.endCursor;
      }
    };
    expect(await all('NEWEST')).toEqual([newer.id, high.id, urgent.id, older.id]);
    expect(await all('URGENT')).toEqual([urgent.id, high.id, newer.id, older.id]);
    expect(await all('OLDEST')).toEqual([older.id, urgent.id, high.id, newer.id]);
  });

  it('starts, handles with a photo and asks for more time on their own case; the timeline names them as DEPARTMENT', async () => {
    const own = await caseFor('SFS');
    const step = async (mutation: string, args = '', variables: Record<string, unknown> = {}, declarations = '') => {
      const [{ version }] = await api.db.dataSource.query(`SELECT version FROM "case" WHERE id = $1`, [own.id]);
      return api.gqlAs<Record<string, { status: string; photos: string[]; timeline: Record<string, string>[] }>>(
        staff,
        `mutation ($id: ID!, $v: Int!${declarations}) { ${mutation}(id: $id, version: $v${args}) { ${CASE} } }`,
        { id: own.id, v: version, ...variables },
      );
    };
    const started = await step('startCase');
    expect(started.errors).toBeUndefined();
    expect(started.data!.startCase.status).toBe('IN_PROGRESS');
    const asked = await step(
      'requestCaseExtension',
      ', reason: "当事人外出", until: $u',
      { u: new Date(Date.now() + 20 * 86_400_000) },
      ', $u: DateTime!',
    );
    expect(asked.errors).toBeUndefined();
    const handled = await step('handleCase', ', feedback: "已调解完毕", photos: [$p]', { p: JPEG }, ', $p: String!');
    expect(handled.errors).toBeUndefined();
    const c = handled.data!.handleCase;
    expect(c.status).toBe('HANDLED');
    expect(c.timeline.slice(-3)).toEqual([
      { type: 'STARTED', actorName: 'sfs-li', actorRole: 'DEPARTMENT' },
      { type: 'EXTENSION_REQUESTED', actorName: 'sfs-li', actorRole: 'DEPARTMENT' },
      { type: 'HANDLED', actorName: 'sfs-li', actorRole: 'DEPARTMENT' },
    ]);
    // The photo is theirs to see (a case they see references it); not the other department's.
    const [hash] = c.photos;
    const photo = (auth: string) => fetch(`${api.url}/photos/${hash}`, { headers: { authorization: auth } });
    expect((await photo(staff)).status).toBe(200);
    expect((await photo(other)).status).toBe(404);
  });

  it('cannot touch another department’s case: answered as a missing one, nothing written', async () => {
    const elsewhere = await caseFor('CGZD');
    const before = await fingerprint(elsewhere.id);
    const start = (id: string) =>
      api.gqlAs(staff, `mutation ($id: ID!, $v: Int!) { startCase(id: $id, version: $v) { id } }`, { id, v: before.version });
    const refused = await start(elsewhere.id);
    const random = await start('00000000-0000-4000-8000-000000000001');
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(refused.errors?.[0].message.replace(elsewhere.id, '<id>')).toBe(
      random.errors?.[0].message.replace('00000000-0000-4000-8000-000000000001', '<id>'),
    );
    expect(await fingerprint(elsewhere.id)).toEqual(before);
  });

  it('takes no command-centre step on their own case: FORBIDDEN, nothing written', async () => {
    const own = await caseFor('SFS');
    const before = await fingerprint(own.id);
    for (const mutation of [
      `rejectCase(id: $id, version: $v, reason: "不管") { id }`,
      `escalateCase(id: $id, version: $v, reason: "上交") { id }`,
      `extendCaseDeadline(id: $id, version: $v, reason: "自己延期", newDueAt: "2099-01-01T00:00:00Z") { id }`,
    ]) {
      const res = await api.gqlAs(staff, `mutation ($id: ID!, $v: Int!) { ${mutation} }`, { id: own.id, v: before.version });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await fingerprint(own.id)).toEqual(before);
  });

  it('keeps the role and the department it was made with: changeUserRole refuses to make or unmake staff', async () => {
    const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'sfs-li'`);
    const res = await api.gql(`mutation ($id: ID!) { changeUserRole(id: $id, role: RESIDENT, reason: "调岗") { id } }`, { id });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
    const [row] = await api.db.dataSource.query(`SELECT role, department_id FROM app_user WHERE id = $1`, [id]);
    expect(row).toEqual({ role: 'DEPARTMENT_STAFF', department_id: departments.SFS });
  });
});
