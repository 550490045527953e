import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

/**
 * 不满意返工: the street's rule that an unsatisfied rating sends a closed case back to work,
 * applied in the rating's transaction under the resident's own row-level security.
 */
process.env.CASE_SWEEP_MS = '0';

const STREET = stableId('330106001');
const SMALL = '3301060010010010001';
const RESIDENT_ID = stableId(`${SMALL}/household/0/resident/0`);

let api: TestApi;
let resident: string;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
  resident = await api.userToken({ login: 'rater', role: 'RESIDENT', residentId: RESIDENT_ID });
});
afterAll(() => api.close());

interface C {
  id: string;
  version: number;
  status: string;
  reworkCount: number;
  rating: number | null;
  dueAt: string | null;
}
const FIELDS = 'id version status reworkCount rating dueAt';
let seq = 0;

/** As the street admin (the command centre), or as `auth` when given. */
async function step(name: string, c: { id: string; version: number }, args = '', auth?: string): Promise<C> {
  const q = `mutation ($id: ID!, $v: Int!) { ${name}(id: $id, version: $v${args}) { ${FIELDS} } }`;
  const res = auth
    ? await api.gqlAs<Record<string, C>>(auth, q, { id: c.id, v: c.version })
    : await api.gql<Record<string, C>>(q, c && { id: c.id, v: c.version });
  expect(res.errors).toBeUndefined();
  return res.data![name];
}

/** A case the resident reported, taken by the command centre and a grid leader to CLOSED. */
async function closedCase(): Promise<C> {
  const reported = await api.gqlAs<{ reportCase: { case: C } }>(
    resident,
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { ${FIELDS} } } }`,
    {
      input: {
        clientKey: `rules-${seq++}`,
        category: 'ENVIRONMENT',
        source: 'RESIDENT',
        lng: 120.102,
        lat: 30.255,
        description: '垃圾没清',
      },
    },
  );
  expect(reported.errors).toBeUndefined();
  let c = reported.data!.reportCase.case;
  const cc = ', actor: { role: COMMAND_CENTRE, name: "x" }';
  const gl = ', actor: { role: GRID_LEADER, name: "x" }';
  c = await step('fileCase', c, cc);
  c = await step('dispatchCase', c, `${cc}, leaderId: "${stableId(`${SMALL}/leader`)}"`);
  c = await step('startCase', c, gl);
  c = await step('handleCase', c, `${gl}, feedback: "已清运"`);
  return step('closeCase', c, cc);
}

const rate = (c: C, rating: number) => step('rateCase', c, `, rating: ${rating}, comment: "还是脏"`, resident);

async function timeline(id: string) {
  const res = await api.gql<{
    case: { timeline: { type: string; fromStatus: string; toStatus: string; actorRole: string; data: Record<string, unknown> }[] };
  }>(`query ($id: ID!) { case(id: $id) { timeline { type fromStatus toStatus actorRole data } } }`, { id });
  return res.data!.case.timeline;
}

async function setRules(reworkRatingAtMost: number | null, reworkTimes: number, auth?: string) {
  const q = `mutation ($s: ID!, $input: CaseRulesInput!) {
    setCaseRules(streetId: $s, input: $input) { reworkRatingAtMost reworkTimes updatedAt } }`;
  const vars = { s: STREET, input: { reworkRatingAtMost, reworkTimes } };
  return auth
    ? api.gqlAs<{ setCaseRules: Record<string, unknown> }>(auth, q, vars)
    : api.gql<{ setCaseRules: Record<string, unknown> }>(q, vars);
}

it('reads the defaults on the street until an admin sets the rules', async () => {
  const res = await api.gqlAs<{ street: { caseRules: unknown } }>(
    resident,
    `{ street(code: "330106001") { caseRules { reworkRatingAtMost reworkTimes updatedAt } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.street.caseRules).toEqual({ reworkRatingAtMost: 2, reworkTimes: 1, updatedAt: null });
});

it('sends a case rated 1 or 2 back to work as the system, once; the next unsatisfied rating stands', async () => {
  let c = await closedCase();
  const rated = await rate(c, 2);
  expect(rated).toMatchObject({ status: 'IN_PROGRESS', reworkCount: 1, rating: 2, version: c.version + 2 });
  expect(new Date(rated.dueAt!).getTime()).toBeGreaterThan(Date.now());
  const t = await timeline(c.id);
  expect(t.slice(-2)).toEqual([
    expect.objectContaining({ type: 'RATED', fromStatus: 'CLOSED', toStatus: 'RATED', actorRole: 'REPORTER' }),
    expect.objectContaining({ type: 'RETURNED', fromStatus: 'RATED', toStatus: 'IN_PROGRESS', actorRole: 'SYSTEM' }),
  ]);
  expect(t.at(-1)!.data).toMatchObject({ rating: 2, reworkRatingAtMost: 2 });

  // Worked again and closed: a second unsatisfied rating is the last word (one rework by default).
  const gl = ', actor: { role: GRID_LEADER, name: "x" }';
  c = await step('handleCase', rated, `${gl}, feedback: "再次清运"`);
  c = await step('closeCase', c, ', actor: { role: COMMAND_CENTRE, name: "x" }');
  expect(await rate(c, 1)).toMatchObject({ status: 'RATED', reworkCount: 1, rating: 1 });
});

it('leaves a satisfied rating alone', async () => {
  const c = await closedCase();
  expect(await rate(c, 3)).toMatchObject({ status: 'RATED', reworkCount: 0, rating: 3 });
});

it('follows the rules an admin sets, and refuses bad rules and anyone else, writing nothing', async () => {
  const bad = await setRules(5, 1);
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reworkRatingAtMost' });
  const badTimes = await setRules(2, 9);
  expect(badTimes.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reworkTimes' });
  const refused = await setRules(4, 2, resident);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await api.db.dataSource.query(`SELECT * FROM case_rule`)).toEqual([]);

  const off = await setRules(null, 1);
  expect(off.errors).toBeUndefined();
  expect(off.data!.setCaseRules).toMatchObject({ reworkRatingAtMost: null, reworkTimes: 1 });
  expect(await rate(await closedCase(), 1)).toMatchObject({ status: 'RATED', reworkCount: 0 });

  expect((await setRules(3, 2)).errors).toBeUndefined();
  expect(await rate(await closedCase(), 3)).toMatchObject({ status: 'IN_PROGRESS', reworkCount: 1 });
});
