import { startTestApi, type GraphQLResponse, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

/*
 * 议事协商 → 项目清单 → 回音壁 (issue #16), walked through GraphQL on a real PostGIS: complaints about EV charging in
 * compound W1 → a 圆桌会 convened from those cases, inviting the owners' committee head, the property company and two
 * registered party members → attendance and minutes → a resolution → a project with pledged money and labour →
 * milestones done → project completed → the echo wall shows it, with who contributed. Scope and validation on the way.
 */

const COMMUNITY_W = '330106001001';
const COMPOUND_W1 = '330106001001001';
const COMPOUND_W2 = '330106001001002';
const COMPOUND_E1 = '330106001002001';
const gridId = (code: string) => stableId(code);
const residentIn = (small: string, h: number, r: number) => stableId(`${small}/household/${h}/resident/${r}`);
const W11 = '3301060010010010001';
const W21 = '3301060010010020001';
const E11 = '3301060010020010001';

let api: TestApi;
let leader: string;
let otherLeader: string;
let head: string;
let neighbour: string;
let eastResident: string;
let members: string[];
let propertyCompany: string;
let cases: string[];

const CONSULTATION_FIELDS = `id version status topic kind place gridName caseIds published minutes openResolutions
  invitees { id kind name role attended } resolutions { id text carriedAs ownerName dueOn done projectId }`;
const PROJECT_FIELDS = `id version status title leadName summary consultationId resolutionId
  pledges { kind amount unit pledgerName pledgerKind } milestones { id title status dueOn }`;

function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}
function refused(res: GraphQLResponse, code: string, field?: string): void {
  expect(res.errors?.[0].extensions?.code).toBe(code);
  if (field) expect(res.errors?.[0].extensions?.field).toBe(field);
}
async function counts(): Promise<string> {
  const [row] = await api.db.dataSource.query(
    `SELECT (SELECT count(*) FROM consultation) || '/' || (SELECT count(*) FROM consultation_invitee) || '/' ||
            (SELECT count(*) FROM resolution) || '/' || (SELECT count(*) FROM project) || '/' || (SELECT count(*) FROM project_pledge)
            || '/' || (SELECT count(*) FROM project_milestone) || '/' || (SELECT coalesce(sum(version), 0) FROM consultation)
            || '/' || (SELECT coalesce(sum(version), 0) FROM project) AS f`,
  );
  return row.f;
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  leader = await api.userToken({ login: 'w1-leader', role: 'GRID_LEADER', gridCodes: [COMPOUND_W1] });
  otherLeader = await api.userToken({ login: 'w2-leader', role: 'GRID_LEADER', gridCodes: [COMPOUND_W2] });
  head = await api.userToken({ login: 'w1-committee-head', role: 'RESIDENT', residentId: residentIn(W11, 0, 0) });
  neighbour = await api.userToken({ login: 'w1-neighbour', role: 'RESIDENT', residentId: residentIn(W11, 1, 0) });
  eastResident = await api.userToken({ login: 'e1-resident', role: 'RESIDENT', residentId: residentIn(E11, 0, 0) });
  members = [];
  for (const [i, name] of ['在职党员甲', '在职党员乙'].entries()) {
    const res = await api.gql<{ registerForService: { id: string } }>(
      `mutation ($input: RegistrationInput!, $a: ActorInput) { registerForService(input: $input, actor: $a) { id } }`,
      {
        input: {
          kind: 'MEMBER',
          name,
          communityId: gridId(COMMUNITY_W),
          lng: 120.102 + i * 0.001,
          lat: 30.253,
          skills: ['REPAIR'],
          radiusM: 2000,
          weeklyCapacity: 3,
          availability: [{ weekday: 2, startMinute: 540, endMinute: 660 }],
        },
        a: { role: 'VOLUNTEER', name: 'x' },
      },
    );
    members.push(ok(res).registerForService.id);
  }
  // 五方: the compound's property company, in the registry of organisations (its owners' committee head is invited in person).
  const ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
  propertyCompany = ok(
    await api.gqlAs<{ createOrganization: { id: string } }>(leader, ORG, {
      input: { gridId: gridId(COMPOUND_W1), kind: 'PROPERTY_COMPANY', name: '绿城物业', published: true },
    }),
  ).createOrganization.id;
  // Residents of W1 complain, again and again, that the compound has nowhere to charge an electric car.
  cases = [];
  for (const [i, description] of ['小区没有电动汽车充电桩', '电动车只能飞线充电，很危险', '希望小区建充电桩'].entries()) {
    const res = await api.gqlAs<{ reportCase: { case: { id: string } } }>(
      i === 1 ? neighbour : head,
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`,
      { input: { category: 'PROPERTY', source: 'RESIDENT', lng: 120.102 + i * 0.0005, lat: 30.255, description, clientKey: `ev-${i}` } },
    );
    cases.push(ok(res).reportCase.case.id);
  }
}, 120_000);
afterAll(() => api?.close());

describe('consultations, projects and the echo wall (议事协商 · 项目清单 · 回音壁)', () => {
  let consultationId: string;
  let projectId: string;

  it('the compound leader convenes a 圆桌会 from the charging cases; bad input writes nothing', async () => {
    const input = {
      gridId: gridId(COMPOUND_W1),
      kind: 'ROUND_TABLE',
      topic: '小区电动汽车充电桩建设',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      address: '小区红色议事亭',
      caseIds: cases,
      invitees: [
        { kind: 'RESIDENT', residentId: residentIn(W11, 0, 0), role: '业委会主任' },
        { kind: 'ORGANIZATION', organizationId: propertyCompany, role: '物业公司' },
        { kind: 'PARTY_MEMBER', registrationId: members[0] },
        { kind: 'PARTY_MEMBER', registrationId: members[1] },
      ],
    };
    const CONVENE = `mutation ($input: ConveneConsultationInput!) { conveneConsultation(input: $input) { ${CONSULTATION_FIELDS} } }`;
    const before = await counts();
    refused(await api.gqlAs(leader, CONVENE, { input: { ...input, topic: ' \u200b ' } }), 'BAD_USER_INPUT', 'input.topic');
    refused(await api.gqlAs(leader, CONVENE, { input: { ...input, address: null } }), 'BAD_USER_INPUT', 'input.address');
    refused(await api.gqlAs(leader, CONVENE, { input: { ...input, invitees: [] } }), 'BAD_USER_INPUT', 'input.invitees');
    refused(
      await api.gqlAs(leader, CONVENE, { input: { ...input, invitees: [...input.invitees, input.invitees[2]] } }),
      'BAD_USER_INPUT',
      'input.invitees.4.registrationId',
    );
    // A resident of another community: outside the leader's grids.
    refused(
      await api.gqlAs(leader, CONVENE, { input: { ...input, invitees: [{ kind: 'RESIDENT', residentId: residentIn(E11, 0, 0) }] } }),
      'FORBIDDEN',
      'input.invitees.0.residentId',
    );
    refused(await api.gqlAs(leader, CONVENE, { input: { ...input, gridId: gridId(COMPOUND_E1) } }), 'FORBIDDEN', 'input.gridId');
    refused(await api.gqlAs(leader, CONVENE, { input: { ...input, gridId: gridId(W11) } }), 'BAD_USER_INPUT', 'input.gridId');
    refused(await api.gqlAs(otherLeader, CONVENE, { input: { ...input, gridId: gridId(COMPOUND_W2) } }), 'BAD_USER_INPUT', 'input.caseIds');
    refused(await api.gqlAs(head, CONVENE, { input }), 'FORBIDDEN');
    expect(await counts()).toBe(before);

    const made = ok(await api.gqlAs<{ conveneConsultation: Record<string, unknown> }>(leader, CONVENE, { input })).conveneConsultation;
    consultationId = made.id as string;
    expect(made).toMatchObject({ status: 'PLANNED', kind: 'ROUND_TABLE', place: '小区红色议事亭', published: true, openResolutions: 0 });
    expect((made.caseIds as string[]).sort()).toEqual([...cases].sort());
    const invited = made.invitees as { kind: string; name: string; role: string | null }[];
    expect(invited.map((i) => `${i.kind}:${i.role ?? i.name}`).sort()).toEqual(
      ['ORGANIZATION:物业公司', 'PARTY_MEMBER:在职党员乙', 'PARTY_MEMBER:在职党员甲', 'RESIDENT:业委会主任'].sort(),
    );
  });

  it('the invited see their invitation; the compound’s residents the published consultation; nobody else', async () => {
    const LIST = `{ consultations(invited: true) { id topic invitees { name role } } all: consultations { id } }`;
    const mine = ok(await api.gqlAs<{ consultations: { id: string; invitees: { role: string }[] }[] }>(head, LIST));
    expect(mine.consultations.map((c) => c.id)).toEqual([consultationId]);
    // Only their own invitation, never the list.
    expect(mine.consultations[0].invitees.map((i) => i.role)).toEqual(['业委会主任']);
    const near = ok(await api.gqlAs<{ consultations: unknown[]; all: { id: string }[] }>(neighbour, LIST));
    expect(near.consultations).toEqual([]);
    expect(near.all.map((c) => c.id)).toEqual([consultationId]);
    const far = ok(
      await api.gqlAs<{ consultations: unknown[]; all: unknown[]; one: unknown }>(
        eastResident,
        `query ($id: ID!) { consultations(invited: true) { id } all: consultations { id } one: consultation(id: $id) { id } }`,
        { id: consultationId },
      ),
    );
    expect(far).toEqual({ consultations: [], all: [], one: null });
    const other = ok(await api.gqlAs<{ all: unknown[] }>(otherLeader, `{ all: consultations { id } }`));
    expect(other.all).toEqual([]);
  });

  it('records attendance and minutes, then a resolution carried out as a project; only its keeper may', async () => {
    const c = ok(
      await api.gql<{ consultation: { version: number; invitees: { id: string; name: string }[] } }>(
        `query ($id: ID!) { consultation(id: $id) { version invitees { id name } } }`,
        { id: consultationId },
      ),
    ).consultation;
    const RECORD = `mutation ($id: ID!, $v: Int!, $input: RecordConsultationInput!) {
      recordConsultation(id: $id, version: $v, input: $input) { ${CONSULTATION_FIELDS} } }`;
    const RESOLVE = `mutation ($c: ID!, $input: ResolutionInput!) {
      addResolution(consultationId: $c, input: $input) { ${CONSULTATION_FIELDS} } }`;
    const resolution = {
      text: '由物业牵头在地面停车场建设 10 个充电桩，党员志愿者协助施工期间秩序维护',
      carriedAs: 'PROJECT',
      ownerName: '绿城物业',
      dueOn: '2027-03-31',
    };
    const attended = c.invitees.filter((i) => i.name !== '在职党员乙').map((i) => i.id);
    const before = await counts();
    refused(await api.gqlAs(leader, RESOLVE, { c: consultationId, input: resolution }), 'BAD_USER_INPUT', 'consultationId');
    refused(
      await api.gqlAs(leader, RECORD, { id: consultationId, v: c.version, input: { attended: [cases[0]], minutes: '讨论' } }),
      'BAD_USER_INPUT',
      'input.attended',
    );
    refused(
      await api.gqlAs(leader, RECORD, { id: consultationId, v: c.version, input: { attended, minutes: '' } }),
      'BAD_USER_INPUT',
      'input.minutes',
    );
    refused(await api.gqlAs(leader, RECORD, { id: consultationId, v: c.version + 1, input: { attended, minutes: '讨论' } }), 'CONFLICT');
    refused(await api.gqlAs(otherLeader, RECORD, { id: consultationId, v: c.version, input: { attended, minutes: '讨论' } }), 'NOT_FOUND');
    refused(await api.gqlAs(neighbour, RECORD, { id: consultationId, v: c.version, input: { attended, minutes: '讨论' } }), 'FORBIDDEN');
    expect(await counts()).toBe(before);

    const held = ok(
      await api.gqlAs<{ recordConsultation: { status: string; invitees: { name: string; attended: boolean }[] } }>(leader, RECORD, {
        id: consultationId,
        v: c.version,
        input: { attended, minutes: '业委会、物业、党员共同商议充电桩选址与费用分担。' },
      }),
    ).recordConsultation;
    expect(held.status).toBe('HELD');
    expect(held.invitees.filter((i) => !i.attended).map((i) => i.name)).toEqual(['在职党员乙']);

    refused(
      await api.gqlAs(leader, RESOLVE, { c: consultationId, input: { ...resolution, dueOn: '2027-02-30' } }),
      'BAD_USER_INPUT',
      'input.dueOn',
    );
    refused(
      await api.gqlAs(leader, RESOLVE, { c: consultationId, input: { ...resolution, caseId: cases[0] } }),
      'BAD_USER_INPUT',
      'input.caseId',
    );
    const resolved = ok(
      await api.gqlAs<{ addResolution: { resolutions: { done: boolean }[]; openResolutions: number } }>(leader, RESOLVE, {
        c: consultationId,
        input: resolution,
      }),
    ).addResolution;
    expect(resolved.resolutions).toHaveLength(1);
    expect(resolved.openResolutions).toBe(1);
  });

  it('makes the project, with pledged money and labour and milestones, completes it, and the echo wall shows it', async () => {
    const [{ id: resolutionId }] = await api.db.dataSource.query(`SELECT id FROM resolution WHERE consultation_id = $1`, [consultationId]);
    const CREATE = `mutation ($input: ProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
    const input = {
      gridId: gridId(COMPOUND_W1),
      title: '小区电动汽车充电桩',
      need: '居民反映小区无充电桩，飞线充电存在安全隐患',
      caseIds: cases,
      resolutionId,
      leadOrganizationId: propertyCompany,
    };
    const before = await counts();
    refused(await api.gqlAs(leader, CREATE, { input: { ...input, leadName: '' } }), 'BAD_USER_INPUT', 'input.leadName');
    refused(await api.gqlAs(leader, CREATE, { input: { ...input, leadOrganizationId: null } }), 'BAD_USER_INPUT', 'input.leadName');
    refused(await api.gqlAs(otherLeader, CREATE, { input: { ...input, gridId: gridId(COMPOUND_W2), caseIds: [] } }), 'FORBIDDEN');
    expect(await counts()).toBe(before);
    const project = ok(await api.gqlAs<{ createProject: { id: string; consultationId: string } }>(leader, CREATE, { input })).createProject;
    projectId = project.id;
    expect(project.consultationId).toBe(consultationId);
    refused(await api.gqlAs(leader, CREATE, { input }), 'BAD_USER_INPUT', 'input.resolutionId');

    const PLEDGE = `mutation ($p: ID!, $input: PledgeInput!) { pledgeToProject(projectId: $p, input: $input) { ${PROJECT_FIELDS} } }`;
    const money = {
      kind: 'MONEY',
      amount: 20000,
      unit: '元',
      pledgerKind: 'ORGANIZATION',
      organizationId: propertyCompany,
      description: '设备与安装',
    };
    const labour = {
      kind: 'PEOPLE',
      amount: 12,
      unit: '人天',
      pledgerKind: 'PARTY_MEMBER',
      pledgerName: '在职党员志愿者',
      registrationId: members[0],
    };
    const before2 = await counts();
    refused(await api.gqlAs(leader, PLEDGE, { p: projectId, input: { ...money, amount: -5 } }), 'BAD_USER_INPUT', 'input.amount');
    refused(await api.gqlAs(leader, PLEDGE, { p: projectId, input: { ...money, unit: ' ' } }), 'BAD_USER_INPUT', 'input.unit');
    refused(
      await api.gqlAs(leader, PLEDGE, { p: projectId, input: { ...money, organizationId: null } }),
      'BAD_USER_INPUT',
      'input.pledgerName',
    );
    refused(
      await api.gqlAs(leader, PLEDGE, { p: projectId, input: { ...money, organizationId: cases[0] } }),
      'FORBIDDEN',
      'input.organizationId',
    );
    refused(await api.gqlAs(otherLeader, PLEDGE, { p: projectId, input: money }), 'NOT_FOUND');
    expect(await counts()).toBe(before2);
    ok(await api.gqlAs(leader, PLEDGE, { p: projectId, input: money }));
    const pledged = ok(await api.gqlAs<{ pledgeToProject: { pledges: unknown[] } }>(leader, PLEDGE, { p: projectId, input: labour }));
    expect(pledged.pledgeToProject.pledges).toEqual([
      { kind: 'MONEY', amount: 20000, unit: '元', pledgerName: '绿城物业', pledgerKind: 'ORGANIZATION' },
      { kind: 'PEOPLE', amount: 12, unit: '人天', pledgerName: '在职党员志愿者', pledgerKind: 'PARTY_MEMBER' },
    ]);

    const MILESTONE = `mutation ($p: ID!, $input: MilestoneInput!) {
      addProjectMilestone(projectId: $p, input: $input) { ${PROJECT_FIELDS} } }`;
    refused(
      await api.gqlAs(leader, MILESTONE, { p: projectId, input: { title: '选址', dueOn: '2027-13-01' } }),
      'BAD_USER_INPUT',
      'input.dueOn',
    );
    ok(await api.gqlAs(leader, MILESTONE, { p: projectId, input: { title: '选址与电力增容', dueOn: '2027-01-15' } }));
    const withSteps = ok(
      await api.gqlAs<{ addProjectMilestone: { version: number; milestones: { id: string }[] } }>(leader, MILESTONE, {
        p: projectId,
        input: { title: '充电桩安装通电', dueOn: '2027-03-15' },
      }),
    ).addProjectMilestone;

    const COMPLETE = `mutation ($id: ID!, $v: Int!, $s: String!) {
      completeProject(id: $id, version: $v, summary: $s) { ${PROJECT_FIELDS} } }`;
    const summary = '建成 10 个充电桩并通电，飞线充电现象消除';
    const before3 = await counts();
    refused(await api.gqlAs(leader, COMPLETE, { id: projectId, v: withSteps.version, s: summary }), 'BAD_USER_INPUT', 'id');
    expect(await counts()).toBe(before3);
    const DONE = `mutation ($id: ID!, $photos: [String!]) {
      completeProjectMilestone(id: $id, photos: $photos) { version photos milestones { status } } }`;
    refused(await api.gqlAs(neighbour, DONE, { id: withSteps.milestones[0].id }), 'FORBIDDEN');
    const before4 = await counts();
    refused(await api.gqlAs(leader, DONE, { id: withSteps.milestones[0].id, photos: ['not base64 @@'] }), 'BAD_USER_INPUT', 'photos.0');
    expect(await counts()).toBe(before4);
    // A progress photo, kept like a case photo (by its content hash).
    const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('charging point photo')]).toString('base64');
    const first = ok(
      await api.gqlAs<{ completeProjectMilestone: { photos: string[] } }>(leader, DONE, { id: withSteps.milestones[0].id, photos: [JPEG] }),
    ).completeProjectMilestone;
    expect(first.photos).toHaveLength(1);
    const photo = (authorization: string | null) =>
      fetch(`${api.url}/project-photos/${first.photos[0]}`, { headers: authorization ? { authorization } : {} });
    const seen = await photo(leader);
    expect([seen.status, seen.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await photo(neighbour)).status).toBe(200);
    expect((await photo(eastResident)).status).toBe(404);
    expect((await photo(otherLeader)).status).toBe(404);
    expect((await photo(null)).status).toBe(401);
    const allDone = ok(
      await api.gqlAs<{ completeProjectMilestone: { version: number; milestones: { status: string }[] } }>(leader, DONE, {
        id: withSteps.milestones[1].id,
      }),
    ).completeProjectMilestone;
    expect(allDone.milestones.map((x) => x.status)).toEqual(['DONE', 'DONE']);
    refused(await api.gqlAs(leader, DONE, { id: withSteps.milestones[1].id }), 'BAD_USER_INPUT', 'id');
    refused(await api.gqlAs(leader, COMPLETE, { id: projectId, v: allDone.version, s: '' }), 'BAD_USER_INPUT', 'summary');
    const completed = ok(
      await api.gqlAs<{ completeProject: { status: string; summary: string } }>(leader, COMPLETE, {
        id: projectId,
        v: allDone.version,
        s: summary,
      }),
    ).completeProject;
    expect(completed).toMatchObject({ status: 'COMPLETED', summary });

    // The resolution is done: the consultation shows no open resolution.
    const c = ok(
      await api.gqlAs<{ consultation: { openResolutions: number; resolutions: { done: boolean; projectId: string }[] } }>(
        leader,
        `query ($id: ID!) { consultation(id: $id) { openResolutions resolutions { done projectId } } }`,
        { id: consultationId },
      ),
    ).consultation;
    expect(c).toEqual({ openResolutions: 0, resolutions: [{ done: true, projectId }] });

    // The echo wall, public: what was done and who contributed, without personal data.
    const wall = ok(
      await api.gqlAs<{
        echoWall: { kind: string; id: string; title: string; outcome: string; compound: string; contributors: string[] }[];
      }>(null, `{ echoWall(communityCode: "${COMMUNITY_W}") { kind id title outcome compound contributors } }`),
    ).echoWall;
    const item = wall.find((w) => w.kind === 'PROJECT');
    expect(item).toEqual({
      kind: 'PROJECT',
      id: projectId,
      title: '小区电动汽车充电桩',
      outcome: summary,
      compound: expect.any(String),
      contributors: ['绿城物业', '在职党员志愿者'],
    });
    const east = ok(await api.gqlAs<{ echoWall: { kind: string }[] }>(null, `{ echoWall(communityCode: "330106001002") { kind } }`));
    expect(east.echoWall.filter((w) => w.kind === 'PROJECT')).toEqual([]);
  });

  it('residents see the published projects of their compound and community; other compounds’ leaders and residents do not', async () => {
    const Q = `{ projects { id status } }`;
    expect(ok(await api.gqlAs<{ projects: { id: string }[] }>(neighbour, Q)).projects.map((p) => p.id)).toEqual([projectId]);
    expect(ok(await api.gqlAs<{ projects: unknown[] }>(eastResident, Q)).projects).toEqual([]);
    expect(ok(await api.gqlAs<{ projects: unknown[] }>(otherLeader, Q)).projects).toEqual([]);
    const w2Resident = await api.userToken({ login: 'w2-resident', role: 'RESIDENT', residentId: residentIn(W21, 0, 0) });
    expect(ok(await api.gqlAs<{ projects: unknown[] }>(w2Resident, Q)).projects).toEqual([]);
    // A raw unscoped read as a resident is narrowed by row-level security too (no query predicate involved).
    expect(
      ok(await api.gqlAs<{ projects: unknown[] }>(w2Resident, `{ projects(gridId: "${gridId(COMMUNITY_W)}") { id } }`)).projects,
    ).toEqual([]);
  });
});
