import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { Departments1765520000000 } from '../src/platform/db/migrations/1765520000000-departments';
import { DepartmentStaff1765600000000 } from '../src/platform/db/migrations/1765600000000-department-staff';
import { syncPolicies } from '../src/platform/db/rls';
import { startTestApi, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const LARGE_WEST = '330106001001';
const SMALL_1 = '3301060010010010001'; // lng 120.100–120.105, lat 30.25–30.26
const SMALL_2 = '3301060010010010002';
const LARGE_EAST = '330106001002';
const FIELDS = 'id version status assignedLeaderId assignedLeaderName department timeline { type note data }';

async function filedCase(): Promise<{ id: string; version: number }> {
  const reported = await api.gql<{ reportCase: { case: { id: string; version: number } } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
    {
      input: {
        clientKey: `d-${Math.random()}`,
        category: 'ENVIRONMENT',
        source: 'HOTLINE',
        lng: 120.102,
        lat: 30.255,
        description: '井盖缺失',
      },
    },
  );
  const { id, version } = reported.data!.reportCase.case;
  const filed = await api.gql<{ fileCase: { version: number } }>(
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
    {
      id,
      v: version,
    },
  );
  return { id, version: filed.data!.fileCase.version };
}

const DISPATCH = `mutation ($id: ID!, $v: Int!, $leaderId: ID, $department: String) {
  dispatchCase(id: $id, version: $v, leaderId: $leaderId, department: $department) { ${FIELDS} } }`;

describe('派遣到网格长 — dispatch to a grid leader picked from the case’s grid chain', () => {
  it('records the leader, names them in the timeline and answers it on the case', async () => {
    const c = await filedCase();
    const leaderId = stableId(`${LARGE_WEST}/leader`);
    const res = await api.gql<{ dispatchCase: Record<string, unknown> & { timeline: { type: string; note: string }[] } }>(DISPATCH, {
      id: c.id,
      v: c.version,
      leaderId,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.dispatchCase).toMatchObject({ status: 'DISPATCHED', assignedLeaderId: leaderId, assignedLeaderName: '大网格长1' });
    expect(res.data!.dispatchCase.timeline.at(-1)).toMatchObject({ type: 'DISPATCHED', note: '大网格长1', data: { leaderId } });
  });

  it('refuses a leader outside the chain, a bad id, or a leader and a department at once, writing nothing', async () => {
    const c = await filedCase();
    for (const [vars, field] of [
      [{ leaderId: stableId(`${SMALL_2}/leader`) }, 'leaderId'],
      [{ leaderId: stableId(`${LARGE_EAST}/leader`) }, 'leaderId'],
      [{ leaderId: 'nope' }, 'leaderId'],
      [{ leaderId: stableId(`${SMALL_1}/leader`), department: '城管中队' }, 'leaderId'],
    ] as const) {
      const res = await api.gql(DISPATCH, { id: c.id, v: c.version, ...vars });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [row] = await api.db.dataSource.query(`SELECT status, version, assigned_leader_id FROM "case" WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'FILED', version: c.version, assigned_leader_id: null });
    const ok = await api.gql(DISPATCH, { id: c.id, v: c.version, leaderId: stableId(`${SMALL_1}/leader`) });
    expect(ok.errors).toBeUndefined();
  });
});

describe('申请延期 queue — cases(extensionRequested)', () => {
  const QUEUE = `query ($gridId: ID) {
    asked: cases(extensionRequested: true, gridId: $gridId) { nodes { id } }
    notAsked: cases(extensionRequested: false, gridId: $gridId) { nodes { id } } }`;
  const ids = async (gridId: string | null = null) => {
    const res = await api.gql<{ asked: { nodes: { id: string }[] }; notAsked: { nodes: { id: string }[] } }>(QUEUE, { gridId });
    expect(res.errors).toBeUndefined();
    return { asked: res.data!.asked.nodes.map((n) => n.id), notAsked: res.data!.notAsked.nodes.map((n) => n.id) };
  };

  it('holds a case while its extension request waits, and lets it go once the command centre answers', async () => {
    const c = await filedCase();
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const asked = await api.gql<{ requestCaseExtension: { version: number } }>(
      `mutation ($id: ID!, $v: Int!, $until: DateTime!) {
        requestCaseExtension(id: $id, version: $v, until: $until, reason: "材料未到", actor: { role: GRID_LEADER, name: "x" }) { version } }`,
      { id: c.id, v: c.version, until },
    );
    expect(asked.errors).toBeUndefined();
    expect((await ids()).asked).toContain(c.id);
    expect((await ids()).notAsked).not.toContain(c.id);
    expect((await ids(stableId(LARGE_WEST))).asked).toContain(c.id);
    expect((await ids(stableId(LARGE_EAST))).asked).not.toContain(c.id);
    const declined = await api.gql(
      `mutation ($id: ID!, $v: Int!) { declineCaseExtension(id: $id, version: $v, reason: "时限充足") { id } }`,
      { id: c.id, v: asked.data!.requestCaseExtension.version },
    );
    expect(declined.errors).toBeUndefined();
    expect((await ids()).asked).not.toContain(c.id);
    expect((await ids()).notAsked).toContain(c.id);
  });
});

describe('职能部门名录 — the department registry', () => {
  const DEPTS = `query ($category: String) { departments(category: $category) { id code name categories } }`;

  it('lists the registry, or the departments handling a category', async () => {
    const all = await api.gql<{ departments: { code: string; name: string }[] }>(DEPTS, {});
    expect(all.data!.departments.map((d) => d.name)).toEqual([
      '城管中队',
      '民政科',
      '司法所',
      '市容环卫所',
      '物业公司',
      '消防站',
      '住建办',
    ]);
    const env = await api.gql<{ departments: { name: string }[] }>(DEPTS, { category: 'ENVIRONMENT' });
    expect(env.data!.departments.map((d) => d.name)).toEqual(['城管中队', '市容环卫所']);
  });

  it('dispatches to a department picked from the registry; refuses an unknown one, writing nothing', async () => {
    const { data } = await api.gql<{ departments: { id: string; name: string }[] }>(DEPTS, { category: 'ENVIRONMENT' });
    const dept = data!.departments[1];
    const c = await filedCase();
    const q = `mutation ($id: ID!, $v: Int!, $d: ID) {
      dispatchCase(id: $id, version: $v, departmentId: $d) { status department departmentId } }`;
    const unknown = await api.gql(q, { id: c.id, v: c.version, d: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    expect((await api.db.dataSource.query(`SELECT version FROM "case" WHERE id = $1`, [c.id]))[0].version).toBe(c.version);
    const ok = await api.gql(q, { id: c.id, v: c.version, d: dept.id });
    expect(ok.data).toEqual({ dispatchCase: { status: 'DISPATCHED', department: dept.name, departmentId: dept.id } });
  });

  it('takes a department by name only when the registry holds it: no free text reaches a case', async () => {
    const c = await filedCase();
    const byName = `mutation ($id: ID!, $v: Int!, $n: String) {
      dispatchCase(id: $id, version: $v, department: $n) { status department departmentId } }`;
    const free = await api.gql(byName, { id: c.id, v: c.version, n: '某某临时工作组' });
    expect(free.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'department' });
    expect((await api.db.dataSource.query(`SELECT version, department FROM "case" WHERE id = $1`, [c.id]))[0]).toEqual({
      version: c.version,
      department: null,
    });
    const escalate = await api.gql(
      `mutation ($id: ID!, $v: Int!, $n: String) { escalateCase(id: $id, version: $v, reason: "需部门", department: $n) { id } }`,
      { id: c.id, v: c.version, n: '某某临时工作组' },
    );
    expect(escalate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'department' });
    const [sfs] = await api.db.dataSource.query(`SELECT id FROM department WHERE code = 'SFS'`);
    const up = await api.gql<{ escalateCase: unknown }>(
      `mutation ($id: ID!, $v: Int!, $d: ID) {
        escalateCase(id: $id, version: $v, reason: "需司法所", departmentId: $d) { status escalatedTo department departmentId } }`,
      { id: c.id, v: c.version, d: sfs.id },
    );
    expect(up.data!.escalateCase).toEqual({ status: 'ESCALATED', escalatedTo: 'DEPARTMENT', department: '司法所', departmentId: sfs.id });
  });

  it('joins free-text department names to the registry when migrated', async () => {
    const c = await filedCase();
    const runner = api.db.dataSource.createQueryRunner();
    try {
      const migration = new Departments1765520000000();
      // What was built on the registry since (department staff, the departments'
      // policies) is taken off first and put back after, as a database of that time had none.
      const dependent: { policyname: string; tablename: string }[] = await runner.query(
        `SELECT policyname, tablename FROM pg_policies
          WHERE concat(qual, with_check) LIKE '%department_id%' OR concat(qual, with_check) LIKE '%sg_department%'`,
      );
      for (const p of dependent) await runner.query(`DROP POLICY ${p.policyname} ON "${p.tablename}"`);
      const staff = new DepartmentStaff1765600000000();
      await staff.down(runner);
      await migration.down(runner);
      await runner.query(`UPDATE "case" SET department = $2 WHERE id = $1`, [c.id, ' 街道卫生院 ']);
      await migration.up(runner);
      await staff.up(runner);
      await runner.query(`UPDATE rls_state SET hash = ''`);
      await syncPolicies(api.db.dataSource);
      const [row] = await runner.query(`SELECT d.code, d.name FROM "case" c JOIN department d ON d.id = c.department_id WHERE c.id = $1`, [
        c.id,
      ]);
      expect(row).toEqual({ code: 'D001', name: '街道卫生院' });
    } finally {
      await runner.release();
    }
  });
});
