import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { buildFederatedSchema } from '../src/app/schema';
import {
  deptScopes,
  EVERYONE,
  GRID_CODES,
  gridId,
  isDepartment,
  LEADS,
  type Matrix,
  pointIn,
  type SeededCase,
  seesCase,
  startMatrix,
  type Who,
} from './matrix-fixture';

/*
 * Every mutation × every identity but the street admin, against a row OUTSIDE what that
 * identity may change — in the east community (outside every west leader's grids), or for
 * a resident or volunteer someone else's household, registration or case. Each cell follows
 * from two facts stated per mutation in words: who sees the row, and who may legitimately
 * do this to it.
 * - An identity that may (the operator's command-centre steps, a Case key's department
 *   steps) is listed with the reason and not asked.
 * - One that sees the row must be refused with FORBIDDEN.
 * - One that cannot see it must get an error, NOT_FOUND or FORBIDDEN, and exactly the
 *   answer a random id gets: an id outside your reach tells nothing about the row.
 * Whatever the answer, nothing may be written: every table's row count and last writing
 * transaction are compared before and after each request. A mutation without an entry
 * fails the first test.
 */

process.env.CASE_SWEEP_MS = '0';

type Outcome = 'AS_MISSING' | 'FORBIDDEN' | 'UNAUTHENTICATED' | { inScope: string };
const AS_MISSING = 'AS_MISSING' as const;
const FORBIDDEN = 'FORBIDDEN' as const;
const inScope = (reason: string) => ({ inScope: reason });

/**
 * Who may log in, refresh or sign up with an invitation without an account, and a unit rating through its signed link (the
 * link is the credential, whoever sends it): public, outside the matrix (see invitation.test.ts, unit-evaluation.test.ts).
 */
const PUBLIC_MUTATIONS = ['login', 'refresh', 'signUpWithInvitation', 'evaluateServiceByLink'];
const ASKED: Who[] = EVERYONE.filter((w) => w !== 'admin');
const LEADERS = Object.keys(LEADS) as Who[];
const isLeader = (who: Who) => LEADERS.includes(who);

let m: Matrix;
beforeAll(async () => {
  m = await startMatrix();
  // 党员中心户 in the east (household E11/0, under the E11 building group), for setCentralHouseholdLinks.
  const [{ id }] = await m.api.db.dataSource.query(
    `INSERT INTO party_organization (street_id, parent_id, level, name, household_id)
     SELECT street_id, id, 'CENTRAL_HOUSEHOLD', '东中心户', $2 FROM party_organization WHERE id = $1 RETURNING id`,
    [m.ids['party:E11'], m.ids['h:E11/0']],
  );
  m.ids['central:E11'] = id;
  // A CASE resolution of the east compound's consultation still without its case, for reportResolutionCase.
  const [resolution] = await m.api.db.dataSource.query(
    `INSERT INTO resolution (consultation_id, text, carried_as, owner_name, due_on) VALUES ($1, '修路灯', 'CASE', '物业', '2027-01-31')
     RETURNING id`,
    [m.ids['consult:E1']],
  );
  m.ids['resolution:E1-case'] = resolution.id;
}, 120_000);
afterAll(() => m?.api.close());

/** The current version of a labelled row (the cell must not fail on a stale version). */
async function version(table: string, label: string): Promise<number> {
  const [row] = await m.api.db.dataSource.query(`SELECT version FROM "${table}" WHERE id = $1`, [m.ids[label]]);
  return row.version;
}
/** The id of the account with this login. */
async function accountId(login: string): Promise<string> {
  const [row] = await m.api.db.dataSource.query(`SELECT id FROM app_user WHERE login = $1`, [login]);
  return row.id;
}
const future = () => new Date(Date.now() + 60 * 86_400_000).toISOString();
const square = (lng: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + 0.0002, lat],
      [lng + 0.0002, lat + 0.0002],
      [lng, lat + 0.0002],
      [lng, lat],
    ],
  ],
});

interface MutationCell {
  mutation: string;
  /** The variables aimed at the row outside the identity's scope (read when the cell runs: versions are current). */
  variables: (who: Who) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The variable holding that row's id, which a random id replaces (default `id`). */
  target?: string | ((who: Who) => string);
  /** Who sees that row: refused, they must get FORBIDDEN; anyone else must get what a random id gets. */
  seenBy: (who: Who) => boolean;
  /** Who may legitimately do this to that row, and why (not sent). */
  allowed?: (who: Who) => string | null;
}

/** The outcome a cell demands of `who`. */
function outcome(cell: MutationCell, who: Who): Outcome {
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  const reason = cell.allowed?.(who);
  if (reason) return inScope(reason);
  return cell.seenBy(who) ? FORBIDDEN : AS_MISSING;
}

// Who sees the east rows the cells aim at, in words (see role-matrix.test.ts for each read).
const keyWith = (scope: string) => (who: Who) => isDepartment(who) && (deptScopes(who) as string[]).includes(scope);
/** An east case: the operator, keys with the Case scope, and a department's staff when it was dispatched to their department. */
const seesEastCase = (label: string) => (who: Who) =>
  seesCase(
    who,
    m.cases.find((c) => c.label === label)!,
  );
/** An east grid, building, household or resident: the operator and keys with that kind's scope. */
const seesEast = (kind: 'Grid' | 'Building' | 'Household' | 'Resident') => (who: Who) => who === 'operator' || keyWith(kind)(who);
/** An east party organisation: the operator and keys with the PartyOrganization scope. */
const seesEastParty = (who: Who) => who === 'operator' || keyWith('PartyOrganization')(who);
/** An east need, match, registration or unpublished wish: street staff only. */
const seesEastServiceRow = (who: Who) => who === 'operator';
/** Teams and activities recruit: every signed-in person, no department. */
const seesTeams = (who: Who) => !isDepartment(who);
/**
 * A wish on the public board (published and later): staff, residents and volunteers; not the
 * west leaders (not their grids) nor departments.
 */
const seesBoard = (who: Who) => who === 'operator' || who === 'resident' || who === 'volunteer';
/** An east notice, deed or activity (published in E1): street staff only (departments have no publicity rows). */
const seesEastPublicity = (who: Who) => who === 'operator';
/** A community activity's input, a month ahead. */
const EAST_ACTIVITY = () => ({
  kind: 'SPORTS',
  title: '越权活动',
  place: '广场',
  startsAt: future(),
  endsAt: new Date(Date.parse(future()) + 3_600_000).toISOString(),
  capacity: 10,
});
const nobody = () => false;
/** A public row (a party service post): everyone signed in sees it. */
const seesPublic = () => true;

/** The command centre's case steps: the operator's to take on any case. */
const commandCentre = (who: Who) => (who === 'operator' ? 'the command centre takes this step on any case' : null);
/** The department's case steps: any key with the Case scope takes them on any case. */
const department = (who: Who) => (keyWith('Case')(who) ? 'a department with the Case scope works on any case' : null);

const MUTATIONS: Record<string, MutationCell> = {
  // ── Cases (east cases at the step's from-status) ──
  fileCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['case:E11-reported'], v: await version('case', 'case:E11-reported') }),
    seenBy: seesEastCase('case:E11-reported'),
    allowed: commandCentre,
  },
  rejectCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { rejectCase(id: $id, version: $v, reason: "重复") { id } }`,
    variables: async () => ({ id: m.ids['case:E11-reported'], v: await version('case', 'case:E11-reported') }),
    seenBy: seesEastCase('case:E11-reported'),
    allowed: commandCentre,
  },
  dispatchCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { dispatchCase(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['case:E11-filed'], v: await version('case', 'case:E11-filed') }),
    seenBy: seesEastCase('case:E11-filed'),
    allowed: commandCentre,
  },
  escalateCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { escalateCase(id: $id, version: $v, reason: "处理不了") { id } }`,
    variables: async () => ({ id: m.ids['case:E11-filed'], v: await version('case', 'case:E11-filed') }),
    seenBy: seesEastCase('case:E11-filed'),
    allowed: commandCentre,
  },
  startCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { startCase(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['case:E12-dispatched'], v: await version('case', 'case:E12-dispatched') }),
    seenBy: seesEastCase('case:E12-dispatched'),
    allowed: department,
  },
  handleCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { handleCase(id: $id, version: $v, feedback: "已修好") { id } }`,
    variables: async () => ({ id: m.ids['case:E12-in-progress'], v: await version('case', 'case:E12-in-progress') }),
    seenBy: seesEastCase('case:E12-in-progress'),
    allowed: department,
  },
  requestCaseExtension: {
    mutation: `mutation ($id: ID!, $v: Int!, $until: DateTime!) {
      requestCaseExtension(id: $id, version: $v, reason: "等材料", until: $until) { id }
    }`,
    variables: async () => ({ id: m.ids['case:E12-in-progress'], v: await version('case', 'case:E12-in-progress'), until: future() }),
    seenBy: seesEastCase('case:E12-in-progress'),
    allowed: department,
  },
  extendCaseDeadline: {
    mutation: `mutation ($id: ID!, $v: Int!, $due: DateTime!) {
      extendCaseDeadline(id: $id, version: $v, newDueAt: $due, reason: "延期") { id }
    }`,
    variables: async () => ({ id: m.ids['case:E12-in-progress'], v: await version('case', 'case:E12-in-progress'), due: future() }),
    seenBy: seesEastCase('case:E12-in-progress'),
    allowed: commandCentre,
  },
  declineCaseExtension: {
    mutation: `mutation ($id: ID!, $v: Int!) { declineCaseExtension(id: $id, version: $v, reason: "不予延期") { id } }`,
    variables: async () => ({ id: m.ids['case:E21-extension-asked'], v: await version('case', 'case:E21-extension-asked') }),
    seenBy: seesEastCase('case:E21-extension-asked'),
    allowed: commandCentre,
  },
  returnCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { returnCase(id: $id, version: $v, reason: "返工") { id } }`,
    variables: async () => ({ id: m.ids['case:E21-handled'], v: await version('case', 'case:E21-handled') }),
    seenBy: seesEastCase('case:E21-handled'),
    allowed: commandCentre,
  },
  closeCase: {
    mutation: `mutation ($id: ID!, $v: Int!) { closeCase(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['case:E21-handled'], v: await version('case', 'case:E21-handled') }),
    seenBy: seesEastCase('case:E21-handled'),
    allowed: commandCentre,
  },
  rateCase: {
    // Known leak: the operator, or a small-grid leader, rated a case they did not report. Asked as REPORTER: the resident's
    // closed W11 case (the leaders and the operator see it), for the resident an east resident's closed case.
    mutation: `mutation ($id: ID!, $v: Int!) { rateCase(id: $id, version: $v, rating: 1, actor: { role: REPORTER, name: "x" }) { id } }`,
    variables: async (who) => {
      const target = who === 'resident' ? 'case:E22-closed' : 'case:W11-closed';
      return { id: m.ids[target], v: await version('case', target) };
    },
    seenBy: (who) => who !== 'resident' && (who === 'operator' || isLeader(who) || keyWith('Case')(who)),
  },

  // ── Places in the east: only admins and, in their grids, leaders edit them ──
  createBuilding: {
    mutation: `mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }`,
    variables: () => ({
      input: {
        gridId: gridId('E11'),
        name: '越权楼',
        address: '东路1号',
        floors: 2,
        units: 1,
        footprint: square(pointIn('E11').lng, pointIn('E11').lat),
      },
    }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updateBuilding: {
    mutation: `mutation ($id: ID!, $input: UpdateBuildingInput!) { updateBuilding(id: $id, input: $input) { id } }`,
    variables: async () => ({ id: m.ids['b:E11'], input: { name: '改名', version: await version('building', 'b:E11') } }),
    seenBy: seesEast('Building'),
  },
  createHousehold: {
    mutation: `mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`,
    variables: () => ({ input: { buildingId: m.ids['b:E11'], unit: 1, room: '909', size: 1 } }),
    target: 'input.buildingId',
    seenBy: seesEast('Building'),
  },
  updateHousehold: {
    mutation: `mutation ($id: ID!, $input: UpdateHouseholdInput!) { updateHousehold(id: $id, input: $input) { id } }`,
    variables: async () => ({ id: m.ids['h:E11/0'], input: { size: 9, version: await version('household', 'h:E11/0') } }),
    seenBy: seesEast('Household'),
  },
  createResident: {
    mutation: `mutation ($input: CreateResidentInput!) { createResident(input: $input) { id } }`,
    variables: () => ({ input: { householdId: m.ids['h:E11/0'], name: '越权', gender: 'MALE', birthYear: 1980, relation: 'OTHER' } }),
    target: 'input.householdId',
    seenBy: seesEast('Household'),
  },
  updateResident: {
    // Known leak: FORBIDDEN for an existing resident outside the leader's grids, NOT_FOUND for a random id (an existence oracle).
    mutation: `mutation ($id: ID!, $input: UpdateResidentInput!) { updateResident(id: $id, input: $input) { id } }`,
    variables: async () => ({ id: m.ids['r:E11/0/0'], input: { name: '改名', version: await version('resident', 'r:E11/0/0') } }),
    seenBy: seesEast('Resident'),
  },

  // ── Admin operations ──
  createGrid: {
    mutation: `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`,
    variables: () => ({ input: { code: `${GRID_CODES.E1}0003`, name: '越权网格', level: 'SMALL', geometry: square(120.111, 30.251) } }),
    // No existing row: refused by role alone.
    seenBy: () => true,
  },
  updateGrid: {
    mutation: `mutation ($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { id } }`,
    variables: async () => ({ id: gridId('E11'), input: { name: '改名', version: await version('grid', 'grid:E11') } }),
    seenBy: seesEast('Grid'),
  },
  importGrids: {
    mutation: `mutation { importGrids(geojson: { type: "FeatureCollection", features: [] }, dryRun: false) { crs } }`,
    variables: () => ({}),
    seenBy: () => true,
  },
  inviteResident: {
    mutation: `mutation ($id: ID!) { inviteResident(residentId: $id) { code } }`,
    variables: () => ({ id: m.ids['r:E11/0/0'] }),
    // A code for an east resident: their grids' leaders and admins only; the operator reads residents but invites nobody.
    seenBy: seesEast('Resident'),
  },
  setCaseRules: {
    mutation: `mutation ($streetId: ID!) {
      setCaseRules(streetId: $streetId, input: { reworkRatingAtMost: 4, reworkTimes: 5 }) { streetId } }`,
    variables: () => ({ streetId: m.ids.street }),
    target: 'streetId',
    // Refused by role alone: only street admins set the street's rules.
    seenBy: () => true,
  },
  setAssessmentScheme: {
    mutation: `mutation ($streetId: ID!) {
      setAssessmentScheme(streetId: $streetId, input: { inputs: [{ code: "REWORK", weight: 30, target: 0.1 }] }) { version } }`,
    variables: () => ({ streetId: m.ids.street }),
    target: 'streetId',
    // Refused by role alone: only street admins set the assessment scheme.
    seenBy: () => true,
  },
  createApiKey: {
    mutation: `mutation { createApiKey(input: { name: "越权", department: "x", scopes: ["Case"] }) { key } }`,
    variables: () => ({}),
    seenBy: () => true,
  },
  revokeApiKey: {
    mutation: `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
    variables: () => ({ id: m.ids['key:dept:all'] }),
    seenBy: nobody,
  },

  // ── Accounts (the east resident's, which only the admin sees; a community's leader manages only their own community's) ──
  createUser: {
    mutation: `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
    variables: () => ({
      input: { login: 'm-intruder', displayName: '越权', role: 'RESIDENT', residentId: m.ids['r:E11/1/0'], reason: 'x' },
    }),
    target: 'input.residentId',
    seenBy: seesEast('Resident'),
  },
  setUserDisabled: {
    mutation: `mutation ($id: ID!) { setUserDisabled(id: $id, disabled: true, reason: "越权") { id } }`,
    variables: async () => ({ id: await accountId('m-resident-east') }),
    seenBy: nobody,
  },
  resetUserPassword: {
    mutation: `mutation ($id: ID!) { resetUserPassword(id: $id, reason: "越权") { password } }`,
    variables: async () => ({ id: await accountId('m-resident-east') }),
    seenBy: nobody,
  },
  // ── 消息通知: a person's own inbox and preferences ──
  markNotificationsRead: {
    // Someone else's notification (the admin's): unseen by everyone asked, answered as a missing id; a key has no inbox.
    mutation: `mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`,
    variables: () => ({ ids: [m.ids['notif:admin']] }),
    target: 'ids.0',
    seenBy: nobody,
  },
  setNotificationPreferences: {
    // One's own preferences: every person sets theirs (no one else's can be named); a department key has none.
    mutation: `mutation { setNotificationPreferences(input: { kinds: [], channels: [] }) { kinds } }`,
    variables: () => ({}),
    seenBy: nobody,
    allowed: (who) => (isDepartment(who) ? null : 'every person sets their own preferences'),
  },
  changeUserRole: {
    mutation: `mutation ($id: ID!) { changeUserRole(id: $id, role: VOLUNTEER, reason: "越权") { id } }`,
    variables: async () => ({ id: await accountId('m-resident-east') }),
    seenBy: nobody,
  },

  // ── The party chain and grid leaders in the east: the street admins' alone ──
  createPartyOrganization: {
    mutation: `mutation ($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id } }`,
    variables: () => ({ input: { level: 'COMPOUND_BRANCH', gridId: gridId('E1'), name: '越权' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updatePartyOrganization: {
    mutation: `mutation ($id: ID!) { updatePartyOrganization(id: $id, input: { name: "越权" }) { id } }`,
    variables: () => ({ id: m.ids['party:E1'] }),
    seenBy: seesEastParty,
  },
  dissolvePartyOrganization: {
    mutation: `mutation ($id: ID!) { dissolvePartyOrganization(id: $id) { id } }`,
    variables: () => ({ id: m.ids['party:E11'] }),
    seenBy: seesEastParty,
  },
  appointGridLeader: {
    mutation: `mutation ($input: AppointGridLeaderInput!) { appointGridLeader(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E11'), residentId: m.ids['r:E11/0/0'], role: 'DEPUTY' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  endGridLeader: {
    mutation: `mutation ($id: ID!) { endGridLeader(id: $id) { id } }`,
    variables: async () => ({
      id: (await m.api.db.dataSource.query(`SELECT id FROM grid_leader WHERE grid_id = $1 AND until IS NULL LIMIT 1`, [gridId('E1')]))[0]
        .id,
    }),
    // Grid leaders are read with grids: the operator and keys with the Grid scope.
    seenBy: seesEast('Grid'),
  },
  updateGridLeader: {
    mutation: `mutation ($id: ID!) { updateGridLeader(id: $id, input: { publishContact: true }) { id } }`,
    variables: async () => ({
      id: (await m.api.db.dataSource.query(`SELECT id FROM grid_leader WHERE grid_id = $1 AND until IS NULL LIMIT 1`, [gridId('E11')]))[0]
        .id,
    }),
    seenBy: seesEast('Grid'),
  },

  setCentralHouseholdLinks: {
    mutation: `mutation ($id: ID!, $ids: [ID!]!) { setCentralHouseholdLinks(organizationId: $id, householdIds: $ids) { id } }`,
    variables: () => ({ id: m.ids['central:E11'], ids: ['E11/1', 'E12/0', 'E12/1', 'E21/0', 'E21/1'].map((h) => m.ids[`h:${h}`]) }),
    // The street admin or a leader of the east's grids; a central household is read with the party chain.
    seenBy: seesEastParty,
  },

  // ── Party service posts (public places) in the east: the street admins' alone ──
  createPartyServicePost: {
    mutation: `mutation ($input: PartyServicePostInput!) { createPartyServicePost(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E1'), name: '越权', kind: 'OTHER', ...pointIn('E11'), hours: '全天' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updatePartyServicePost: {
    mutation: `mutation ($id: ID!, $input: PartyServicePostInput!) { updatePartyServicePost(id: $id, version: 1, input: $input) { id } }`,
    variables: () => ({
      id: m.ids['post:E1'],
      input: { gridId: gridId('E1'), name: '越权', kind: 'OTHER', ...pointIn('E11'), hours: '全天' },
    }),
    // Service posts are public: everyone signed in sees them.
    seenBy: seesPublic,
  },
  removePartyServicePost: {
    mutation: `mutation ($id: ID!) { removePartyServicePost(id: $id) { id } }`,
    variables: () => ({ id: m.ids['post:E1'] }),
    seenBy: seesPublic,
  },

  // ── Needs and matches in the east ──
  raiseNeed: {
    mutation: `mutation ($input: NeedInput!) { raiseNeed(input: $input) { id } }`,
    variables: () => ({
      input: {
        householdId: m.ids['h:E11/1'],
        type: 'REPAIR',
        source: 'RESIDENT',
        window: { weekday: 1, startMinute: 540, endMinute: 600 },
      },
    }),
    target: 'input.householdId',
    seenBy: seesEast('Household'),
  },
  cancelNeed: {
    mutation: `mutation ($id: ID!, $v: Int!) { cancelNeed(id: $id, version: $v, reason: "不需要") { id } }`,
    variables: async () => ({ id: m.ids['need:E22-open'], v: await version('service_need', 'need:E22-open') }),
    seenBy: seesEastServiceRow,
  },
  proposeMatches: {
    mutation: `mutation ($g: ID!) { proposeMatches(gridId: $g, period: "2026-11-30") { needs } }`,
    variables: () => ({ g: gridId('E') }),
    target: 'g',
    seenBy: seesEast('Grid'),
  },
  confirmMatch: {
    mutation: `mutation ($id: ID!, $v: Int!) { confirmMatch(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['match:E11-proposed'], v: await version('service_match', 'match:E11-proposed') }),
    seenBy: seesEastServiceRow,
  },
  rejectMatch: {
    mutation: `mutation ($id: ID!, $v: Int!) { rejectMatch(id: $id, version: $v, reason: "不合适") { id } }`,
    variables: async () => ({ id: m.ids['match:E11-proposed'], v: await version('service_match', 'match:E11-proposed') }),
    seenBy: seesEastServiceRow,
  },
  reassignMatch: {
    mutation: `mutation ($id: ID!, $v: Int!, $r: ID!) { reassignMatch(id: $id, version: $v, registrationId: $r) { id } }`,
    variables: async () => ({
      id: m.ids['match:E11-proposed'],
      v: await version('service_match', 'match:E11-proposed'),
      r: await otherEastHelper('match:E11-proposed'),
    }),
    seenBy: seesEastServiceRow,
  },
  acceptMatch: {
    mutation: `mutation ($id: ID!, $v: Int!, $r: ID!) { acceptMatch(id: $id, version: $v, registrationId: $r) { id } }`,
    variables: async () => ({
      id: m.ids['match:E12-confirmed'],
      v: await version('service_match', 'match:E12-confirmed'),
      r: await helperOf('match:E12-confirmed'),
    }),
    seenBy: seesEastServiceRow,
  },
  declineMatch: {
    mutation: `mutation ($id: ID!, $v: Int!, $r: ID!) { declineMatch(id: $id, version: $v, registrationId: $r) { id } }`,
    variables: async () => ({
      id: m.ids['match:E12-confirmed'],
      v: await version('service_match', 'match:E12-confirmed'),
      r: await helperOf('match:E12-confirmed'),
    }),
    seenBy: seesEastServiceRow,
  },
  completeMatch: {
    mutation: `mutation ($id: ID!, $v: Int!) { completeMatch(id: $id, version: $v, hours: 1) { id } }`,
    variables: async () => ({ id: m.ids['match:E21-accepted'], v: await version('service_match', 'match:E21-accepted') }),
    seenBy: seesEastServiceRow,
  },
  registerForService: {
    // A volunteer registers themself, but not from someone else's home; a leader registers units, only with
    // the community they work in; the others may not register at all. The target: the east community (public).
    mutation: `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
    variables: (who) => ({
      input: {
        kind: isLeader(who) ? 'UNIT' : 'VOLUNTEER',
        name: '越权登记',
        communityId: gridId('E'),
        ...(who === 'volunteer' ? { householdId: m.ids['h:E11/1'] } : pointIn('E11')),
        skills: ['REPAIR'],
        radiusM: 1000,
        weeklyCapacity: 1,
        availability: [{ weekday: 1, startMinute: 540, endMinute: 600 }],
      },
    }),
    target: (who) => (who === 'volunteer' ? 'input.householdId' : 'input.communityId'),
    seenBy: (who) => who !== 'volunteer',
  },
  evaluateService: {
    // 双评议 of an east member: the community side by a west leader, the unit side by a department.
    mutation: `mutation ($r: ID!, $e: Evaluator!) {
      evaluateService(registrationId: $r, period: "2026-11", evaluator: $e, rating: 1) { registrationId }
    }`,
    variables: (who) => ({ r: m.ids['reg:E-member'], e: isDepartment(who) ? 'UNIT' : 'COMMUNITY' }),
    target: 'r',
    seenBy: seesEastServiceRow,
  },

  unitEvaluationLink: {
    // A rating link for the east unit: handed out by the leaders of its community (none asked) and admins only.
    mutation: `mutation ($u: ID!) { unitEvaluationLink(unitId: $u, month: "2026-11") { token } }`,
    variables: () => ({ u: m.ids['reg:E-unit'] }),
    target: 'u',
    seenBy: seesEastServiceRow,
  },
  evaluateServiceAsUnit: {
    // Rating as the east unit: only its own account (none asked) may.
    mutation: `mutation ($u: ID!, $r: ID!) { evaluateServiceAsUnit(unitId: $u, month: "2026-11", registrationId: $r, rating: 1) { name } }`,
    variables: () => ({ u: m.ids['reg:E-unit'], r: m.ids['reg:E-member'] }),
    target: 'u',
    seenBy: seesEastServiceRow,
  },

  // ── Visits, teams, activities in the east ──
  recordVisit: {
    mutation: `mutation ($input: VisitInput!) { recordVisit(input: $input) { id } }`,
    variables: () => ({ input: { householdId: m.ids['h:E11/1'], visitedAt: new Date().toISOString(), findings: '越权走访' } }),
    target: 'input.householdId',
    seenBy: seesEast('Household'),
  },
  recordWorkMeeting: {
    mutation: `mutation ($input: WorkMeetingInput!) { recordWorkMeeting(input: $input) { id } }`,
    variables: () => ({
      input: { communityId: gridId('E'), heldOn: '2026-11-05', title: '越权例会', attendees: ['某人'], agenda: '越权' },
    }),
    target: 'input.communityId',
    seenBy: seesEast('Grid'),
    allowed: (who) => (who === 'operator' ? 'street staff log any community’s meetings' : null),
  },
  // ── 宣传 (publicity) in the east: street admins and the east's leaders manage it; its residents sign up ──
  createNotice: {
    mutation: `mutation ($input: NoticeInput!) { createNotice(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E1'), title: '越权通知', body: '越权' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updateNotice: {
    mutation: `mutation ($id: ID!, $input: NoticeInput!) { updateNotice(id: $id, version: 1, input: $input) { id } }`,
    variables: () => ({ id: m.ids['notice:E1'], input: { gridId: gridId('E1'), title: '越权', body: '越权', status: 'PUBLISHED' } }),
    // An east notice: street staff; no west leader, no west resident, no department.
    seenBy: seesEastPublicity,
  },
  markNoticeRead: {
    mutation: `mutation ($id: ID!) { markNoticeRead(id: $id) { id } }`,
    variables: () => ({ id: m.ids['notice:E1'] }),
    seenBy: seesEastPublicity,
  },
  reviseCovenant: {
    mutation: `mutation ($c: ID!) { reviseCovenant(communityId: $c, baseVersion: 1, title: "越权", body: "越权") { id } }`,
    variables: () => ({ c: gridId('E') }),
    target: 'c',
    seenBy: seesEast('Grid'),
  },
  createExemplaryDeed: {
    mutation: `mutation ($input: DeedInput!) { createExemplaryDeed(input: $input) { id } }`,
    variables: () => ({
      input: { gridId: gridId('E1'), personName: '某人', personKind: 'VOLUNTEER', title: '越权', story: '越权' },
    }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updateExemplaryDeed: {
    mutation: `mutation ($id: ID!, $input: DeedInput!) { updateExemplaryDeed(id: $id, version: 1, input: $input) { id } }`,
    variables: () => ({
      id: m.ids['deed:E1'],
      input: { gridId: gridId('E1'), personName: '某人', personKind: 'VOLUNTEER', title: '越权', story: '越权' },
    }),
    seenBy: seesEastPublicity,
  },
  createCommunityActivity: {
    mutation: `mutation ($input: CommunityActivityInput!) { createCommunityActivity(input: $input) { id } }`,
    variables: () => ({ input: { ...EAST_ACTIVITY(), gridId: gridId('E1') } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updateCommunityActivity: {
    mutation: `mutation ($id: ID!, $input: CommunityActivityInput!) { updateCommunityActivity(id: $id, version: 1, input: $input) { id } }`,
    variables: () => ({ id: m.ids['cact:E1'], input: { ...EAST_ACTIVITY(), gridId: gridId('E1') } }),
    seenBy: seesEastPublicity,
  },
  signUpForCommunityActivity: {
    // An east activity: its residents sign up; no one asked lives there (the operator sees it and may not sign up).
    mutation: `mutation ($id: ID!) { signUpForCommunityActivity(activityId: $id) { activityId } }`,
    variables: () => ({ id: m.ids['cact:E1'] }),
    seenBy: seesEastPublicity,
  },
  withdrawFromCommunityActivity: {
    mutation: `mutation ($id: ID!) { withdrawFromCommunityActivity(activityId: $id) { id } }`,
    variables: () => ({ id: m.ids['cact:E1'] }),
    seenBy: seesEastPublicity,
  },
  recordCommunityActivityAttendance: {
    mutation: `mutation ($id: ID!, $u: ID!) { recordCommunityActivityAttendance(activityId: $id, userId: $u, attended: true) { userId } }`,
    variables: async () => ({ id: m.ids['cact:E1'], u: await accountId('m-resident') }),
    seenBy: seesEastPublicity,
  },
  // ── Organisations (五方联动) in the east: street admins and the grids' own leaders keep them ──
  createOrganization: {
    mutation: `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E1'), kind: 'PROPERTY_COMPANY', name: '越权物业' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  updateOrganization: {
    mutation: `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`,
    variables: async () => ({ input: { id: m.ids['org:E1'], version: await version('organization', 'org:E1'), name: '越权改名' } }),
    target: 'input.id',
    // Published or not, an east organisation is the operator's to read only (no west leader's grid lies under it).
    seenBy: (who) => who === 'operator',
  },
  archiveOrganization: {
    mutation: `mutation ($id: ID!, $v: Int!) { archiveOrganization(id: $id, version: $v) { id } }`,
    variables: async () => ({ id: m.ids['org:E2-draft'], v: await version('organization', 'org:E2-draft') }),
    seenBy: (who) => who === 'operator',
  },
  setNoPropertyCompany: {
    mutation: `mutation ($g: ID!) { setNoPropertyCompany(gridId: $g, value: true) }`,
    variables: () => ({ g: gridId('E2') }),
    target: 'g',
    seenBy: seesEast('Grid'),
  },
  recordMediation: {
    mutation: `mutation ($input: MediationInput!) { recordMediation(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E11'), parties: ['甲', '乙'], issue: '越权调解', mediatedOn: '2026-11-05' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  addOrganizationMember: {
    mutation: `mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`,
    variables: () => ({ input: { organizationId: m.ids['org:E'], name: '越权委员', role: '委员' } }),
    target: 'input.organizationId',
    seenBy: (who) => who === 'operator',
  },
  removeOrganizationMember: {
    mutation: `mutation ($id: ID!) { removeOrganizationMember(id: $id) }`,
    variables: () => ({ id: m.ids['member:E'] }),
    seenBy: (who) => who === 'operator',
  },
  setPublicRole: {
    mutation: `mutation ($input: PublicRoleInput!) { setPublicRole(input: $input) { residentId } }`,
    variables: () => ({ input: { residentId: m.ids['r:E11/0/0'], roles: ['CAPABLE'], consent: true } }),
    target: 'input.residentId',
    seenBy: seesEast('Resident'),
  },
  // ── 议事协商 and 项目清单 in the east (kept by street admins and the east leaders; the operator reads them) ──
  conveneConsultation: {
    mutation: `mutation ($input: ConveneConsultationInput!) { conveneConsultation(input: $input) { id } }`,
    variables: () => ({
      input: {
        gridId: gridId('E1'),
        kind: 'BENCH',
        topic: '越权议事',
        startsAt: future(),
        address: '东广场',
        invitees: [{ kind: 'RESIDENT', residentId: m.ids['r:E11/1/0'] }],
      },
    }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  recordConsultation: {
    mutation: `mutation ($id: ID!, $v: Int!) { recordConsultation(id: $id, version: $v, input: { attended: [], minutes: "越权" }) { id } }`,
    variables: async () => ({ id: m.ids['consult:E1'], v: await version('consultation', 'consult:E1') }),
    seenBy: seesEastServiceRow,
  },
  addResolution: {
    mutation: `mutation ($c: ID!) {
      addResolution(consultationId: $c, input: { text: "越权", carriedAs: TASK, ownerName: "某人", dueOn: "2027-01-01" }) { id }
    }`,
    variables: () => ({ c: m.ids['consult:E1'] }),
    target: 'c',
    seenBy: seesEastServiceRow,
  },
  completeResolution: {
    mutation: `mutation ($id: ID!) { completeResolution(id: $id) { id } }`,
    variables: () => ({ id: m.ids['resolution:E1'] }),
    seenBy: seesEastServiceRow,
  },
  reportResolutionCase: {
    mutation: `mutation ($r: ID!, $input: ReportCaseInput!) { reportResolutionCase(resolutionId: $r, input: $input) { case { id } } }`,
    variables: (who) => ({
      r: m.ids['resolution:E1-case'],
      input: {
        clientKey: `matrix-resolution-${who}`,
        category: 'PUBLIC_FACILITY',
        source: 'GRID_PATROL',
        ...pointIn('E11'),
        description: '修路灯',
      },
    }),
    target: 'r',
    seenBy: seesEastServiceRow,
  },
  createProject: {
    mutation: `mutation ($input: ProjectInput!) { createProject(input: $input) { id } }`,
    variables: () => ({ input: { gridId: gridId('E1'), title: '越权项目', need: '越权', leadName: '某人' } }),
    target: 'input.gridId',
    seenBy: seesEast('Grid'),
  },
  pledgeToProject: {
    mutation: `mutation ($p: ID!) {
      pledgeToProject(projectId: $p, input: { kind: MONEY, amount: 1, unit: "元", pledgerKind: RESIDENT, pledgerName: "某人" }) { id }
    }`,
    variables: () => ({ p: m.ids['project:E1'] }),
    target: 'p',
    seenBy: seesEastServiceRow,
  },
  addProjectMilestone: {
    mutation: `mutation ($p: ID!) { addProjectMilestone(projectId: $p, input: { title: "越权", dueOn: "2027-01-01" }) { id } }`,
    variables: () => ({ p: m.ids['project:E1'] }),
    target: 'p',
    seenBy: seesEastServiceRow,
  },
  completeProjectMilestone: {
    mutation: `mutation ($id: ID!) { completeProjectMilestone(id: $id) { id } }`,
    variables: () => ({ id: m.ids['milestone:E1'] }),
    seenBy: seesEastServiceRow,
  },
  completeProject: {
    mutation: `mutation ($id: ID!, $v: Int!) { completeProject(id: $id, version: $v, summary: "越权") { id } }`,
    variables: async () => ({ id: m.ids['project:E1'], v: await version('project', 'project:E1') }),
    seenBy: seesEastServiceRow,
  },
  createVolunteerTeam: {
    mutation: `mutation ($c: ID!) { createVolunteerTeam(communityId: $c, name: "越权队", kind: "REPAIR") { id } }`,
    variables: () => ({ c: gridId('E') }),
    target: 'c',
    seenBy: seesEast('Grid'),
  },
  addTeamMember: {
    mutation: `mutation ($t: ID!, $r: ID!) { addTeamMember(teamId: $t, registrationId: $r) { id } }`,
    variables: () => ({ t: m.ids['team:E'], r: m.ids['reg:E-member-2'] }),
    target: 't',
    seenBy: seesTeams,
  },
  createTeamActivity: {
    mutation: `mutation ($input: ActivityInput!) { createTeamActivity(input: $input) { id } }`,
    variables: () => ({
      input: {
        teamId: m.ids['team:E'],
        title: '越权活动',
        place: '东广场',
        startsAt: future(),
        endsAt: new Date(Date.now() + 61 * 86_400_000).toISOString(),
        capacity: 5,
      },
    }),
    target: 'input.teamId',
    seenBy: seesTeams,
  },
  signUpForActivity: {
    // Any helper signs up for any activity with their own registration: the volunteer names someone else's.
    mutation: `mutation ($x: ID!, $r: ID!) { signUpForActivity(activityId: $x, registrationId: $r) { activityId } }`,
    variables: () => ({ x: m.ids['activity:E'], r: m.ids['reg:E-member-2'] }),
    target: (who) => (who === 'volunteer' ? 'r' : 'x'),
    seenBy: (who) => who !== 'volunteer' && seesTeams(who),
  },
  recordAttendance: {
    mutation: `mutation ($x: ID!, $r: ID!) {
      recordAttendance(activityId: $x, registrationId: $r, attended: true, hours: 2) { activityId }
    }`,
    variables: () => ({ x: m.ids['activity:E'], r: m.ids['reg:E-member'] }),
    target: 'x',
    seenBy: seesTeams,
  },

  // ── Micro-wishes in the east ──
  postWish: {
    // Known leak: the operator posted a wish for any household.
    mutation: `mutation ($input: WishInput!) { postWish(input: $input) { id } }`,
    variables: () => ({ input: { householdId: m.ids['h:E11/1'], title: '越权心愿', description: 'x', posterName: 'y' } }),
    target: 'input.householdId',
    seenBy: seesEast('Household'),
  },
  reviewWish: {
    mutation: `mutation ($id: ID!, $v: Int!) { reviewWish(id: $id, version: $v, publish: true) { id } }`,
    variables: async () => ({ id: m.ids['wish:E11-submitted'], v: await version('micro_wish', 'wish:E11-submitted') }),
    seenBy: seesEastServiceRow,
  },
  claimWish: {
    // Any helper claims from the public board, for their own registration: the volunteer names someone else's.
    mutation: `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { id } }`,
    variables: () => ({ id: m.ids['wish:E12-published'], r: m.ids['reg:E-member'] }),
    target: (who) => (who === 'volunteer' ? 'r' : 'id'),
    seenBy: (who) => who !== 'volunteer' && seesBoard(who),
  },
  fulfilWish: {
    // The claim is another helper's.
    mutation: `mutation ($id: ID!, $v: Int!, $r: ID!) { fulfilWish(id: $id, version: $v, registrationId: $r, note: "送去了") { id } }`,
    variables: async () => ({
      id: m.ids['wish:E21-claimed'],
      v: await version('micro_wish', 'wish:E21-claimed'),
      r: m.ids['reg:E-member'],
    }),
    seenBy: seesBoard,
  },
  thankWish: {
    // The household is someone else's.
    mutation: `mutation ($id: ID!, $v: Int!) { thankWish(id: $id, version: $v, thanks: "谢谢") { id } }`,
    variables: async () => ({ id: m.ids['wish:E22-fulfilled'], v: await version('micro_wish', 'wish:E22-fulfilled') }),
    seenBy: seesBoard,
  },
};

/** The registration a match is for, and the other east helper (a feasible one to reassign to). */
async function helperOf(label: string): Promise<string> {
  const [row] = await m.api.db.dataSource.query(`SELECT registration_id FROM service_match WHERE id = $1`, [m.ids[label]]);
  return row.registration_id;
}
async function otherEastHelper(label: string): Promise<string> {
  const current = await helperOf(label);
  return current === m.ids['reg:E-member'] ? m.ids['reg:E-member-2'] : m.ids['reg:E-member'];
}

// ─── Nothing written ──────────────────────────────────────────────────────────────────────

/**
 * Every table's row count and the newest transaction that wrote one of its rows (xmin), as
 * the owner sees them (all rows): any committed insert, update or delete changes one of the two.
 */
let fingerprintSql = '';
async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables: { name: string }[] = await m.api.db.dataSource.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
    );
    fingerprintSql = tables
      .map(
        (t) =>
          `SELECT '${t.name}' AS t, count(*) || ' rows, last written by ' || coalesce(max(xmin::text::bigint), 0) AS f FROM "${t.name}"`,
      )
      .join(' UNION ALL ');
  }
  // Serial: planned in parallel, the ~90 small scans' workers each open every table again (~100 ms a call, against ~5 ms).
  const rows: { t: string; f: string }[] = await m.api.db.dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
    return tx.query(fingerprintSql);
  });
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

// ─── Asking ───────────────────────────────────────────────────────────────────────────────

interface Refusal {
  code: string;
  message: string;
  field?: unknown;
}

/** The first error of an answer, with the ids in its message blanked (so two ids' answers compare), or "answered" when it succeeded. */
async function attempt(who: Who, mutation: string, variables: Record<string, unknown>): Promise<Refusal | 'answered'> {
  const res = await m.api.gqlAs(m.auth[who], mutation, variables);
  if (!res.errors?.length) return 'answered';
  const [e] = res.errors;
  return {
    code: String(e.extensions?.code),
    message: e.message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
    field: e.extensions?.field,
  };
}

function withRandom(variables: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(variables);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]] = randomUUID();
  return copy;
}

describe('the mutation matrix covers every mutation', () => {
  it('has an entry for every Mutation field but the public login and refresh, and no other', async () => {
    const { schema } = await buildFederatedSchema();
    const fields = Object.keys(schema.getMutationType()!.getFields());
    expect([...Object.keys(MUTATIONS), 'reportCase', ...PUBLIC_MUTATIONS].sort()).toEqual(fields.sort());
  });
});

describe('every mutation, as every identity but the admin, against a row outside its scope', () => {
  it.each(Object.keys(MUTATIONS))('%s', async (name) => {
    const cell = MUTATIONS[name];
    const failures: string[] = [];
    let before = await fingerprint();
    for (const who of ASKED) {
      const expected = outcome(cell, who);
      if (typeof expected === 'object') continue;
      const variables = await cell.variables(who);
      const got = await attempt(who, cell.mutation, variables);
      const fail = (why: string) => failures.push(`${name} as ${who}: expected ${expected}, ${why}`);
      if (got === 'answered') fail('but it succeeded');
      else if (expected === 'UNAUTHENTICATED' && got.code !== 'UNAUTHENTICATED') fail(`got ${JSON.stringify(got)}`);
      else if (expected === FORBIDDEN && got.code !== 'FORBIDDEN') fail(`got ${JSON.stringify(got)}`);
      else if (expected === AS_MISSING) {
        const target = typeof cell.target === 'function' ? cell.target(who) : (cell.target ?? 'id');
        const missing = await attempt(who, cell.mutation, withRandom(variables, target));
        if (JSON.stringify(got) !== JSON.stringify(missing))
          fail(`got ${JSON.stringify(got)}, and for a random ${target} ${JSON.stringify(missing)}`);
        else if (!['NOT_FOUND', 'FORBIDDEN'].includes(got.code))
          fail(`got ${JSON.stringify(got)} (the same for a random ${target}, but not NOT_FOUND or FORBIDDEN)`);
      }
      const after = await fingerprint();
      const written = changed(before, after);
      if (written.length)
        failures.push(`${name} as ${who}: wrote to ${written.map((t) => `${t} (${before[t]} → ${after[t]})`).join(', ')}`);
      before = after;
    }
    expect(failures).toEqual([]);
  });
});

// ─── Reporting: open to everyone signed in, anywhere ──────────────────────────────────────

/**
 * Anyone signed in may report, anywhere, so reportCase writes (a new case); what it answers
 * must still stay inside what the reporter sees. Known leaks: possibleDuplicates listed
 * other people's cases, and replaying another reporter's clientKey answered that person's case.
 */
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } possibleDuplicates { id } } }`;
/** The cases reported here, by whom (whoever reported a case sees it too). */
const reported: SeededCase[] = [];
const sameSpot = () => m.cases.find((c) => c.label === 'case:E11-reported')!;

async function reportAs(who: Who, clientKey: string): Promise<string[]> {
  const other = sameSpot();
  const res = await m.api.gqlAs<{ reportCase: { case: { id: string }; possibleDuplicates: { id: string }[] } }>(m.auth[who], REPORT, {
    input: { clientKey, category: other.category, source: 'RESIDENT', ...pointIn('E11'), description: '同一个地方的问题' },
  });
  if (who === 'anonymous')
    return res.errors?.[0].extensions?.code === 'UNAUTHENTICATED'
      ? []
      : [`expected UNAUTHENTICATED, got ${JSON.stringify(res.errors ?? res.data)}`];
  // A clear refusal is fine (a department key without the Case scope may not report); an internal error is not.
  if (res.errors)
    return ['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN'].includes(String(res.errors[0].extensions?.code))
      ? []
      : [`${res.errors[0].extensions?.code}: ${res.errors[0].message}`];
  const { case: made, possibleDuplicates } = res.data!.reportCase;
  const failures: string[] = [];
  if (made.id === other.id) failures.push(`answered the other reporter's case ${other.label}`);
  if (!m.cases.some((c) => c.id === made.id))
    reported.push({ ...other, label: `case:E11-by-${who}`, id: m.name(`case:E11-by-${who}`, made.id), reporter: who, clientKey });
  const known = [...m.cases, ...reported];
  const unseen = possibleDuplicates
    .map((d) => known.find((c) => c.id === d.id))
    .filter((c) => !c || !(seesCase(who, c) || c.reporter === who));
  if (unseen.length) failures.push(`suggested duplicates it may not see: ${unseen.map((c) => c?.label ?? 'an unknown case').join(', ')}`);
  return failures;
}

describe('reportCase, as every identity but the admin, at a spot in the east with an open case', () => {
  it.each(ASKED)('a new report suggests as duplicates only cases %s sees', async (who) => {
    expect(await reportAs(who, `matrix-${who}-${randomUUID()}`)).toEqual([]);
  });

  it.each(ASKED)(`a replay of another reporter's clientKey never answers their case nor fails inside, as %s`, async (who) => {
    expect(await reportAs(who, sameSpot().clientKey)).toEqual([]);
  });
});
