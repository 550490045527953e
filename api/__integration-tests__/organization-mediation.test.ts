import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
let secretary: string;
let compoundLeader: string;
let otherCompoundLeader: string;
let resident: string;
const COMMUNITY = '330106001001';
const COMPOUND = '330106001001001';
const OTHER_COMPOUND = '330106001001002';
const SMALL = '3301060010010010001';
const RESIDENT = stableId(`${SMALL}/household/1/resident/1`);
/** A point in SMALL (the fixture's first small grid of the first compound). */
const POINT = { lng: 120.102, lat: 30.255 };

interface CaseView {
  id: string;
  version: number;
  status: string;
  closedAt: string | null;
  timeline: { type: string; data: Record<string, unknown> | null; actorRole: string }[];
}
const CASE_FIELDS = `id version status closedAt timeline { type data actorRole }`;

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  secretary = await api.userToken({ login: 'med-secretary', role: 'GRID_LEADER', gridCodes: [COMMUNITY] });
  compoundLeader = await api.userToken({ login: 'med-compound', role: 'GRID_LEADER', gridCodes: [COMPOUND] });
  otherCompoundLeader = await api.userToken({ login: 'med-compound-2', role: 'GRID_LEADER', gridCodes: [OTHER_COMPOUND] });
  resident = await api.userToken({ login: 'med-resident', role: 'RESIDENT', residentId: RESIDENT });
}, 120_000);
afterAll(async () => {
  await api.close();
});

let keySeq = 0;
/** A case reported in SMALL and filed by the compound's leader. */
async function filedCase(category = 'DISPUTE'): Promise<CaseView> {
  const reported = await api.gql<{ reportCase: { case: CaseView } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { ${CASE_FIELDS} } } }`,
    { input: { clientKey: `med-${keySeq++}`, category, source: 'RESIDENT', ...POINT, description: '楼上漏水引发纠纷' } },
  );
  expect(reported.errors).toBeUndefined();
  const c = reported.data!.reportCase.case;
  const filed = await api.gqlAs<{ fileCase: CaseView }>(
    compoundLeader,
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { ${CASE_FIELDS} } }`,
    { id: c.id, v: c.version },
  );
  expect(filed.errors).toBeUndefined();
  return filed.data!.fileCase;
}
async function caseNow(id: string): Promise<CaseView> {
  const res = await api.gql<{ case: CaseView }>(`query ($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id });
  return res.data!.case;
}
const record = (who: string, input: Record<string, unknown>) =>
  api.gqlAs<{ recordMediation: { id: string; caseId: string | null; agreement: string | null; gridId: string; organizationId: string } }>(
    who,
    `mutation ($input: MediationInput!) { recordMediation(input: $input) { id caseId agreement gridId organizationId followUpOn } }`,
    { input },
  );
async function count(table: string): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('councils (一约四会) and mediation (矛盾调解)', () => {
  let council: string;

  it('a community names its council, adds members (a resident and a name), and a compound leader sees it once published', async () => {
    const made = await api.gqlAs<{ createOrganization: { id: string; name: string } }>(
      secretary,
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`,
      { input: { gridId: stableId(COMMUNITY), kind: 'COUNCIL', name: '邻里调解议事会', duties: '调解邻里纠纷', published: true } },
    );
    expect(made.errors).toBeUndefined();
    council = made.data!.createOrganization.id;
    const add = (who: string, input: Record<string, unknown>) =>
      api.gqlAs<{ addOrganizationMember: { id: string; name: string; role: string; residentId: string | null } }>(
        who,
        `mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { id name role residentId } }`,
        { input },
      );
    const byResident = await add(secretary, { organizationId: council, residentId: RESIDENT, role: '调解员' });
    expect(byResident.errors).toBeUndefined();
    expect(byResident.data!.addOrganizationMember).toMatchObject({ residentId: RESIDENT, role: '调解员' });
    expect(byResident.data!.addOrganizationMember.name.length).toBeGreaterThan(0);
    const byName = await add(secretary, { organizationId: council, name: '王律师', role: '法律顾问' });
    expect(byName.errors).toBeUndefined();
    const before = await count('organization_member');
    for (const [input, field] of [
      [{ organizationId: council, residentId: RESIDENT, role: '又一次' }, 'input.residentId'],
      [{ organizationId: council, role: '委员' }, 'input.name'],
      [{ organizationId: council, name: '某人', role: ' ' }, 'input.role'],
      [{ organizationId: 'x', name: '某人', role: '委员' }, 'input.organizationId'],
    ] as const) {
      const res = await add(secretary, input);
      expect({ field, ext: res.errors?.[0].extensions }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    // A compound's leader reads the published council but may not change it.
    const other = await add(compoundLeader, { organizationId: council, name: '某人', role: '委员' });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('organization_member')).toBe(before);
    const seen = await api.gqlAs<{ organization: { name: string; members: { role: string }[]; canEdit: boolean } }>(
      compoundLeader,
      `query ($id: ID!) { organization(id: $id) { name canEdit members { role } } }`,
      { id: council },
    );
    expect(seen.data!.organization).toEqual({
      name: '邻里调解议事会',
      canEdit: false,
      members: [{ role: '调解员' }, { role: '法律顾问' }],
    });
  });

  it('Done when: a mediation record is created from a DISPUTE case and the case closes with it', async () => {
    const c = await filedCase();
    expect(c.status).toBe('FILED');
    const made = await record(compoundLeader, {
      caseId: c.id,
      organizationId: council,
      parties: ['张三', '李四'],
      issue: '楼上漏水引发纠纷',
      agreement: '楼上住户负责维修并赔偿 500 元',
      mediatedOn: '2026-12-01',
      followUpOn: '2026-12-15',
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.recordMediation).toMatchObject({ caseId: c.id, organizationId: council, gridId: stableId(SMALL) });
    const after = await caseNow(c.id);
    expect(after.status).toBe('CLOSED');
    expect(after.closedAt).not.toBeNull();
    expect(after.version).toBe(c.version + 1);
    const last = after.timeline[after.timeline.length - 1];
    expect(last).toMatchObject({ type: 'CLOSED', actorRole: 'GRID_LEADER' });
    expect(last.data).toMatchObject({ mediationId: made.data!.recordMediation.id });
    // The record is listed with its case, to the leaders of its grid.
    const listed = await api.gqlAs<{ mediationRecords: { nodes: { id: string }[] } }>(
      secretary,
      `query ($c: ID!) { mediationRecords(caseId: $c) { nodes { id } } }`,
      { c: c.id },
    );
    expect(listed.data!.mediationRecords.nodes).toEqual([{ id: made.data!.recordMediation.id }]);
    // Residents see no mediation records.
    const asResident = await api.gqlAs<{ mediationRecords: { nodes: unknown[] } }>(resident, `{ mediationRecords { nodes { id } } }`);
    expect(asResident.data!.mediationRecords.nodes).toEqual([]);
  });

  it('without an agreement the case stays open; a stale case version writes neither the record nor the case', async () => {
    const c = await filedCase();
    const pending = await record(compoundLeader, { caseId: c.id, parties: ['甲', '乙'], issue: '停车位纠纷', mediatedOn: '2026-12-01' });
    expect(pending.errors).toBeUndefined();
    expect((await caseNow(c.id)).status).toBe('FILED');
    const before = await count('mediation_record');
    const stale = await record(compoundLeader, {
      caseId: c.id,
      caseVersion: c.version - 1,
      parties: ['甲', '乙'],
      issue: '停车位纠纷',
      agreement: '轮流使用',
      mediatedOn: '2026-12-02',
    });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await count('mediation_record')).toBe(before);
    expect((await caseNow(c.id)).status).toBe('FILED');
  });

  it('validates every field, refuses others’ grids, and writes nothing on bad input', async () => {
    const c = await filedCase();
    const env = await filedCase('ENVIRONMENT');
    const base = { caseId: c.id, parties: ['甲', '乙'], issue: '噪音', agreement: '安静', mediatedOn: '2026-12-01' };
    const before = [await count('mediation_record'), await count('case_event')];
    for (const [input, field] of [
      [{ ...base, caseId: 'nope' }, 'input.caseId'],
      [{ ...base, caseId: env.id }, 'input.caseId'],
      [{ ...base, caseId: null }, 'input.gridId'],
      [{ ...base, parties: ['甲'] }, 'input.parties'],
      [{ ...base, parties: ['甲', ' '] }, 'input.parties.1'],
      [{ ...base, issue: '' }, 'input.issue'],
      [{ ...base, agreement: 'x'.repeat(4001) }, 'input.agreement'],
      [{ ...base, mediatedOn: '2026-02-30' }, 'input.mediatedOn'],
      [{ ...base, followUpOn: '2026-11-30' }, 'input.followUpOn'],
      [{ ...base, caseId: null, gridId: stableId(COMPOUND), organizationId: stableId('no such org') }, 'input.organizationId'],
      [{ ...base, gridId: stableId(COMPOUND) }, 'input.gridId'],
    ] as const) {
      const res = await record(api.adminToken, input);
      expect({ field, ext: res.errors?.[0].extensions }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    const away = await record(otherCompoundLeader, base);
    expect(away.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.caseId' });
    const byResident = await record(resident, base);
    expect(byResident.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect([await count('mediation_record'), await count('case_event')]).toEqual(before);
    expect((await caseNow(c.id)).status).toBe('FILED');
  });

  it('records a resident’s public role with consent; only the leaders of their grids may', async () => {
    const set = (who: string, input: Record<string, unknown>) =>
      api.gqlAs<{ setPublicRole: { residentId: string; roles: string[]; consentAt: string | null } | null }>(
        who,
        `mutation ($input: PublicRoleInput!) { setPublicRole(input: $input) { residentId roles title consentAt } }`,
        { input },
      );
    const made = await set(compoundLeader, { residentId: RESIDENT, roles: ['DEPUTY', 'RESPECTED'], title: '区人大代表', consent: true });
    expect(made.errors).toBeUndefined();
    expect(made.data!.setPublicRole).toMatchObject({ residentId: RESIDENT, roles: ['DEPUTY', 'RESPECTED'] });
    expect(made.data!.setPublicRole!.consentAt).not.toBeNull();
    expect(
      (await set(otherCompoundLeader, { residentId: RESIDENT, roles: ['CAPABLE'], consent: true })).errors?.[0].extensions,
    ).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.residentId',
    });
    expect((await set(resident, { residentId: RESIDENT, roles: ['CAPABLE'], consent: true })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await set(compoundLeader, { residentId: RESIDENT, roles: ['DEPUTY'], title: 'x'.repeat(101), consent: true })).errors?.[0]
        .extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
    const listed = await api.gqlAs<{ publicRoles: { residentId: string; title: string }[] }>(
      secretary,
      `query ($c: ID!) { publicRoles(communityId: $c) { residentId title } }`,
      { c: stableId(COMMUNITY) },
    );
    expect(listed.data!.publicRoles).toEqual([{ residentId: RESIDENT, title: '区人大代表' }]);
    const withdrawn = await set(compoundLeader, { residentId: RESIDENT, roles: [], consent: false });
    expect(withdrawn.data!.setPublicRole).toBeNull();
    expect(await count('public_role')).toBe(0);
  });
});
