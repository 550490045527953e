import { randomBytes } from 'node:crypto';
import { DEPARTMENT_SCOPES, type DepartmentScope } from '../src/platform/identity/viewer';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type GraphQLResponse, type TestApi } from './harness';

/*
 * The world both matrices (role-matrix.test.ts, mutation-matrix.test.ts) ask about: the
 * fixture street with rows of every kind in BOTH communities, the identities that ask,
 * and readable labels for every id, so a failing cell reads "leaderMedium got case:E11-reported",
 * not a uuid.
 *
 * The street (fixture-street.ts): communities W = 330106001001 (lng 120.10–120.11) and
 * E = 330106001002 (lng 120.11–120.12); each has compounds 1 (south) and 2 (north) of two
 * small grids (1 west, 2 east), one building per small grid, households 0 (ELDERLY_ALONE)
 * and 1, two residents each. Short names: W, W1, W11 (the first small grid of compound 1 of
 * W), b:W11 (its building), h:W11/0, r:W11/0/1.
 */

export const STREET_CODE = '330106001';
/** Short grid names and their codes. */
export const GRID_CODES: Record<string, string> = {};
for (const [c, cCode] of [
  ['W', '330106001001'],
  ['E', '330106001002'],
] as const) {
  GRID_CODES[c] = cCode;
  for (const m of [1, 2]) {
    GRID_CODES[`${c}${m}`] = `${cCode}00${m}`;
    for (const s of [1, 2]) GRID_CODES[`${c}${m}${s}`] = `${cCode}00${m}000${s}`;
  }
}
export const SMALL_GRIDS = ['W11', 'W12', 'W21', 'W22', 'E11', 'E12', 'E21', 'E22'] as const;
export type SmallGrid = (typeof SMALL_GRIDS)[number];
export const gridId = (name: string) => stableId(GRID_CODES[name]);
export const buildingId = (small: SmallGrid) => stableId(`${GRID_CODES[small]}/building`);
export const householdId = (small: SmallGrid, h: 0 | 1) => stableId(`${GRID_CODES[small]}/household/${h}`);
export const residentId = (small: SmallGrid, h: 0 | 1, r: 0 | 1) => stableId(`${GRID_CODES[small]}/household/${h}/resident/${r}`);
/** The small grids under a grid (itself, when small). */
export const smallsUnder = (name: string): SmallGrid[] => SMALL_GRIDS.filter((s) => s.startsWith(name));
/** A point inside a small grid, away from its building (west-south corner + a bit). */
export function pointIn(small: SmallGrid, dx = 0.002, dy = 0.005): { lng: number; lat: number } {
  const [c, m, s] = small;
  return { lng: 120.1 + (c === 'E' ? 0.01 : 0) + (s === '2' ? 0.005 : 0) + dx, lat: 30.25 + (m === '2' ? 0.01 : 0) + dy };
}
/** The building's centroid (fixture-street.ts: the middle of the grid's width, 3/8 up its height). */
export const buildingPoint = (small: SmallGrid) => pointIn(small, 0.0025, 0.00375);

/**
 * Signed-in people, by role (the leaders lead the west community, its compound 1, and that compound's first small grid;
 * `deptStaff` works for the 司法所 department, STAFF_DEPARTMENT).
 */
export const USERS = ['resident', 'volunteer', 'leaderLarge', 'leaderMedium', 'leaderSmall', 'operator', 'deptStaff', 'admin'] as const;
/** The department (registry code) the `deptStaff` account works for; some east cases are dispatched to it, others to OTHER_DEPARTMENT. */
export const STAFF_DEPARTMENT = 'SFS';
export const OTHER_DEPARTMENT = 'CGZD';
/** One department key per scope holding only that scope, and one holding all. */
export const DEPARTMENTS = [...DEPARTMENT_SCOPES.map((s) => `dept:${s}` as const), 'dept:all' as const];
export type User = (typeof USERS)[number];
export type Department = (typeof DEPARTMENTS)[number];
export type Who = 'anonymous' | User | Department;
export const EVERYONE: Who[] = ['anonymous', ...USERS, ...DEPARTMENTS];
export const deptScopes = (d: Department): DepartmentScope[] =>
  d === 'dept:all' ? [...DEPARTMENT_SCOPES] : [d.slice(5) as DepartmentScope];
export const isDepartment = (who: Who): who is Department => who.startsWith('dept:');

/** Where the resident and the volunteer live; the leaders' grids. */
export const HOME = { resident: { small: 'W11', household: 0 }, volunteer: { small: 'W21', household: 1 } } as const;
export const LEADS = { leaderLarge: 'W', leaderMedium: 'W1', leaderSmall: 'W11' } as const;

/** The Monday of the matching week and the evaluation month the seed uses. */
export const PERIOD = '2026-11-23';
export const EVALUATION_MONTH = '2026-11';

const JPEG = (tag: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`matrix photo ${tag}`)]).toString('base64');
const window = (weekday: number) => ({ weekday, startMinute: 540, endMinute: 660 });

/** A case the seed made: where, its status and who reported it (the rules of who sees a case need no more). */
export interface SeededCase {
  label: string;
  id: string;
  small: SmallGrid;
  status: string;
  /** An identity, or 'resident-east' (the east cases' reporter, not asked about). */
  reporter: string;
  category: string;
  clientKey: string;
  photo: string | null;
  /** 事件编号, YYYYMMDD-NNNN. */
  number: string;
  /** The department (registry code) it was dispatched to, if any. */
  department: string | null;
}

export interface Matrix {
  api: TestApi;
  /** The Authorization header of each identity (null: anonymous). */
  auth: Record<Who, string | null>;
  /** The key (without "ApiKey ") of each department, for Open311's api_key. */
  keys: Record<Department, string>;
  /** Every seeded id by label, and back. */
  ids: Record<string, string>;
  label(id: string): string;
  /** Labels a row made after the seed. */
  name(label: string, id: string): string;
  cases: SeededCase[];
  /** The progress photo (content hash) of each seeded project, by the project's label. */
  projectPhotos: Record<string, string>;
  /** As the admin; fails the test on any error. */
  admin<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * Starts the API on the fixture street and seeds, through GraphQL as the admin (or as the
 * resident and the volunteer where the step is theirs), every kind of row the queries read,
 * in both communities.
 */
export async function startMatrix(): Promise<Matrix> {
  // The base map (not sensitive): a main road through both communities and a pond in the east one.
  const api = await startTestApi({
    ...fixtureStreet(),
    basemap: [
      {
        code: 'BM-ROAD',
        kind: 'MAIN',
        name: '中山路',
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [120.1, 30.26],
              [120.12, 30.26],
            ],
          ],
        },
      },
      {
        code: 'BM-POND',
        kind: 'WATER',
        name: '月塘',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [120.113, 30.262],
                [120.114, 30.262],
                [120.114, 30.263],
                [120.113, 30.262],
              ],
            ],
          ],
        },
      },
    ],
  });
  try {
    return await seed(api);
  } catch (error) {
    await api.close();
    throw error;
  }
}

async function seed(api: TestApi): Promise<Matrix> {
  const ids: Record<string, string> = {};
  const labels = new Map<string, string>();
  const name = (label: string, id: string) => {
    ids[label] = id;
    labels.set(id, label);
    return id;
  };
  for (const g of Object.keys(GRID_CODES)) name(`grid:${g}`, gridId(g));
  name('street', stableId(STREET_CODE));
  name('party:street', stableId(`${STREET_CODE}/party`));
  for (const g of Object.keys(GRID_CODES)) name(`party:${g}`, stableId(`${GRID_CODES[g]}/party`));
  for (const s of SMALL_GRIDS) {
    name(`b:${s}`, buildingId(s));
    for (const h of [0, 1] as const) {
      name(`h:${s}/${h}`, householdId(s, h));
      for (const r of [0, 1] as const) name(`r:${s}/${h}/${r}`, residentId(s, h, r));
    }
  }

  const auth = { anonymous: null, admin: api.adminToken } as Record<Who, string | null>;
  const extra: Record<string, string> = {};
  const as = async <T>(who: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const res: GraphQLResponse<T> = await api.gqlAs<T>(
      who === 'admin' ? api.adminToken : (auth[who as Who] ?? extra[who]),
      query,
      variables,
    );
    if (res.errors) throw new Error(`seed step as ${who} failed: ${JSON.stringify(res.errors)}\n${query}`);
    return res.data!;
  };
  const admin = <T>(query: string, variables?: Record<string, unknown>) => as<T>('admin', query, variables);

  auth.operator = await api.userToken({ login: 'm-operator', role: 'OPERATOR' });
  for (const [who, grid] of Object.entries(LEADS))
    auth[who as Who] = await api.userToken({
      login: `m-${who.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      role: 'GRID_LEADER',
      gridCodes: [GRID_CODES[grid]],
    });
  for (const who of ['resident', 'volunteer'] as const) {
    const home = HOME[who];
    auth[who] = await api.userToken({
      login: `m-${who}`,
      role: who === 'resident' ? 'RESIDENT' : 'VOLUNTEER',
      residentId: residentId(home.small, home.household, 0),
    });
  }
  auth.deptStaff = await api.userToken({ login: 'm-dept-staff', role: 'DEPARTMENT_STAFF', departmentCode: STAFF_DEPARTMENT });
  // Reports the east cases: a resident of the east community (not one of the identities asked about).
  extra['resident-east'] = await api.userToken({ login: 'm-resident-east', role: 'RESIDENT', residentId: residentId('E11', 0, 0) });
  const keys = {} as Record<Department, string>;
  for (const d of DEPARTMENTS) {
    const created = await admin<{ createApiKey: { key: string; info: { id: string } } }>(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key info { id } } }`,
      { input: { name: d, department: d, scopes: deptScopes(d), ratePerMinute: 100000 } },
    );
    keys[d] = created.createApiKey.key;
    auth[d] = `ApiKey ${keys[d]}`;
    name(`key:${d}`, created.createApiKey.info.id);
  }

  // Cases: the resident's two in W11 (one with a photo, one closed), the admin's in W22, and
  // in the east one at every step of the loop (for the mutation matrix), one reported by the volunteer.
  const cases: SeededCase[] = [];
  const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version number } } }`;
  const departments: { id: string; code: string }[] = await api.db.dataSource.query(`SELECT id, code FROM department`);
  const departmentId = (code: string) => departments.find((d) => d.code === code)!.id;
  const step = async (c: SeededCase, mutation: string, args = '', variables: Record<string, unknown> = {}, declarations = '') => {
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM "case" WHERE id = $1`, [c.id]);
    await admin(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput${declarations}) { ${mutation}(id: $id, version: $v, actor: $a${args}) { id } }`,
      { id: c.id, v: version, ...variables },
    );
  };
  const LOOP: [string, string, string, Record<string, unknown>?][] = [
    ['FILED', 'fileCase', ''],
    ['DISPATCHED', 'dispatchCase', ''],
    ['IN_PROGRESS', 'startCase', '', { a: { role: 'DEPARTMENT', name: 'x' } }],
    ['HANDLED', 'handleCase', ', feedback: "已处理"', { a: { role: 'DEPARTMENT', name: 'x' } }],
    ['CLOSED', 'closeCase', ''],
  ];
  const report = async (
    label: string,
    reporter: 'resident' | 'volunteer' | 'resident-east' | 'admin',
    small: SmallGrid,
    status: string,
    opts: { category?: string; photo?: boolean; dx?: number; department?: string } = {},
  ) => {
    const clientKey = `matrix-${label}-${randomBytes(4).toString('hex')}`;
    const photo = opts.photo ? JPEG(label) : null;
    const data = await as<{ reportCase: { case: { id: string; number: string } } }>(reporter, REPORT, {
      input: {
        clientKey,
        category: opts.category ?? 'ENVIRONMENT',
        source: 'RESIDENT',
        ...pointIn(small, opts.dx ?? 0.002),
        description: `${label} 的问题`,
        photos: photo ? [photo] : null,
      },
    });
    const c: SeededCase = {
      label,
      id: name(label, data.reportCase.case.id),
      small,
      status: 'REPORTED',
      reporter,
      category: opts.category ?? 'ENVIRONMENT',
      clientKey,
      photo: null,
      number: data.reportCase.case.number,
      department: opts.department ?? null,
    };
    for (const [to, mutation, args, variables] of LOOP) {
      if (c.status === status) break;
      if (to === 'DISPATCHED' && opts.department)
        await step(c, mutation, ', departmentId: $d', { d: departmentId(opts.department) }, ', $d: ID!');
      else await step(c, mutation, args, variables);
      c.status = to;
    }
    const [{ photos }] = await api.db.dataSource.query(`SELECT photos FROM "case" WHERE id = $1`, [c.id]);
    c.photo = photos[0] ?? null;
    cases.push(c);
    return c;
  };
  await report('case:W11-reported', 'resident', 'W11', 'REPORTED', { photo: true });
  await report('case:W11-closed', 'resident', 'W11', 'CLOSED', { category: 'PUBLIC_FACILITY', dx: 0.003 });
  await report('case:W22-filed', 'admin', 'W22', 'FILED');
  await report('case:E11-reported', 'resident-east', 'E11', 'REPORTED', { photo: true });
  await report('case:E11-filed', 'resident-east', 'E11', 'FILED', { category: 'DISPUTE' });
  // Dispatched to a department: two to another than the staff's (what they may not touch), two to theirs.
  await report('case:E12-dispatched', 'resident-east', 'E12', 'DISPATCHED', { department: OTHER_DEPARTMENT });
  await report('case:E12-in-progress', 'resident-east', 'E12', 'IN_PROGRESS', { category: 'DISPUTE', department: OTHER_DEPARTMENT });
  const asked = await report('case:E21-extension-asked', 'resident-east', 'E21', 'IN_PROGRESS', { department: STAFF_DEPARTMENT });
  await step(
    asked,
    'requestCaseExtension',
    ', reason: "材料未到", until: $until',
    { a: { role: 'GRID_LEADER', name: 'x' }, until: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    ', $until: DateTime!',
  );
  await report('case:E21-handled', 'resident-east', 'E21', 'HANDLED', { category: 'DISPUTE', department: STAFF_DEPARTMENT });
  await report('case:E22-closed', 'resident-east', 'E22', 'CLOSED');
  await report('case:E22-volunteer', 'volunteer', 'E22', 'REPORTED', { category: 'PROPERTY' });

  // Registrations (双报到): the volunteer's own (from home), another west helper, and two east ones.
  const REGISTER = `mutation ($input: RegistrationInput!, $a: ActorInput) { registerForService(input: $input, actor: $a) { id } }`;
  const register = async (label: string, who: 'admin' | 'volunteer', input: Record<string, unknown>) => {
    const data = await as<{ registerForService: { id: string } }>(who, REGISTER, {
      input: { kind: 'MEMBER', radiusM: 3000, weeklyCapacity: 5, availability: [window(2), window(3), window(4)], ...input },
      a: who === 'admin' ? { role: 'VOLUNTEER', name: 'x' } : null,
    });
    return name(label, data.registerForService.id);
  };
  await register('reg:volunteer', 'volunteer', { kind: 'VOLUNTEER', name: '志愿者本人', skills: ['REPAIR'] });
  await register('reg:W-member', 'admin', { name: '西社区党员', communityId: gridId('W'), ...buildingPoint('W12'), skills: ['MEDICAL'] });
  // East helpers care for the elderly, the west's repair: no run crosses the communities.
  await register('reg:E-member', 'admin', {
    name: '东社区党员',
    communityId: gridId('E'),
    ...buildingPoint('E11'),
    skills: ['ELDERLY_CARE'],
  });
  await register('reg:E-member-2', 'admin', {
    name: '东社区党员二',
    communityId: gridId('E'),
    ...buildingPoint('E12'),
    skills: ['ELDERLY_CARE'],
  });

  // Needs: the resident's own (to be confirmed to the volunteer), one in W22, and in the east
  // three for the matcher (Tue, Wed, Thu) and one nobody can take.
  const RAISE = `mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`;
  const raise = async (label: string, who: 'admin' | 'resident', household: string, type: string, weekday: number) => {
    const data = await as<{ raiseNeed: { id: string } }>(who, RAISE, {
      input: {
        householdId: household,
        type,
        source: who === 'admin' ? 'GRID_LEADER' : 'RESIDENT',
        window: window(weekday),
        notes: `${label} 备注`,
      },
      a: who === 'admin' ? { role: 'GRID_LEADER', name: 'x' } : null,
    });
    return name(label, data.raiseNeed.id);
  };
  await raise('need:W11-resident', 'resident', householdId('W11', 0), 'REPAIR', 2);
  await raise('need:W22', 'admin', householdId('W22', 1), 'LEGAL', 2);
  await raise('need:E11-proposed', 'admin', householdId('E11', 1), 'ELDERLY_CARE', 2);
  await raise('need:E12-confirmed', 'admin', householdId('E12', 1), 'ELDERLY_CARE', 3);
  await raise('need:E21-accepted', 'admin', householdId('E21', 1), 'ELDERLY_CARE', 4);
  await raise('need:E22-open', 'admin', householdId('E22', 1), 'LEGAL', 2);

  // Matches: one run per community; the volunteer's is confirmed; in the east one stays
  // proposed, one is confirmed, one accepted.
  const PROPOSE = `mutation ($g: ID!) { proposeMatches(gridId: $g, period: "${PERIOD}") { proposals { id needId registrationId } } }`;
  const matchOf = async (community: string) =>
    (await admin<{ proposeMatches: { proposals: { id: string; needId: string }[] } }>(PROPOSE, { g: gridId(community) })).proposeMatches
      .proposals;
  const matchStep = async (id: string, mutation: string, extra = '', variables: Record<string, unknown> = {}) => {
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM service_match WHERE id = $1`, [id]);
    await admin(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput${extra.includes('$r') ? ', $r: ID!' : ''}) {
        ${mutation}(id: $id, version: $v, actor: $a${extra}) { id }
      }`,
      { id, v: version, ...variables },
    );
  };
  const west = await matchOf('W');
  const own = west.find((p) => p.needId === ids['need:W11-resident']);
  if (!own || west.length !== 1)
    throw new Error(`the west run should propose the resident's need to the volunteer: ${JSON.stringify(west)}`);
  name('match:W11-volunteer', own.id);
  await matchStep(own.id, 'confirmMatch');
  const east = await matchOf('E');
  const byNeed = (label: string) => east.find((p) => p.needId === ids[label])?.id ?? '';
  name('match:E11-proposed', byNeed('need:E11-proposed'));
  name('match:E12-confirmed', byNeed('need:E12-confirmed'));
  name('match:E21-accepted', byNeed('need:E21-accepted'));
  if (east.length !== 3 || !ids['match:E11-proposed'] || !ids['match:E12-confirmed'] || !ids['match:E21-accepted'])
    throw new Error(`the east run should propose its three needs: ${JSON.stringify(east)}`);
  await matchStep(ids['match:E12-confirmed'], 'confirmMatch');
  await matchStep(ids['match:E21-accepted'], 'confirmMatch');
  const [{ registration_id: helper }] = await api.db.dataSource.query(`SELECT registration_id FROM service_match WHERE id = $1`, [
    ids['match:E21-accepted'],
  ]);
  await matchStep(ids['match:E21-accepted'], 'acceptMatch', ', registrationId: $r', { r: helper, a: { role: 'VOLUNTEER', name: 'x' } });

  // Micro-wishes: in the west the resident's published one, a submitted one, one the volunteer
  // holds a claim on; in the east one at each stage.
  const POST = `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { id version } }`;
  const wishStep = async (
    id: string,
    mutation: string,
    extra: string,
    variables: Record<string, unknown>,
    who: 'admin' | 'volunteer' = 'admin',
  ) => {
    const [{ version }] = await api.db.dataSource.query(`SELECT version FROM micro_wish WHERE id = $1`, [id]);
    await as(
      who,
      `mutation ($id: ID!, $v: Int!, $a: ActorInput${extra.includes('$r') ? ', $r: ID!' : ''}) {
        ${mutation}(id: $id, version: $v, actor: $a${extra}) { id }
      }`,
      { id, v: version, ...variables },
    );
  };
  const wish = async (
    label: string,
    household: string,
    stage: 'SUBMITTED' | 'PUBLISHED' | 'CLAIMED' | 'FULFILLED',
    claimant?: { who: 'admin' | 'volunteer'; registration: string },
  ) => {
    const poster = label === 'wish:W11-published' ? 'resident' : 'admin';
    const data = await as<{ postWish: { id: string } }>(poster, POST, {
      input: { householdId: household, title: `${label} 心愿`, description: '想要一台收音机', posterName: '王奶奶' },
      a: poster === 'admin' ? { role: 'REPORTER', name: 'x' } : null,
    });
    const id = name(label, data.postWish.id);
    if (stage === 'SUBMITTED') return;
    await wishStep(id, 'reviewWish', ', publish: true', { a: { role: 'GRID_LEADER', name: 'x' } });
    if (stage === 'PUBLISHED' || !claimant) return;
    await as(claimant.who, `mutation ($id: ID!, $r: ID!, $a: ActorInput) { claimWish(id: $id, registrationId: $r, actor: $a) { id } }`, {
      id,
      r: claimant.registration,
      a: claimant.who === 'admin' ? { role: 'VOLUNTEER', name: 'x' } : null,
    });
    if (stage === 'CLAIMED') return;
    await wishStep(id, 'fulfilWish', ', registrationId: $r, note: "送去了"', {
      r: claimant.registration,
      a: { role: 'VOLUNTEER', name: 'x' },
    });
  };
  await wish('wish:W11-published', householdId('W11', 0), 'PUBLISHED');
  await wish('wish:W12-submitted', householdId('W12', 1), 'SUBMITTED');
  await wish('wish:W22-claimed', householdId('W22', 0), 'CLAIMED', { who: 'volunteer', registration: ids['reg:volunteer'] });
  await wish('wish:E11-submitted', householdId('E11', 1), 'SUBMITTED');
  await wish('wish:E12-published', householdId('E12', 0), 'PUBLISHED');
  await wish('wish:E21-claimed', householdId('E21', 0), 'CLAIMED', { who: 'admin', registration: ids['reg:E-member'] });
  await wish('wish:E22-fulfilled', householdId('E22', 0), 'FULFILLED', { who: 'admin', registration: ids['reg:E-member'] });

  // Household visits: the resident's household, and one in the east (both recent, so neither is overdue).
  const VISIT = `mutation ($input: VisitInput!) { recordVisit(input: $input, actor: { role: GRID_LEADER, name: "x" }) { id } }`;
  const visitedAt = new Date(Date.now() - 86_400_000).toISOString();
  for (const [label, household] of [
    ['visit:W11', householdId('W11', 0)],
    ['visit:E11', householdId('E11', 0)],
  ]) {
    const data = await admin<{ recordVisit: { id: string } }>(VISIT, {
      input: { householdId: household, visitedAt, findings: `${label}: 老人腿脚不便，需要送餐` },
    });
    name(label, data.recordVisit.id);
  }

  // Teams, members, activities (a month ahead) and sign-ups in both communities.
  const LEADER_ACTOR = { role: 'GRID_LEADER', name: 'x' };
  for (const [c, member] of [
    ['W', 'reg:volunteer'],
    ['E', 'reg:E-member'],
  ] as const) {
    const team = await admin<{ createVolunteerTeam: { id: string } }>(
      `mutation ($c: ID!, $a: ActorInput) { createVolunteerTeam(communityId: $c, name: "${c}修理队", kind: "REPAIR", actor: $a) { id } }`,
      {
        c: gridId(c),
        a: LEADER_ACTOR,
      },
    );
    const teamId = name(`team:${c}`, team.createVolunteerTeam.id);
    await admin(`mutation ($t: ID!, $r: ID!, $a: ActorInput) { addTeamMember(teamId: $t, registrationId: $r, actor: $a) { id } }`, {
      t: teamId,
      r: ids[member],
      a: LEADER_ACTOR,
    });
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const activity = await admin<{ createTeamActivity: { id: string } }>(
      `mutation ($input: ActivityInput!, $a: ActorInput) { createTeamActivity(input: $input, actor: $a) { id } }`,
      {
        input: {
          teamId,
          title: `${c}义修`,
          place: '社区广场',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
          capacity: 10,
        },
        a: LEADER_ACTOR,
      },
    );
    const activityId = name(`activity:${c}`, activity.createTeamActivity.id);
    const SIGN_UP = `mutation ($x: ID!, $r: ID!, $a: ActorInput) {
      signUpForActivity(activityId: $x, registrationId: $r, actor: $a) { activityId }
    }`;
    if (c === 'W') await as('volunteer', SIGN_UP, { x: activityId, r: ids[member] });
    else await admin(SIGN_UP, { x: activityId, r: ids[member], a: { role: 'VOLUNTEER', name: 'x' } });
  }

  // 双评议: the community rates the volunteer and the east member for the month.
  for (const r of ['reg:volunteer', 'reg:E-member']) {
    await admin(
      `mutation ($r: ID!) {
        evaluateService(
          registrationId: $r, period: "${EVALUATION_MONTH}", evaluator: COMMUNITY, rating: 5, actor: { role: GRID_LEADER, name: "x" }
        ) { registrationId }
      }`,
      { r: ids[r] },
    );
  }

  // 双报告: a work unit in each community (a UNIT registration, not active: never matched), the W and E members' units.
  for (const [c, member] of [
    ['W', 'reg:W-member'],
    ['E', 'reg:E-member'],
  ] as const) {
    const [{ id }] = await api.db.dataSource.query(
      `INSERT INTO service_registration (kind, name, unit_name, community_id, location, skills, radius_m, weekly_capacity, active)
       SELECT 'UNIT', $2, $2, $1, location, '{}', 1000, 0, false FROM service_registration WHERE id = $3 RETURNING id`,
      [gridId(c), `${c}区税务局`, ids[member]],
    );
    name(`reg:${c}-unit`, id);
    await api.db.dataSource.query(`UPDATE service_registration SET unit_id = $1 WHERE id = $2`, [id, ids[member]]);
  }

  // 党群服务阵地: a party service post in each community's first compound (public to everyone).
  for (const c of ['W', 'E'] as const) {
    const made = await admin<{ createPartyServicePost: { id: string } }>(
      `mutation ($input: PartyServicePostInput!) { createPartyServicePost(input: $input) { id } }`,
      {
        input: { gridId: gridId(`${c}1`), name: `${c}议事亭`, kind: 'DISCUSSION_PAVILION', ...pointIn(`${c}11`), hours: '每天 9:00–17:00' },
      },
    );
    name(`post:${c}1`, made.createPartyServicePost.id);
  }

  // 宣传 (publicity): in each community a published public notice pinned in compound 1, the covenant, a published deed (with
  // consent) and a published activity of compound 1; in the west a draft community notice; the resident signs up in the west.
  for (const c of ['W', 'E'] as const) {
    const notice = await admin<{ createNotice: { id: string } }>(`mutation ($input: NoticeInput!) { createNotice(input: $input) { id } }`, {
      input: {
        gridId: gridId(`${c}1`),
        title: `${c}停水通知`,
        body: '周六停水',
        status: 'PUBLISHED',
        isPublic: true,
        ...pointIn(`${c}11`),
      },
    });
    name(`notice:${c}1`, notice.createNotice.id);
    const covenant = await admin<{ reviseCovenant: { id: string } }>(
      `mutation ($c: ID!) { reviseCovenant(communityId: $c, baseVersion: 0, title: "居民公约", body: "一、爱护环境") { id } }`,
      { c: gridId(c) },
    );
    name(`covenant:${c}`, covenant.reviseCovenant.id);
    const deed = await admin<{ createExemplaryDeed: { id: string } }>(
      `mutation ($input: DeedInput!) { createExemplaryDeed(input: $input) { id } }`,
      {
        input: {
          gridId: gridId(`${c}1`),
          personName: `${c}网格员`,
          personKind: 'GRID_WORKER',
          title: '雨夜巡查',
          story: '暴雨中排查隐患',
          consentGiven: true,
          status: 'PUBLISHED',
        },
      },
    );
    name(`deed:${c}1`, deed.createExemplaryDeed.id);
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const cact = await admin<{ createCommunityActivity: { id: string } }>(
      `mutation ($input: CommunityActivityInput!) { createCommunityActivity(input: $input) { id } }`,
      {
        input: {
          gridId: gridId(`${c}1`),
          kind: 'FREE_CLINIC',
          title: `${c}义诊`,
          place: '小区广场',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
          capacity: 30,
          status: 'PUBLISHED',
        },
      },
    );
    name(`cact:${c}1`, cact.createCommunityActivity.id);
  }
  const draftNotice = await admin<{ createNotice: { id: string } }>(
    `mutation ($input: NoticeInput!) { createNotice(input: $input) { id } }`,
    { input: { gridId: gridId('W'), title: '草稿', body: '未发布' } },
  );
  name('notice:W-draft', draftNotice.createNotice.id);
  await as('resident', `mutation ($x: ID!) { signUpForCommunityActivity(activityId: $x) { activityId } }`, { x: ids['cact:W1'] });

  // 议事协商 and 项目清单: in each community's first compound a published consultation at its service post (held, with a
  // TASK resolution; the resident of <c>11/1/0 and the community's party member invited) and a project in progress
  // (a pledge, a pending milestone); in the west also an unpublished community consultation the resident is invited to.
  const CONVENE = `mutation ($input: ConveneConsultationInput!) { conveneConsultation(input: $input) { id version } }`;
  const extraPhotos: Record<string, string> = {};
  for (const c of ['W', 'E'] as const) {
    const convened = await admin<{ conveneConsultation: { id: string; version: number } }>(CONVENE, {
      input: {
        gridId: gridId(`${c}1`),
        kind: 'BENCH',
        topic: `${c}1 停车难`,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        servicePostId: ids[`post:${c}1`],
        invitees: [
          { kind: 'RESIDENT', residentId: residentId(`${c}11`, 1, 0) },
          { kind: 'PARTY_MEMBER', registrationId: ids[`reg:${c}-member`] },
        ],
      },
    });
    const consultation = name(`consult:${c}1`, convened.conveneConsultation.id);
    await admin(
      `mutation ($id: ID!, $v: Int!) { recordConsultation(id: $id, version: $v, input: { attended: [], minutes: "议定划线停车" }) { id } }`,
      { id: consultation, v: convened.conveneConsultation.version },
    );
    await admin(
      `mutation ($c: ID!) {
        addResolution(consultationId: $c, input: { text: "划定停车位", carriedAs: TASK, ownerName: "物业", dueOn: "2027-01-31" }) { id }
      }`,
      { c: consultation },
    );
    const [{ id: resolution }] = await api.db.dataSource.query(`SELECT id FROM resolution WHERE consultation_id = $1`, [consultation]);
    name(`resolution:${c}1`, resolution);
    const made = await admin<{ createProject: { id: string } }>(
      `mutation ($input: ProjectInput!) { createProject(input: $input) { id } }`,
      { input: { gridId: gridId(`${c}1`), title: `${c}1 充电桩`, need: '没有充电桩', leadName: '物业' } },
    );
    const project = name(`project:${c}1`, made.createProject.id);
    await admin(
      `mutation ($p: ID!) {
        pledgeToProject(projectId: $p, input: { kind: MONEY, amount: 1000, unit: "元", pledgerKind: RESIDENT, pledgerName: "居民" }) { id }
      }`,
      { p: project },
    );
    await admin(`mutation ($p: ID!) { addProjectMilestone(projectId: $p, input: { title: "安装", dueOn: "2027-02-01" }) { id } }`, {
      p: project,
    });
    const [{ id: milestone }] = await api.db.dataSource.query(`SELECT id FROM project_milestone WHERE project_id = $1`, [project]);
    name(`milestone:${c}1`, milestone);
    // A milestone done with a progress photo (served at /project-photos/:hash to whoever sees the project).
    await admin(`mutation ($p: ID!) { addProjectMilestone(projectId: $p, input: { title: "选址", dueOn: "2027-01-01" }) { id } }`, {
      p: project,
    });
    const [{ id: sited }] = await api.db.dataSource.query(`SELECT id FROM project_milestone WHERE project_id = $1 AND title = '选址'`, [
      project,
    ]);
    const done = await admin<{ completeProjectMilestone: { photos: string[] } }>(
      `mutation ($id: ID!, $photos: [String!]) { completeProjectMilestone(id: $id, photos: $photos) { photos } }`,
      { id: sited, photos: [JPEG(`project ${c}`)] },
    );
    extraPhotos[`project:${c}1`] = done.completeProjectMilestone.photos[0];
  }
  const privately = await admin<{ conveneConsultation: { id: string } }>(CONVENE, {
    input: {
      gridId: gridId('W'),
      kind: 'RESIDENTS_COUNCIL',
      topic: '社区居民议事会',
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      address: '社区会议室',
      published: false,
      invitees: [{ kind: 'RESIDENT', residentId: residentId('W11', 0, 0) }],
    },
  });
  name('consult:W-private', privately.conveneConsultation.id);

  // One personal-data read, so the audit log has a row.
  await admin(`query ($id: ID!) { resident(id: $id) { personal(reason: "核实低保申请") { phone } } }`, { id: residentId('W11', 0, 0) });
  const [{ id: auditId }] = await api.db.dataSource.query(`SELECT id::text FROM personal_data_access ORDER BY id DESC LIMIT 1`);
  name('audit:W11/0/0', auditId);

  // 消息通知: exactly one inbox row per person (the steps above wrote some; they are replaced so each inbox is known).
  await api.db.dataSource.query(`DELETE FROM notification`);
  for (const who of USERS) {
    const login = who === 'admin' ? 'test-admin' : `m-${who.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const [{ id }] = await api.db.dataSource.query(
      `INSERT INTO notification (user_id, kind, subject_type, subject_id, params)
       SELECT id, 'CASE_DISPATCHED', 'CASE', $2, '{}' FROM app_user WHERE login = $1 RETURNING id`,
      [login, cases[0].id],
    );
    name(`notif:${who}`, id);
  }

  // 五方联动 organisations in both communities: a published council of the community, a published property company of
  // compound 1, an unpublished owners' committee of compound 2.
  for (const c of ['W', 'E'] as const)
    for (const [label, grid, kind, published] of [
      [`org:${c}`, c, 'COUNCIL', true],
      [`org:${c}1`, `${c}1`, 'PROPERTY_COMPANY', true],
      [`org:${c}2-draft`, `${c}2`, 'OWNERS_COMMITTEE', false],
    ] as const) {
      const org = await admin<{ createOrganization: { id: string } }>(
        `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        { input: { gridId: gridId(grid), kind, name: label, published, contacts: [{ name: '联系人', phone: '13800000000' }] } },
      );
      name(label, org.createOrganization.id);
    }

  // A member of each community's council, a mediation record in each community's first small grid, a public role each.
  for (const c of ['W', 'E'] as const) {
    const member = await admin<{ addOrganizationMember: { id: string } }>(
      `mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`,
      { input: { organizationId: ids[`org:${c}`], name: `${c}委员`, role: '委员' } },
    );
    name(`member:${c}`, member.addOrganizationMember.id);
    const mediation = await admin<{ recordMediation: { id: string } }>(
      `mutation ($input: MediationInput!) { recordMediation(input: $input) { id } }`,
      {
        input: {
          gridId: gridId(`${c}11`),
          parties: ['甲', '乙'],
          issue: '噪音纠纷',
          agreement: '晚十点后保持安静',
          mediatedOn: '2026-11-05',
        },
      },
    );
    name(`mediation:${c}11`, mediation.recordMediation.id);
    await admin(`mutation ($input: PublicRoleInput!) { setPublicRole(input: $input) { residentId } }`, {
      input: { residentId: ids[`r:${c}11/0/0`], roles: ['DEPUTY'], title: '区人大代表', consent: true },
    });
  }

  return {
    api,
    auth,
    keys,
    ids,
    label: (id: string) => labels.get(id) ?? id,
    name,
    cases,
    projectPhotos: extraPhotos,
    admin,
  };
}

/**
 * Which cases each identity sees, in words: street staff and departments with the Case scope
 * all; a department's staff those dispatched to their department; a grid leader those routed
 * into the grids they lead; a resident or volunteer the ones they reported; everyone else none.
 */
export function seesCase(who: Who, c: SeededCase): boolean {
  if (who === 'admin' || who === 'operator') return true;
  if (who === 'deptStaff') return c.department === STAFF_DEPARTMENT;
  if (isDepartment(who)) return deptScopes(who).includes('Case');
  if (who in LEADS) return c.small.startsWith(LEADS[who as keyof typeof LEADS]);
  return c.reporter === who;
}

/**
 * The small grids whose buildings, households and residents each identity sees: street
 * staff all, a leader those under the grid they lead, a department with the scope of the
 * kind all; a resident or volunteer only their own household (see HOME).
 */
export function placesSeenBy(who: Who, kind: DepartmentScope): SmallGrid[] | 'home' {
  if (who === 'admin' || who === 'operator') return [...SMALL_GRIDS];
  if (isDepartment(who)) return deptScopes(who).includes(kind) ? [...SMALL_GRIDS] : [];
  if (who in LEADS) return smallsUnder(LEADS[who as keyof typeof LEADS]);
  if (who === 'resident' || who === 'volunteer') return 'home';
  return [];
}
