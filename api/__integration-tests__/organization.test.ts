import { startTestApi, type TestApi } from './harness';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';

// The periodic sweeps share the counted DataSource: off, so that no tick lands inside a counted window.
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
const OTHER_COMMUNITY = '330106001002';

const FIELDS = `id kind name duties published communityId gridId servedGridIds canEdit version archivedAt contacts { name phone }`;
interface Org {
  id: string;
  kind: string;
  name: string;
  duties: string;
  published: boolean;
  communityId: string;
  gridId: string;
  servedGridIds: string[];
  canEdit: boolean;
  version: number;
  archivedAt: string | null;
  contacts: { name: string; phone: string | null }[];
}

beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  secretary = await api.userToken({ login: 'org-secretary', role: 'GRID_LEADER', gridCodes: [COMMUNITY] });
  compoundLeader = await api.userToken({ login: 'org-compound', role: 'GRID_LEADER', gridCodes: [COMPOUND] });
  otherCompoundLeader = await api.userToken({ login: 'org-compound-2', role: 'GRID_LEADER', gridCodes: [OTHER_COMPOUND] });
  resident = await api.userToken({ login: 'org-resident', role: 'RESIDENT', residentId: stableId(`${SMALL}/household/1/resident/1`) });
}, 120_000);
afterAll(async () => {
  await api.close();
});

const create = (who: string, input: Record<string, unknown>) =>
  api.gqlAs<{ createOrganization: Org }>(
    who,
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${FIELDS} } }`,
    {
      input,
    },
  );
const list = (who: string, args: Record<string, unknown> = {}) =>
  api.gqlAs<{ organizations: { nodes: Org[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    who,
    `query ($c: ID, $g: ID, $k: OrganizationKind, $first: Int, $after: String) {
      organizations(communityId: $c, gridId: $g, kind: $k, first: $first, after: $after) {
        nodes { ${FIELDS} } totalCount pageInfo { hasNextPage endCursor }
      }
    }`,
    args,
  );
async function count(table: string): Promise<number> {
  const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('the organisation registry (五方联动)', () => {
  let property: Org;

  it('a compound’s leader registers its property company; the community secretary a co-building unit of the community', async () => {
    const made = await create(compoundLeader, {
      gridId: stableId(COMPOUND),
      kind: 'PROPERTY_COMPANY',
      name: ' 绿城物业 ',
      duties: '负责小区保洁、绿化、秩序维护',
      contacts: [{ name: '王经理', phone: '13800000001' }],
      published: true,
    });
    expect(made.errors).toBeUndefined();
    property = made.data!.createOrganization;
    expect(property).toMatchObject({
      kind: 'PROPERTY_COMPANY',
      name: '绿城物业',
      communityId: stableId(COMMUNITY),
      gridId: stableId(COMPOUND),
      servedGridIds: [stableId(COMPOUND)],
      canEdit: true,
      version: 1,
      contacts: [{ name: '王经理', phone: '13800000001' }],
    });
    const unit = await create(secretary, {
      gridId: stableId(COMMUNITY),
      kind: 'CO_BUILDING_UNIT',
      name: '区卫健局',
      contacts: [{ name: '李科长', phone: '0571-8888888' }],
      servedGridIds: [stableId(COMPOUND), stableId(OTHER_COMPOUND)],
    });
    expect(unit.errors).toBeUndefined();
    expect(unit.data!.createOrganization.servedGridIds.sort()).toEqual([stableId(COMPOUND), stableId(OTHER_COMPOUND)].sort());
    const committee = await create(otherCompoundLeader, { gridId: stableId(OTHER_COMPOUND), kind: 'OWNERS_COMMITTEE', name: '二期业委会' });
    expect(committee.errors).toBeUndefined();
  });

  it('scope: a compound leader sees and edits only their compound’s; residents the published ones; phones for editors', async () => {
    const mine = await list(compoundLeader, { c: stableId(COMMUNITY) });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.organizations.nodes.map((o) => o.name)).toEqual(['绿城物业']);
    const secretaryView = await list(secretary, { c: stableId(COMMUNITY) });
    expect(secretaryView.data!.organizations.nodes.map((o) => o.name).sort()).toEqual(['二期业委会', '区卫健局', '绿城物业'].sort());
    expect(secretaryView.data!.organizations.totalCount).toBe(3);
    const residentView = await list(resident);
    expect(residentView.errors).toBeUndefined();
    expect(residentView.data!.organizations.nodes).toEqual([
      expect.objectContaining({ name: '绿城物业', canEdit: false, contacts: [{ name: '王经理', phone: null }] }),
    ]);
    // The other compound's leader cannot change this compound's property company: it is out of their sight.
    const other = await api.gqlAs(
      otherCompoundLeader,
      `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`,
      { input: { id: property.id, version: 1, name: '改名' } },
    );
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A compound leader may not register an organisation of the whole community.
    const wide = await create(compoundLeader, { gridId: stableId(COMMUNITY), kind: 'SOCIAL_ORGANIZATION', name: 'x' });
    expect(wide.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A resident registers nothing.
    const byResident = await create(resident, { gridId: stableId(COMPOUND), kind: 'SOCIAL_ORGANIZATION', name: 'x' });
    expect(byResident.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another community is out of the secretary's reach.
    const away = await create(secretary, { gridId: stableId(OTHER_COMMUNITY), kind: 'SOCIAL_ORGANIZATION', name: 'x' });
    expect(away.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.gridId' });
  });

  it('validates every field and writes nothing on bad input', async () => {
    const before = [await count('organization'), await count('organization_grid')];
    const cases: [Record<string, unknown>, string][] = [
      [{ gridId: 'nope', kind: 'COUNCIL', name: 'x' }, 'input.gridId'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: '   ' }, 'input.name'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x'.repeat(101) }, 'input.name'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', duties: 'x'.repeat(4001) }, 'input.duties'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', contacts: [{ name: 'a', phone: 'call me' }] }, 'input.contacts.0.phone'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', contacts: [{ name: ' ' }] }, 'input.contacts.0.name'],
      [{ gridId: stableId(SMALL), kind: 'COUNCIL', name: 'x' }, 'input.gridId'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', servedGridIds: [stableId(OTHER_COMPOUND)] }, 'input.servedGridIds'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', servedGridIds: [] }, 'input.servedGridIds'],
      [{ gridId: stableId(COMPOUND), kind: 'COUNCIL', name: 'x', registrationId: stableId('x') }, 'input.registrationId'],
      [{ gridId: stableId(COMPOUND), kind: 'CO_BUILDING_UNIT', name: 'x', registrationId: stableId('none') }, 'input.registrationId'],
    ];
    for (const [input, field] of cases) {
      const res = await create(api.adminToken, input);
      expect({ field, extensions: res.errors?.[0].extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect([await count('organization'), await count('organization_grid')]).toEqual(before);
  });

  it('updates with the version read, pages by name, archives, and flags a compound without a property company', async () => {
    const stale = await api.gqlAs(
      compoundLeader,
      `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`,
      { input: { id: property.id, version: 7, name: '改名' } },
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const updated = await api.gqlAs<{ updateOrganization: Org }>(
      compoundLeader,
      `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { ${FIELDS} } }`,
      { input: { id: property.id, version: 1, duties: '保洁、绿化、秩序、维修', contacts: [{ name: '赵主管', phone: '13900000002' }] } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateOrganization).toMatchObject({ version: 2, duties: '保洁、绿化、秩序、维修', name: '绿城物业' });
    const page1 = await list(api.adminToken, { c: stableId(COMMUNITY), first: 2 });
    expect(page1.data!.organizations.pageInfo.hasNextPage).toBe(true);
    const page2 = await list(api.adminToken, { c: stableId(COMMUNITY), first: 2, after: page1.data!.organizations.pageInfo.endCursor });
    const names = [...page1.data!.organizations.nodes, ...page2.data!.organizations.nodes].map((o) => o.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    const byGrid = await list(api.adminToken, { g: stableId(OTHER_COMPOUND) });
    expect(byGrid.data!.organizations.nodes.map((o) => o.name).sort()).toEqual(['二期业委会', '区卫健局'].sort());

    const archived = await api.gqlAs<{ archiveOrganization: Org }>(
      compoundLeader,
      `mutation ($id: ID!, $v: Int!) { archiveOrganization(id: $id, version: $v) { archivedAt version } }`,
      { id: property.id, v: 2 },
    );
    expect(archived.errors).toBeUndefined();
    expect(archived.data!.archiveOrganization.archivedAt).not.toBeNull();
    expect((await list(resident)).data!.organizations.nodes).toEqual([]);

    const flag = await api.gqlAs(compoundLeader, `mutation ($g: ID!) { setNoPropertyCompany(gridId: $g, value: true) }`, {
      g: stableId(COMPOUND),
    });
    expect(flag.errors).toBeUndefined();
    const grid = await api.gqlAs<{ grid: { noPropertyCompany: boolean } }>(
      compoundLeader,
      `query ($g: ID!) { grid(id: $g) { noPropertyCompany } }`,
      {
        g: stableId(COMPOUND),
      },
    );
    expect(grid.data!.grid.noPropertyCompany).toBe(true);
    const notCompound = await api.gqlAs(secretary, `mutation ($g: ID!) { setNoPropertyCompany(gridId: $g, value: true) }`, {
      g: stableId(COMMUNITY),
    });
    expect(notCompound.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
  });

  it('reads a page of organisations with members and contacts in the same number of statements for 2 or 40 rows', async () => {
    for (let i = 0; i < 40; i++) {
      const made = await create(api.adminToken, { gridId: stableId(OTHER_COMMUNITY), kind: 'SOCIAL_ORGANIZATION', name: `志愿社 ${i}` });
      await api.gql(`mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`, {
        input: { organizationId: made.data!.createOrganization.id, name: '成员', role: '会员' },
      });
    }
    const statements = async (first: number) => {
      await api.gql('{ __typename }');
      api.db.counter.reset();
      const res = await api.gql<{ organizations: { nodes: { members: unknown[] }[] } }>(
        `query ($c: ID!, $first: Int) {
          organizations(communityId: $c, first: $first) { nodes { id contacts { name } members { name } } }
        }`,
        { c: stableId(OTHER_COMMUNITY), first },
      );
      expect(res.data!.organizations.nodes).toHaveLength(first);
      return api.db.counter.count;
    };
    const small = await statements(2);
    const large = await statements(40);
    expect(large).toBe(small);
  });
});
