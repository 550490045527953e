import 'reflect-metadata';
import { Kind, parse, print, visit, type DocumentNode, type ObjectTypeDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { Express } from 'express';
import WebSocket from 'ws';
import { makeBBox, tilesCovering } from '@streetgrid/geo';
import { buildFederatedSchema } from '../src/app/schema';
import { encodeSyncCursor } from '../src/platform/graphql/sync';
import { jwtSecret } from '../src/platform/config';
import { ALL_KINDS } from '../src/domains/notify/notify.type';
import { signLink } from '../src/platform/identity/signed-link';
import {
  buildingPoint,
  deptScopes,
  EVALUATION_MONTH,
  EVERYONE,
  GRID_CODES,
  gridId,
  HOME,
  isDepartment,
  LEADS,
  type Matrix,
  PERIOD,
  placesSeenBy,
  pointIn,
  type SeededCase,
  seesCase,
  SMALL_GRIDS,
  STAFF_DEPARTMENT,
  startMatrix,
  STREET_CODE,
  type Who,
} from './matrix-fixture';

/*
 * Every way to read — each Query field, each Subscription, `_entities` for each @key, each
 * REST route — asked by every identity (matrix-fixture.ts) on a street with rows of every
 * kind in both communities; each cell states what that identity must get: exactly the rows
 * allowed (as labels, e.g. "case:W11-reported"), a count, or a refusal. Expectations are
 * the rules in words applied to the fixture's structure, not the policies' SQL. A field,
 * key or route without an entry fails the first test, so nothing new can skip the matrix.
 */

process.env.CASE_SWEEP_MS = '0';
// Syncs hand out everything committed (no safety window), so the rows seeded just before the cells are all in.
process.env.SYNC_WINDOW_MS = '0';

const UNAUTHENTICATED = '⛔ UNAUTHENTICATED';
const FORBIDDEN = '⛔ FORBIDDEN';
/** Anonymous callers are refused everything but the public fields. */
const signedIn = (who: Who, then: () => unknown) => (who === 'anonymous' ? UNAUTHENTICATED : then());
const isLeader = (who: Who): who is keyof typeof LEADS => who in LEADS;
const isMember = (who: Who): who is keyof typeof HOME => who in HOME;
const isStaff = (who: Who) => who === 'admin' || who === 'operator';
/** A department's staff account: the cases of their department and nothing else (as a department key without scopes). */
const isDeptStaff = (who: Who) => who === 'deptStaff';
/** Whether `who` sees the street (everyone signed in but departments: keys with the Street scope). */
const seesStreet = (who: Who) => (isDepartment(who) ? deptScopes(who).includes('Street') : !isDeptStaff(who));
const OPEN = ['REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'ESCALATED'];

let m: Matrix;
/** A sync cursor from before the seed: every seeded row has changed since. */
let syncSince: string;
/** Tombstones planted for each synced kind in W11 and E22 (E22's case was sent to the staff's department). */
const TOMB_KINDS = ['Grid', 'Building', 'Household', 'Resident', 'Case', 'PartyOrganization'] as const;
type TombKind = (typeof TOMB_KINDS)[number];
const TOMB_GRIDS = ['W11', 'E22'];
beforeAll(async () => {
  syncSince = encodeSyncCursor({
    at: new Date(Date.now() - 1000).toISOString().replace('Z', '000Z'),
    id: '00000000-0000-0000-0000-000000000000',
  });
  m = await startMatrix();
  for (const kind of TOMB_KINDS)
    for (const g of TOMB_GRIDS) {
      const [{ id }]: { id: string }[] = await m.api.db.dataSource.query(
        `INSERT INTO tombstone (kind, entity_id, deleted_at, grid_path, department_id)
         SELECT $1, gen_random_uuid(), now(), path, CASE WHEN $1 = 'Case' AND $3 THEN (SELECT id FROM department WHERE code = $4) END
           FROM grid WHERE code = $2 RETURNING entity_id AS id`,
        [kind, GRID_CODES[g], g === 'E22', STAFF_DEPARTMENT],
      );
      m.name(`tomb:${kind}:${g}`, id);
    }
}, 120_000);
afterAll(() => m?.api.close());

// ─── What each identity sees, in words ────────────────────────────────────────────────────

/**
 * Grids: street staff and departments with Grid every one; a leader their grid and what lies
 * under it; a resident or volunteer the chain of grids around their home.
 */
function gridsSeen(who: Who): string[] {
  const all = Object.keys(GRID_CODES);
  if (isStaff(who) || (isDepartment(who) && deptScopes(who).includes('Grid'))) return all.map((g) => `grid:${g}`);
  if (isLeader(who)) return all.filter((g) => g.startsWith(LEADS[who])).map((g) => `grid:${g}`);
  if (isMember(who)) return all.filter((g) => HOME[who].small.startsWith(g)).map((g) => `grid:${g}`);
  return [];
}
/** A resident's or volunteer's household, as "W11/0". */
const homeOf = (who: Who) => `${HOME[who as keyof typeof HOME].small}/${HOME[who as keyof typeof HOME].household}`;
/** Buildings, households, residents: of the small grids `placesSeenBy` names, or a resident's or volunteer's own. */
const buildingsSeen = (who: Who) => {
  const places = placesSeenBy(who, 'Building');
  return places === 'home' ? [`b:${homeOf(who).slice(0, 3)}`] : places.map((s) => `b:${s}`);
};
const householdsSeen = (who: Who) => {
  const places = placesSeenBy(who, 'Household');
  return places === 'home' ? [`h:${homeOf(who)}`] : places.flatMap((s) => [`h:${s}/0`, `h:${s}/1`]);
};
const residentsSeen = (who: Who) => {
  const places = placesSeenBy(who, 'Resident');
  const households = places === 'home' ? [homeOf(who)] : places.flatMap((s) => [`${s}/0`, `${s}/1`]);
  return households.flatMap((h) => [`r:${h}/0`, `r:${h}/1`]);
};
/**
 * Party organisations: the street committee to everyone signed in (departments: with
 * PartyOrganization); below it, those of the grids they see.
 */
function partySeen(who: Who): string[] {
  if (isDeptStaff(who)) return [];
  if (isDepartment(who))
    return deptScopes(who).includes('PartyOrganization') ? ['party:street', ...Object.keys(GRID_CODES).map((g) => `party:${g}`)] : [];
  return ['party:street', ...gridsSeen(who).map((g) => g.replace('grid:', 'party:'))];
}
const casesSeen = (who: Who) => m.cases.filter((c) => seesCase(who, c)).map((c) => c.label);
/**
 * Tombstones (deleted rows, for departments' syncs): street staff all; a leader those under their grids; a department key
 * those of the kinds its scopes name; a department's staff the cases of their department; residents and volunteers none.
 */
function tombstonesSeen(who: Who, kind: TombKind): string[] {
  const all = TOMB_GRIDS.map((g) => `tomb:${kind}:${g}`);
  if (isStaff(who)) return all;
  if (isLeader(who)) return TOMB_GRIDS.filter((g) => g.startsWith(LEADS[who])).map((g) => `tomb:${kind}:${g}`);
  if (isDepartment(who)) return deptScopes(who).includes(kind) ? all : [];
  if (isDeptStaff(who)) return kind === 'Case' ? ['tomb:Case:E22'] : [];
  return [];
}

/** The seeded organisations (matrix-fixture.ts): label → the grid it belongs to and whether it is published. */
const ORGANIZATIONS: Record<string, { grid: string; published: boolean }> = {
  'org:W': { grid: 'W', published: true },
  'org:W1': { grid: 'W1', published: true },
  'org:W2-draft': { grid: 'W2', published: false },
  'org:E': { grid: 'E', published: true },
  'org:E1': { grid: 'E1', published: true },
  'org:E2-draft': { grid: 'E2', published: false },
};
const allOrganizations = () => Object.keys(ORGANIZATIONS);
/**
 * Organisations (五方联动): street staff all; a leader those of the grids they lead and the published ones of the grids above;
 * a resident or volunteer the published ones of the grids around their home; departments (keys and staff) none.
 */
function organizationsSeen(who: Who): string[] {
  const all = Object.entries(ORGANIZATIONS);
  if (isStaff(who)) return allOrganizations().sort();
  if (isLeader(who))
    return all
      .filter(([, o]) => o.grid.startsWith(LEADS[who]) || (o.published && LEADS[who].startsWith(o.grid)))
      .map(([l]) => l)
      .sort();
  if (isMember(who))
    return all
      .filter(([, o]) => o.published && HOME[who].small.startsWith(o.grid))
      .map(([l]) => l)
      .sort();
  return [];
}

/** The consultations the fixture seeds: one published in each community's first compound, one unpublished of the west community. */
const ALL_CONSULTATIONS = ['consult:E1', 'consult:W-private', 'consult:W1'];
function consultationsSeen(who: Who): string[] {
  if (isStaff(who)) return ALL_CONSULTATIONS;
  if (isLeader(who)) return { W: ['consult:W-private', 'consult:W1'], W1: ['consult:W1'], W11: [] }[LEADS[who]];
  // The resident lives in W11 (compound W1) and is invited to the community's; the volunteer lives in W21.
  if (who === 'resident') return ['consult:W-private', 'consult:W1'];
  return [];
}
function projectsSeen(who: Who): string[] {
  if (isStaff(who)) return ['project:E1', 'project:W1'];
  if (isLeader(who)) return LEADS[who] === 'W11' ? [] : ['project:W1'];
  return who === 'resident' ? ['project:W1'] : [];
}

/** Where each seeded service row lies (its small grid) and whose household it is for. */
const SERVICE_ROWS: Record<string, { small: string; household?: string }> = {
  'need:W11-resident': { small: 'W11', household: 'h:W11/0' },
  'need:W22': { small: 'W22', household: 'h:W22/1' },
  'need:E11-proposed': { small: 'E11' },
  'need:E12-confirmed': { small: 'E12' },
  'need:E21-accepted': { small: 'E21' },
  'need:E22-open': { small: 'E22' },
  'match:W11-volunteer': { small: 'W11' },
  'match:E11-proposed': { small: 'E11' },
  'match:E12-confirmed': { small: 'E12' },
  'match:E21-accepted': { small: 'E21' },
  'wish:W11-published': { small: 'W11', household: 'h:W11/0' },
  'wish:W12-submitted': { small: 'W12' },
  'wish:W22-claimed': { small: 'W22' },
  'wish:E11-submitted': { small: 'E11' },
  'wish:E12-published': { small: 'E12' },
  'wish:E21-claimed': { small: 'E21' },
  'wish:E22-fulfilled': { small: 'E22' },
};
const rowsOf = (prefix: string) => Object.keys(SERVICE_ROWS).filter((l) => l.startsWith(prefix));
const inLeadersGrids = (who: Who, label: string) => isLeader(who) && SERVICE_ROWS[label].small.startsWith(LEADS[who]);
const ownHousehold = (who: Who, label: string) => isMember(who) && SERVICE_ROWS[label].household === `h:${homeOf(who)}`;
// Community services are not the departments': no need, match, registration or wish reaches a department key.

/**
 * Needs: staff all; a leader those in their grids; a resident or volunteer their household's,
 * and the needs of tasks confirmed to them (the volunteer's: the resident's need).
 */
const needsSeen = (who: Who) =>
  rowsOf('need:').filter(
    (n) => isStaff(who) || inLeadersGrids(who, n) || ownHousehold(who, n) || (who === 'volunteer' && n === 'need:W11-resident'),
  );
/** Matches: staff all; a leader those for needs in their grids; a volunteer the ones confirmed (or later) to their own registration. */
const matchesSeen = (who: Who) =>
  rowsOf('match:').filter((x) => isStaff(who) || inLeadersGrids(who, x) || (who === 'volunteer' && x === 'match:W11-volunteer'));
/** Registrations: staff all; the west leaders the resources list of the community they work in; a volunteer their own. */
const registrationsSeen = (who: Who) => {
  if (isStaff(who)) return ['reg:volunteer', 'reg:W-member', 'reg:E-member', 'reg:E-member-2', 'reg:W-unit', 'reg:E-unit'];
  if (isLeader(who)) return ['reg:volunteer', 'reg:W-member', 'reg:W-unit'];
  return who === 'volunteer' ? ['reg:volunteer'] : [];
};
const PUBLIC_BOARD = ['wish:W11-published', 'wish:W22-claimed', 'wish:E12-published', 'wish:E21-claimed', 'wish:E22-fulfilled'];
/**
 * Wishes, with " +address" where the delivery address is shown: staff all; a leader those of
 * their grids; residents and volunteers the public board (published and later) and their own
 * household's at any stage. The address: to staff, the grid's leaders, the household itself
 * and the helper holding the live claim (the volunteer holds W22's).
 */
const wishesSeen = (who: Who) =>
  rowsOf('wish:')
    .filter((w) => isStaff(who) || inLeadersGrids(who, w) || (isMember(who) && (PUBLIC_BOARD.includes(w) || ownHousehold(who, w))))
    .map((w) =>
      isStaff(who) || isLeader(who) || ownHousehold(who, w) || (who === 'volunteer' && w === 'wish:W22-claimed') ? `${w} +address` : w,
    );
const openCasesUnder = (who: Who, grid: string) =>
  m.cases.filter((c) => seesCase(who, c) && OPEN.includes(c.status) && c.small.startsWith(grid)).length;

// ─── Asking ───────────────────────────────────────────────────────────────────────────────

/** One answer: refused as a whole ("⛔ CODE"), or each top-level field's value (a refused field: "⛔ CODE"). */
type Asked = { refused: string } | { refused: null; fields: Record<string, unknown> };

async function ask(who: Who, query: string, variables?: Record<string, unknown>): Promise<Asked> {
  const res = await m.api.gqlAs<Record<string, unknown>>(m.auth[who], query, variables);
  const whole = res.errors?.find((e) => !e.path);
  if (whole) return { refused: `⛔ ${whole.extensions?.code}` };
  const keys = topLevelKeys(query);
  // A refused non-null field nulls the whole answer: then each top-level field is asked on its own.
  if (!res.data && keys.length > 1) {
    const parts = await Promise.all(splitOperation(query).map((q) => ask(who, q, variables)));
    const refused = parts.find((p) => p.refused !== null);
    return refused ?? { refused: null, fields: Object.assign({}, ...parts.map((p) => (p as { fields: object }).fields)) };
  }
  const fields = Object.fromEntries(
    keys.map((k) => {
      const error = res.errors?.find((e) => e.path?.[0] === k);
      return [k, error ? `⛔ ${error.extensions?.code}` : res.data![k]];
    }),
  );
  return { refused: null, fields };
}

function operationOf(query: string): OperationDefinitionNode {
  return parse(query).definitions[0] as OperationDefinitionNode;
}

function topLevelKeys(query: string): string[] {
  return operationOf(query).selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.alias?.value ?? s.name.value] : []));
}

/** One operation per top-level field, each declaring only the variables it uses. */
function splitOperation(query: string): string[] {
  const op = operationOf(query);
  return op.selectionSet.selections.map((selection) => {
    const used = new Set<string>();
    visit(selection, { Variable: (v) => void used.add(v.name.value) });
    const part: OperationDefinitionNode = {
      ...op,
      variableDefinitions: op.variableDefinitions?.filter((d) => used.has(d.variable.name.value)),
      selectionSet: { ...op.selectionSet, selections: [selection] },
    };
    return print({ kind: Kind.DOCUMENT, definitions: [part] } as DocumentNode);
  });
}

/** Rows as their sorted labels: a list, a connection's nodes, one row, or null. */
function labels(value: unknown): unknown {
  if (value == null) return null;
  if (Array.isArray(value)) return value.map((x) => (x && typeof x === 'object' ? m.label((x as { id: string }).id) : x)).sort();
  if (typeof value === 'object' && 'nodes' in value) return labels((value as { nodes: unknown[] }).nodes);
  if (typeof value === 'object' && 'id' in value) return m.label((value as { id: string }).id);
  return value;
}

/**
 * `{ l0: field(id: "…") { id } l1: … }`, one alias per labelled row (`rows`: label → arguments;
 * 16 to a request, within the alias limit); answered as the labels that came back.
 */
function lookup(field: string, rows: () => [label: string, args: string][]): Pick<GraphQLCell, 'query' | 'readAll'> {
  return {
    query: () => {
      const aliases = rows().map(([, args], i) => `l${i}: ${field}(${args}) { id }`);
      return Array.from({ length: Math.ceil(aliases.length / 16) }, (_, i) => `{ ${aliases.slice(i * 16, i * 16 + 16).join(' ')} }`);
    },
    readAll: (fields) =>
      rows().flatMap(([l], i) => {
        const a = fields[`l${i}`];
        return a == null ? [] : typeof a === 'string' ? [`${l} ${a}`] : [l];
      }),
  };
}
const byId = (rowLabels: () => string[]) => (): [string, string][] => rowLabels().map((l) => [l, `id: "${m.ids[l]}"`]);

/** `_entities` for every row of a @key type: the labels of those resolved. */
function entities(
  type: string,
  rowLabels: () => string[],
  key: (label: string) => Record<string, string> = (l) => ({ id: m.ids[l] }),
): Pick<GraphQLCell, 'query' | 'variables' | 'read'> {
  return {
    query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${type} { id } } }`,
    variables: () => ({ reps: rowLabels().map((l) => ({ __typename: type, ...key(l) })) }),
    read: (value) => (Array.isArray(value) ? value.flatMap((e, i) => (e ? [rowLabels()[i]] : [])) : value),
  };
}

interface GraphQLCell {
  /** One operation, or several whose answers are taken together (made when asked: the seed's ids are known by then). */
  query: string | (() => string | string[]);
  variables?: () => Record<string, unknown>;
  /** What is compared of each top-level field's value (default: its rows' labels); a query of one field answers that field's. */
  read?: (value: unknown) => unknown;
  /** Or of all top-level fields at once. */
  readAll?: (fields: Record<string, unknown>) => unknown;
  expect: (who: Who) => unknown;
}

/** What `who` got for `cell`, in the shape its expectation has. */
async function answer(who: Who, cell: GraphQLCell): Promise<unknown> {
  const fields: Record<string, unknown> = {};
  const queries = typeof cell.query === 'function' ? cell.query() : cell.query;
  for (const query of Array.isArray(queries) ? queries : [queries]) {
    const asked = await ask(who, query, cell.variables?.());
    if (asked.refused !== null) return asked.refused;
    Object.assign(fields, asked.fields);
  }
  if (cell.readAll) return cell.readAll(fields);
  const read = cell.read ?? labels;
  const each = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('⛔') ? v : read(v)]));
  const keys = Object.keys(each);
  return keys.length === 1 ? each[keys[0]] : each;
}

const allGrids = Object.keys(GRID_CODES).map((g) => `grid:${g}`);
const allBuildings = SMALL_GRIDS.map((s) => `b:${s}`);
const allHouseholds = SMALL_GRIDS.flatMap((s) => [`h:${s}/0`, `h:${s}/1`]);
const allResidents = allHouseholds.flatMap((h) => [`r:${h.slice(2)}/0`, `r:${h.slice(2)}/1`]);
const allParty = ['party:street', ...Object.keys(GRID_CODES).map((g) => `party:${g}`)];
const allCases = () => m.cases.map((c) => c.label);
const always = (rowLabels: string[]) => () => rowLabels;
const byLabels = (wanted: string[]) => (label: string) => wanted.includes(label);

const byCode = (g: string): [string, string] => [`${g} (by code)`, `code: "${GRID_CODES[g.slice(5)]}"`];
/** From yesterday to tomorrow: every seeded case was reported in it. */
const range = () => ({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() });

/**
 * A list's cell with its sync (changedSince) asked beside it: a full pull (`""`) and the changes since before the seed
 * answer the same rows as the list, and `removed` the planted tombstones of its kind the caller may see.
 */
function withSync(cell: GraphQLCell, field: string, kind: TombKind, seen: (who: Who) => string[]): GraphQLCell {
  const sync = () =>
    `{ full: ${field}(changedSince: "", first: 500) { nodes { id updatedAt } } ` +
    `since: ${field}(changedSince: "${syncSince}", first: 500) { nodes { id } removed { id } } }`;
  const removed = (v: unknown) => (v && typeof v === 'object' ? labels((v as { removed: unknown[] }).removed) : v);
  return {
    query: () => [...[typeof cell.query === 'function' ? cell.query() : cell.query].flat(), sync()],
    variables: cell.variables,
    readAll: ({ full, since, ...rest }) => {
      const read = cell.read ?? labels;
      const each = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('⛔') ? v : read(v)]));
      const keys = Object.keys(each);
      const list = cell.readAll ? cell.readAll(rest) : keys.length === 1 ? each[keys[0]] : each;
      return { list, full: labels(full), since: labels(since), removed: removed(since) };
    },
    expect: (who) =>
      signedIn(who, () => ({ list: cell.expect(who), full: seen(who), since: seen(who), removed: tombstonesSeen(who, kind) })),
  };
}

/**
 * 宣传: a row published in compound 1 of each community (W1, E1): street staff both; the west leaders the west one (the
 * compound's own, published above the small grid's leader, under the community's); the resident (W11) the west one; the
 * volunteer (W21) neither; departments and their staff nothing.
 */
function publicitySeen(who: Who, kind: string): string[] {
  if (isStaff(who)) return [`${kind}:E1`, `${kind}:W1`];
  if (isLeader(who) || who === 'resident') return [`${kind}:W1`];
  return [];
}
/** The covenant of each community: street staff both; the west leaders, the resident and the volunteer (all of W) the west one. */
function covenantSeen<T>(who: Who, seen: (c: 'W' | 'E') => T, none: T): { west: T; east: T } {
  if (isStaff(who)) return { west: seen('W'), east: seen('E') };
  if (isLeader(who) || isMember(who)) return { west: seen('W'), east: none };
  return { west: none, east: none };
}

/** The GraphQL matrix: one entry per Query field (and `_entities` per @key), each cell what `expect(who)` says. */
const GRAPHQL: Record<string, GraphQLCell> = {
  'Query.accountChanges': {
    query: `{ accountChanges { id action } }`,
    // The fixture's accounts were seeded, not changed through the app: no row to see; who may read the log at all is the point.
    read: (v) => (Array.isArray(v) ? v.length : v),
    expect: (who) => signedIn(who, () => (who === 'admin' || who === 'leaderLarge' ? 0 : FORBIDDEN)),
  },
  'Query.apiKeys': {
    query: `{ apiKeys { id } }`,
    // Only a street admin manages keys.
    expect: (who) =>
      signedIn(who, () =>
        who === 'admin'
          ? Object.keys(m.ids)
              .filter((l) => l.startsWith('key:'))
              .sort()
          : FORBIDDEN,
      ),
  },
  'Query.building': { ...lookup('building', byId(always(allBuildings))), expect: (who) => signedIn(who, () => buildingsSeen(who)) },
  'Query.buildings': withSync(
    { query: `{ buildings(first: 100) { nodes { id } } }`, expect: (who) => signedIn(who, () => buildingsSeen(who)) },
    'buildings',
    'Building',
    buildingsSeen,
  ),
  'Query.case': { ...lookup('case', byId(allCases)), expect: (who) => signedIn(who, () => casesSeen(who)) },
  'Query.caseByNumber': {
    ...lookup('caseByNumber', () => m.cases.map((c): [string, string] => [c.label, `number: "${c.number}"`])),
    expect: (who) => signedIn(who, () => casesSeen(who)),
  },
  'Query.cases': withSync(
    {
      // Also the command centre's 申请延期 queue: the seeded extension request, where the caller sees its case.
      query: `{ all: cases(first: 100) { nodes { id } } asked: cases(extensionRequested: true, first: 100) { nodes { id } } }`,
      expect: (who) =>
        signedIn(who, () => ({ all: casesSeen(who), asked: casesSeen(who).filter((l) => l === 'case:E21-extension-asked') })),
    },
    'cases',
    'Case',
    casesSeen,
  ),
  'Query.caseCategories': {
    query: `{ caseCategories { code } }`,
    read: (v) => (Array.isArray(v) ? v.length : v),
    // The category code table: everyone signed in.
    expect: (who) => signedIn(who, () => 8),
  },
  'Query.departments': {
    query: `{ departments { code } }`,
    read: (v) => (Array.isArray(v) ? v.length : v),
    // 职能部门名录, a reference table: everyone signed in.
    expect: (who) => signedIn(who, () => 7),
  },
  'Query.caseIndicators': {
    // Known leak: the counts of another community to everyone. Counted over the cases the caller sees, of a grid the caller sees.
    query: `query ($w: ID!, $e: ID!, $from: DateTime!, $to: DateTime!) {
      west: caseIndicators(gridId: $w, from: $from, to: $to) { reported }
      east: caseIndicators(gridId: $e, from: $from, to: $to) { reported }
      all: caseIndicators(from: $from, to: $to) { reported }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E'), ...range() }),
    read: (v) => (v && typeof v === 'object' ? (v as { reported: number }).reported : v),
    expect: (who) =>
      signedIn(who, () => {
        const of = (community: 'W' | 'E') =>
          gridsSeen(who).includes(`grid:${community}`)
            ? m.cases.filter((c) => c.small.startsWith(community) && seesCase(who, c)).length
            : FORBIDDEN;
        // Without a grid: every case the caller sees (the command centre's street in one statement).
        return { west: of('W'), east: of('E'), all: casesSeen(who).length };
      }),
  },
  'Query.caseHeatmap': {
    // 案件热力: counted over the cases the caller sees, of a grid the caller sees (as caseIndicators).
    query: `query ($w: ID!, $e: ID!, $from: DateTime!, $to: DateTime!) {
      west: caseHeatmap(gridId: $w, from: $from, to: $to) { total }
      east: caseHeatmap(gridId: $e, from: $from, to: $to) { total }
      all: caseHeatmap(from: $from, to: $to) { total }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E'), ...range() }),
    read: (v) => (v && typeof v === 'object' ? (v as { total: number }).total : v),
    expect: (who) =>
      signedIn(who, () => {
        const of = (community: 'W' | 'E') =>
          gridsSeen(who).includes(`grid:${community}`)
            ? m.cases.filter((c) => c.small.startsWith(community) && seesCase(who, c)).length
            : FORBIDDEN;
        return { west: of('W'), east: of('E'), all: casesSeen(who).length };
      }),
  },
  'Query.caseKpiSeries': {
    // The KPI band's sparklines: the cases reported in the 12 weeks (all seeded now) that the caller sees, as caseIndicators.
    query: `query ($w: ID!, $e: ID!, $to: DateTime!) {
      west: caseKpiSeries(gridId: $w, to: $to) { reported }
      east: caseKpiSeries(gridId: $e, to: $to) { reported }
      all: caseKpiSeries(to: $to) { reported }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E'), to: range().to }),
    read: (v) => (v && typeof v === 'object' ? (v as { reported: number[] }).reported.reduce((a, b) => a + b, 0) : v),
    expect: (who) =>
      signedIn(who, () => {
        const of = (community: 'W' | 'E') =>
          gridsSeen(who).includes(`grid:${community}`)
            ? m.cases.filter((c) => c.small.startsWith(community) && seesCase(who, c)).length
            : FORBIDDEN;
        return { west: of('W'), east: of('E'), all: casesSeen(who).length };
      }),
  },
  'Query.claimableWishes': {
    // Known leak: a wish near another community, with its household's address. Published wishes within reach, as the board shows them.
    query: `{
      claimableWishes(lng: ${buildingPoint('E12').lng}, lat: ${buildingPoint('E12').lat}, meters: 5000, first: 100) { id address }
    }`,
    read: (v) =>
      Array.isArray(v) ? v.map((w: { id: string; address: string | null }) => `${m.label(w.id)}${w.address ? ' +address' : ''}`).sort() : v,
    expect: (who) =>
      signedIn(who, () => wishesSeen(who).filter((w) => w.startsWith('wish:W11-published') || w.startsWith('wish:E12-published'))),
  },
  'Query.echoCommunities': {
    // The echo wall's list of communities: public, name and code only.
    query: `{ echoCommunities { code } }`,
    read: (v) => (Array.isArray(v) ? v.map((c: { code: string }) => c.code) : v),
    expect: () => [GRID_CODES.W, GRID_CODES.E],
  },
  'Query.echoWall': {
    // 回音壁: public, without names: the closed cases and fulfilled wishes of the community (by id or by code).
    query: `query ($w: ID!, $e: ID!) {
      west: echoWall(communityId: $w) { id }
      east: echoWall(communityId: $e) { id }
      eastByCode: echoWall(communityCode: "${GRID_CODES.E}") { id }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    expect: () => ({
      west: ['case:W11-closed'],
      east: ['case:E22-closed', 'wish:E22-fulfilled'],
      eastByCode: ['case:E22-closed', 'wish:E22-fulfilled'],
    }),
  },
  'Query.grid': {
    ...lookup('grid', () => [...byId(always(allGrids))(), ...allGrids.map(byCode)]),
    expect: (who) => signedIn(who, () => gridsSeen(who).flatMap((g) => [g, `${g} (by code)`])),
  },
  'Query.gridAt': {
    query: `{
      west: gridAt(lng: ${pointIn('W11').lng}, lat: ${pointIn('W11').lat}) { id }
      east: gridAt(lng: ${pointIn('E11').lng}, lat: ${pointIn('E11').lat}) { id }
    }`,
    expect: (who) =>
      signedIn(who, () => ({
        west: ['grid:W', 'grid:W1', 'grid:W11'].filter(byLabels(gridsSeen(who))),
        east: ['grid:E', 'grid:E1', 'grid:E11'].filter(byLabels(gridsSeen(who))),
      })),
  },
  'Query.grids': withSync(
    {
      query: `{ grids(first: 100) { nodes { id counts { children buildings households residents } } } }`,
      read: (v) =>
        v && typeof v === 'object'
          ? (v as { nodes: { id: string; counts: Record<string, number> }[] }).nodes.map(
              ({ id, counts: c }) => `${m.label(id)} ${c.children}/${c.buildings}/${c.households}/${c.residents}`,
            )
          : v,
      // Each grid with its counts (children/buildings/households/residents) of what the caller sees under it, as the lists show them.
      expect: (who) =>
        signedIn(who, () => {
          const under = (g: string, rows: string[], prefix: string) => rows.filter((r) => r.startsWith(`${prefix}:${g}`)).length;
          return gridsSeen(who).map((label) => {
            const g = label.slice(5);
            const children = gridsSeen(who).filter((c) => c.length === label.length + 1 && c.startsWith(label)).length;
            const counts = [under(g, buildingsSeen(who), 'b'), under(g, householdsSeen(who), 'h'), under(g, residentsSeen(who), 'r')];
            return `${label} ${children}/${counts.join('/')}`;
          });
        }),
    },
    'grids',
    'Grid',
    gridsSeen,
  ),
  'Query.household': {
    ...lookup('household', byId(always(allHouseholds))),
    // A volunteer may reach the household of a task or claim for its address, but the household itself stays their own.
    expect: (who) => signedIn(who, () => householdsSeen(who)),
  },
  'Query.householdVisits': {
    // Known leak: another community's visit findings and visitor. Visits are the street staff's and the household's grid leaders'.
    query: `query ($w: ID!, $e: ID!) { west: householdVisits(householdId: $w) { id } east: householdVisits(householdId: $e) { id } }`,
    variables: () => ({ w: m.ids['h:W11/0'], e: m.ids['h:E11/0'] }),
    expect: (who) =>
      signedIn(who, () => {
        if (!isStaff(who) && !isLeader(who)) return { west: FORBIDDEN, east: FORBIDDEN };
        return { west: ['visit:W11'], east: isStaff(who) ? ['visit:E11'] : [] };
      }),
  },
  'Query.search': {
    // Every grid's name holds 区; every building's and household's address 示例路; each case is asked by its number.
    query: () => [
      `{ places: search(text: "区", first: 50) { id } addresses: search(text: "示例路", first: 50) { id } }`,
      `{ ${m.cases.map((c, i) => `c${i}: search(text: "${c.number}") { id }`).join(' ')} }`,
    ],
    readAll: (fields) => [...new Set(Object.values(fields).flatMap((v) => labels(v) as string[]))].sort(),
    expect: (who) => signedIn(who, () => [...gridsSeen(who), ...buildingsSeen(who), ...householdsSeen(who), ...casesSeen(who)].sort()),
  },
  'Query.households': withSync(
    { query: `{ households(first: 100) { nodes { id } } }`, expect: (who) => signedIn(who, () => householdsSeen(who)) },
    'households',
    'Household',
    householdsSeen,
  ),
  'Query.notificationPreferences': {
    query: `{ notificationPreferences { kinds channels quietStart } }`,
    read: (v) => (v && typeof v === 'object' ? `${(v as { kinds: unknown[] }).kinds.length} kinds` : v),
    // Every person their own (the defaults: every kind); a department key has no inbox.
    expect: (who) => signedIn(who, () => (isDepartment(who) ? FORBIDDEN : `${ALL_KINDS.length} kinds`)),
  },
  'Query.notifications': {
    query: `{ notifications(first: 100) { nodes { id } } }`,
    // 消息通知: each person exactly their own inbox (one seeded row each); a department key has none.
    expect: (who) => signedIn(who, () => (isDepartment(who) ? FORBIDDEN : [`notif:${who}`])),
  },
  'Query.unreadNotificationCount': {
    query: `{ unreadNotificationCount }`,
    expect: (who) => signedIn(who, () => (isDepartment(who) ? FORBIDDEN : 1)),
  },
  'Query.me': {
    query: `{ me { login registrations { id } } }`,
    read: (v) =>
      v && typeof v === 'object'
        ? `${(v as { login: string }).login} ${JSON.stringify(labels((v as { registrations: unknown[] }).registrations))}`
        : v,
    // Public: null to anyone but a signed-in person; a volunteer's own registrations.
    expect: (who) => {
      if (who === 'anonymous' || isDepartment(who)) return null;
      const login = who === 'admin' ? 'test-admin' : `m-${who.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return `${login} ${JSON.stringify(who === 'volunteer' ? ['reg:volunteer'] : [])}`;
    },
  },
  'Query.microWishes': {
    query: `{ microWishes(first: 100) { nodes { id address } } }`,
    read: (v) =>
      v && typeof v === 'object'
        ? (v as { nodes: { id: string; address: string | null }[] }).nodes
            .map((w) => `${m.label(w.id)}${w.address ? ' +address' : ''}`)
            .sort()
        : v,
    expect: (who) => signedIn(who, () => wishesSeen(who)),
  },
  'Query.partyOrganizations': {
    // The chain from the street committee down to the grid's organisation, as far up as the caller sees it.
    query: `query ($w: ID!, $e: ID!) { west: partyOrganizations(gridId: $w) { id } east: partyOrganizations(gridId: $e) { id } }`,
    variables: () => ({ w: gridId('W11'), e: gridId('E11') }),
    expect: (who) =>
      signedIn(who, () => {
        const seen = partySeen(who);
        const chain = (small: string) => {
          const up = ['party:street', `party:${small[0]}`, `party:${small.slice(0, 2)}`, `party:${small}`];
          const visibleFrom = up.findIndex((_, i) => up.slice(i).every((p) => seen.includes(p)));
          return visibleFrom < 0 ? [] : up.slice(visibleFrom).sort();
        };
        return { west: chain('W11'), east: chain('E11') };
      }),
  },
  'Query.partyCoverage': {
    // 全覆盖, a management view: street staff every grid, a leader their subtree (another community out of reach); anyone else refused.
    query: `query ($w: ID!, $e: ID!) {
      all: partyCoverage { gridCount }
      west: partyCoverage(gridId: $w) { gridCount }
      east: partyCoverage(gridId: $e) { gridCount }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) => (v && typeof v === 'object' ? (v as { gridCount: number }).gridCount : v),
    expect: (who) =>
      signedIn(who, () => {
        if (!isStaff(who) && !isLeader(who)) return { all: FORBIDDEN, west: FORBIDDEN, east: FORBIDDEN };
        const under = (c: 'W' | 'E') =>
          gridsSeen(who).includes(`grid:${c}`) ? gridsSeen(who).filter((g) => g.startsWith(`grid:${c}`)).length : FORBIDDEN;
        return { all: gridsSeen(who).length, west: under('W'), east: under('E') };
      }),
  },
  'Query.wallStatistics': {
    // 党建与服务统计, the readers of 全覆盖: street staff and leaders, counted over the rows they see; anyone else refused.
    query: `query ($from: DateTime!, $to: DateTime!) {
      wallStatistics(from: $from, to: $to) { registrations needsCreated wishesCreated }
    }`,
    variables: () => range(),
    read: (v) =>
      v && typeof v === 'object'
        ? (({ registrations, needsCreated, wishesCreated }: Record<string, number>) =>
            `registrations ${registrations} needs ${needsCreated} wishes ${wishesCreated}`)(v as Record<string, number>)
        : v,
    expect: (who) =>
      signedIn(who, () => {
        if (!isStaff(who) && !isLeader(who)) return FORBIDDEN;
        // The work units' registrations (`-unit`) are not active: the wall counts active ones.
        const active = registrationsSeen(who).filter((r) => !r.endsWith('-unit'));
        return `registrations ${active.length} needs ${needsSeen(who).length} wishes ${wishesSeen(who).length}`;
      }),
  },
  'Query.partyMap': {
    // The wall's party layer, the same readers as 全覆盖: street staff every grid, a leader their subtree; anyone else refused.
    query: `query ($w: ID!, $e: ID!) {
      all: partyMap { grids { gridId } servicePosts { id } }
      west: partyMap(gridId: $w) { grids { gridId } servicePosts { id } }
      east: partyMap(gridId: $e) { grids { gridId } servicePosts { id } }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) =>
      v && typeof v === 'object' ? [(v as { grids: unknown[] }).grids.length, (v as { servicePosts: unknown[] }).servicePosts.length] : v,
    expect: (who) =>
      signedIn(who, () => {
        if (!isStaff(who) && !isLeader(who)) return { all: FORBIDDEN, west: FORBIDDEN, east: FORBIDDEN };
        const seen = gridsSeen(who);
        const posts = (c: 'W' | 'E') => (seen.includes(`grid:${c}1`) ? 1 : 0);
        const under = (c: 'W' | 'E') =>
          seen.includes(`grid:${c}`) ? [seen.filter((g) => g.startsWith(`grid:${c}`)).length, posts(c)] : FORBIDDEN;
        return { all: [seen.length, posts('W') + posts('E')], west: under('W'), east: under('E') };
      }),
  },
  'Query.partyServicePosts': {
    // 党群服务阵地: public places, read by everyone signed in.
    query: `{ partyServicePosts { id } }`,
    expect: (who) => signedIn(who, () => ['post:E1', 'post:W1']),
  },
  'Query.postsBoard': {
    // 岗位公示: public, the same to everyone — each building's three leaders up the chain, none with a phone (no one consented),
    // and the service post of its compound; of publicity, the compound's public notice (never the community's draft), the
    // community's covenant and the compound's published deed.
    query: `{
      west: postsBoard(code: "${GRID_CODES.W11}") { ...board }
      east: postsBoard(code: "${GRID_CODES.E11}") { ...board }
    }
    fragment board on PostsBoard {
      leaders { name contact } servicePosts { id } notices { id } covenant { id } deeds { id }
    }`,
    read: (v) => {
      if (!v || typeof v !== 'object') return v;
      const b = v as {
        leaders: { contact: string | null }[];
        servicePosts: { id: string }[];
        notices: { id: string }[];
        covenant: { id: string } | null;
        deeds: { id: string }[];
      };
      return {
        leaders: b.leaders.length,
        contacts: b.leaders.filter((l) => l.contact).length,
        posts: labels(b.servicePosts),
        publicity: [labels(b.notices), labels(b.covenant), labels(b.deeds)],
      };
    },
    expect: () => ({
      west: { leaders: 3, contacts: 0, posts: ['post:W1'], publicity: [['notice:W1'], 'covenant:W', ['deed:W1']] },
      east: { leaders: 3, contacts: 0, posts: ['post:E1'], publicity: [['notice:E1'], 'covenant:E', ['deed:E1']] },
    }),
  },
  'Query.personalDataAccessLog': {
    query: `{ personalDataAccessLog { id } }`,
    // The audit log of personal-data reads: street admins only.
    expect: (who) => signedIn(who, () => (who === 'admin' ? ['audit:W11/0/0'] : FORBIDDEN)),
  },
  'Query.recentCaseEvents': {
    query: `{ recentCaseEvents(first: 100) { caseId } }`,
    read: (v) => (Array.isArray(v) ? [...new Set(v.map((e: { caseId: string }) => m.label(e.caseId)))].sort() : v),
    expect: (who) => signedIn(who, () => casesSeen(who).sort()),
  },
  'Query.resident': { ...lookup('resident', byId(always(allResidents))), expect: (who) => signedIn(who, () => residentsSeen(who)) },
  'Query.residents': withSync(
    { query: `{ residents(first: 100) { nodes { id } } }`, expect: (who) => signedIn(who, () => residentsSeen(who)) },
    'residents',
    'Resident',
    residentsSeen,
  ),
  'Query.partyOrganizationChanges': {
    // The party organisations' sync: the same organisations as the chains show, and the tombstones of the kind.
    query: () =>
      `{ full: partyOrganizationChanges(changedSince: "") { nodes { id updatedAt } } ` +
      `since: partyOrganizationChanges(changedSince: "${syncSince}") { nodes { id } removed { id } } }`,
    readAll: ({ full, since }) => ({
      full: labels(full),
      since: labels(since),
      removed: since && typeof since === 'object' ? labels((since as { removed: unknown[] }).removed) : since,
    }),
    expect: (who) =>
      signedIn(who, () => ({ full: partySeen(who), since: partySeen(who), removed: tombstonesSeen(who, 'PartyOrganization') })),
  },
  'Query.serviceEvaluations': {
    // 双评议: street staff any community; a leader of a grid containing the community (the large-grid leader for W); nobody else.
    query: `query ($w: ID!, $e: ID!) {
      west: serviceEvaluations(communityId: $w, period: "${EVALUATION_MONTH}") { registrationId }
      east: serviceEvaluations(communityId: $e, period: "${EVALUATION_MONTH}") { registrationId }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) => (Array.isArray(v) ? v.map((r: { registrationId: string }) => m.label(r.registrationId)).sort() : v),
    expect: (who) =>
      signedIn(who, () => ({
        west: isStaff(who) || who === 'leaderLarge' ? ['reg:W-member', 'reg:volunteer'] : FORBIDDEN,
        east: isStaff(who) ? ['reg:E-member', 'reg:E-member-2'] : FORBIDDEN,
      })),
  },
  'Query.unitReport': {
    // 双报告: the unit's own account (none among the identities), the leaders of its community (a leader below the community
    // sees the unit but may not read it) and street staff; a unit the caller cannot see is answered as a missing one.
    query: `query ($w: ID!, $e: ID!) {
      west: unitReport(unitId: $w, month: "${EVALUATION_MONTH}") { members { registrationId } }
      east: unitReport(unitId: $e, month: "${EVALUATION_MONTH}") { members { registrationId } }
    }`,
    variables: () => ({ w: m.ids['reg:W-unit'], e: m.ids['reg:E-unit'] }),
    read: (v) =>
      v && typeof v === 'object' ? (v as { members: { registrationId: string }[] }).members.map((r) => m.label(r.registrationId)) : v,
    expect: (who) =>
      signedIn(who, () => ({
        west: isStaff(who) || who === 'leaderLarge' ? ['reg:W-member'] : isLeader(who) ? FORBIDDEN : '⛔ NOT_FOUND',
        east: isStaff(who) ? ['reg:E-member'] : '⛔ NOT_FOUND',
      })),
  },
  'Query.unitEvaluationSheet': {
    // Public: the signed link is the credential, whoever holds it (signed in or not) sees that unit's month; an expired one nobody.
    query: `query ($t: String!, $x: String!) {
      west: unitEvaluationSheet(token: $t) { members { registrationId } }
      expired: unitEvaluationSheet(token: $x) { members { registrationId } }
    }`,
    variables: () => ({
      t: signLink(jwtSecret(), 'unit-evaluation', [m.ids['reg:W-unit'], EVALUATION_MONTH], new Date(Date.now() + 3_600_000)),
      x: signLink(jwtSecret(), 'unit-evaluation', [m.ids['reg:W-unit'], EVALUATION_MONTH], new Date(Date.now() - 1000)),
    }),
    read: (v) =>
      v && typeof v === 'object' ? (v as { members: { registrationId: string }[] }).members.map((r) => m.label(r.registrationId)) : v,
    expect: () => ({ west: ['reg:W-member'], expired: '⛔ BAD_USER_INPUT' }),
  },
  'Query.serviceMap': {
    query: `query ($w: ID!, $e: ID!) {
      west: serviceMap(gridId: $w, period: "${PERIOD}")
      east: serviceMap(gridId: $e, period: "${PERIOD}")
      all: serviceMap(period: "${PERIOD}")
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) =>
      v && typeof v === 'object'
        ? (v as { features: { properties: Record<string, string> }[] }).features
            .map(({ properties: p }) => `${p.layer} ${m.label(p.householdId ?? p.wishId ?? p.matchId)}`)
            .sort()
        : v,
    // Overdue visits (households past their date; the visited W11/0 and E11/0 are not) to
    // street staff and leaders; open wishes as the board shows them; match lines as the matches.
    expect: (who) =>
      signedIn(who, () => {
        const layers = (c: 'W' | 'E') => {
          const overdue =
            isStaff(who) || isLeader(who)
              ? SMALL_GRIDS.filter((s) => s.startsWith(c) && s !== `${c}11` && householdsSeen(who).includes(`h:${s}/0`)).map(
                  (s) => `OVERDUE_VISIT h:${s}/0`,
                )
              : [];
          const wishes = wishesSeen(who)
            .map((w) => w.replace(' +address', ''))
            .filter((w) => w.startsWith(`wish:${c}`) && w.endsWith('published'))
            .map((w) => `OPEN_WISH ${w}`);
          const lines = matchesSeen(who)
            .filter((x) => x.startsWith(`match:${c}`))
            .map((x) => `MATCH ${x}`);
          return [...overdue, ...wishes, ...lines].sort();
        };
        // Without a grid: every community at once (the wall asks once), the union of the two.
        return { west: layers('W'), east: layers('E'), all: [...layers('W'), ...layers('E')].sort() };
      }),
  },
  'Query.serviceMatches': {
    query: `{ serviceMatches(first: 100) { nodes { id } } }`,
    expect: (who) => signedIn(who, () => matchesSeen(who)),
  },
  'Query.serviceNeeds': {
    query: `{ serviceNeeds(first: 100) { nodes { id address household { id } } } }`,
    read: (v) =>
      v && typeof v === 'object'
        ? (v as { nodes: { id: string; address: string | null; household: unknown }[] }).nodes.map(
            (n) => `${m.label(n.id)}${n.address ? ' +address' : ''}${n.household ? ' +household' : ''}`,
          )
        : v,
    // Where to go (the address) to whoever sees the need; the household itself stays the household's, its leaders' and the staff's.
    expect: (who) => signedIn(who, () => needsSeen(who).map((n) => (who === 'volunteer' ? `${n} +address` : `${n} +address +household`))),
  },
  'Query.serviceRegistration': {
    ...lookup(
      'serviceRegistration',
      byId(always(['reg:volunteer', 'reg:W-member', 'reg:E-member', 'reg:E-member-2', 'reg:W-unit', 'reg:E-unit'])),
    ),
    expect: (who) => signedIn(who, () => registrationsSeen(who)),
  },
  'Query.serviceRegistrations': {
    query: `{ serviceRegistrations(first: 100) { nodes { id } } }`,
    // The list is the active resources; the fixture's work units are not active (never matched).
    expect: (who) => signedIn(who, () => registrationsSeen(who).filter((r) => !r.endsWith('-unit'))),
  },
  'Query.serviceSkills': {
    query: `{ serviceSkills { code } }`,
    read: (v) => (Array.isArray(v) ? v.length : v),
    expect: (who) => signedIn(who, () => 11),
  },
  'Query.street': {
    ...lookup('street', () => [...byId(always(['street']))(), ['street (by code)', `code: "${STREET_CODE}"`]]),
    // The street: every signed-in person; departments with the Street scope (a department's staff not).
    expect: (who) => signedIn(who, () => (seesStreet(who) ? ['street', 'street (by code)'] : [])),
  },
  'Query.streets': {
    query: `{ streets { id } }`,
    expect: (who) => signedIn(who, () => (seesStreet(who) ? ['street'] : [])),
  },
  'Query.users': {
    query: `{ users(first: 100) { nodes { login } } }`,
    read: (v) => (v && typeof v === 'object' ? (v as { nodes: { login: string }[] }).nodes.map((n) => n.login).sort() : v),
    // Accounts: a street admin manages every one; a community's large-grid leader their own and the resident, volunteer and
    // leader accounts of their community (the compound's and small grid's leaders, the resident of W11, the volunteer of W21).
    expect: (who) =>
      signedIn(who, () => {
        const west = ['m-leader-large', 'm-leader-medium', 'm-leader-small', 'm-resident', 'm-volunteer'];
        if (who === 'admin') return [...west, 'm-dept-staff', 'm-operator', 'm-resident-east', 'test-admin'].sort();
        return who === 'leaderLarge' ? west : FORBIDDEN;
      }),
  },
  'Query.teamActivities': {
    // Activities are open to every helper (they recruit); who signed up: staff, the community's leaders, the helper themself.
    query: `query ($w: ID!, $e: ID!) {
      west: teamActivities(communityId: $w) { id signups { registrationId } }
      east: teamActivities(communityId: $e) { id signups { registrationId } }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) =>
      Array.isArray(v)
        ? v.map(
            (a: { id: string; signups: { registrationId: string }[] }) =>
              `${m.label(a.id)} ${JSON.stringify(a.signups.map((s) => m.label(s.registrationId)))}`,
          )
        : v,
    expect: (who) =>
      signedIn(who, () => {
        if (isDepartment(who) || isDeptStaff(who)) return { west: [], east: [] };
        const signups = (c: 'W' | 'E') =>
          isStaff(who) || (isLeader(who) && c === 'W') || (who === 'volunteer' && c === 'W')
            ? [c === 'W' ? 'reg:volunteer' : 'reg:E-member']
            : [];
        return { west: [`activity:W ${JSON.stringify(signups('W'))}`], east: [`activity:E ${JSON.stringify(signups('E'))}`] };
      }),
  },
  'Query.assessment': {
    // 考核评价: street staff assess the whole street, a leader their subtree; everyone else is refused.
    query: `query ($m: String!) { assessment(month: $m, level: GRID) { entries { subjectId } } }`,
    variables: () => ({ m: new Date().toISOString().slice(0, 7) }),
    read: (v) =>
      v && typeof v === 'object' ? (v as { entries: { subjectId: string }[] }).entries.map((e) => m.label(e.subjectId)).sort() : v,
    expect: (who) => signedIn(who, () => (isStaff(who) || isLeader(who) ? gridsSeen(who).sort() : FORBIDDEN)),
  },
  'Query.assessmentHistory': {
    // An east grid's history: ranked for street staff; a west leader gets months without a score (out of reach).
    query: `query ($e: ID!, $m: String!) { assessmentHistory(subjectId: $e, level: GRID, month: $m, months: 2) { rank } }`,
    variables: () => ({ e: gridId('E11'), m: new Date().toISOString().slice(0, 7) }),
    read: (v) => (Array.isArray(v) ? v.map((h: { rank: number | null }) => h.rank != null) : v),
    expect: (who) => signedIn(who, () => (isStaff(who) ? [true, true] : isLeader(who) ? [false, false] : FORBIDDEN)),
  },
  'Query.visitPolicies': {
    query: `{ visitPolicies { tag } }`,
    read: (v) => (Array.isArray(v) ? v.length : v),
    expect: (who) => signedIn(who, () => 3),
  },
  'Query.visitSchedule': {
    // Known leak: another community's vulnerable households with address and tags.
    // The schedule is for street staff and the grids a leader leads.
    query: `query ($w: ID!, $e: ID!) { west: visitSchedule(gridId: $w) { householdId } east: visitSchedule(gridId: $e) { householdId } }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    read: (v) => (Array.isArray(v) ? v.map((d: { householdId: string }) => m.label(d.householdId)).sort() : v),
    expect: (who) =>
      signedIn(who, () => {
        if (!isStaff(who) && !isLeader(who)) return { west: FORBIDDEN, east: FORBIDDEN };
        const due = (c: 'W' | 'E') =>
          gridsSeen(who).includes(`grid:${c}`)
            ? SMALL_GRIDS.filter((s) => s.startsWith(c))
                .map((s) => `h:${s}/0`)
                .filter(byLabels(householdsSeen(who)))
            : FORBIDDEN;
        return { west: due('W'), east: due('E') };
      }),
  },
  'Query.volunteerTeams': {
    query: `query ($w: ID!, $e: ID!) { west: volunteerTeams(communityId: $w) { id } east: volunteerTeams(communityId: $e) { id } }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    // Teams recruit: every signed-in person sees them; departments (keys and staff) none.
    expect: (who) =>
      signedIn(who, () => (isDepartment(who) || isDeptStaff(who) ? { west: [], east: [] } : { west: ['team:W'], east: ['team:E'] })),
  },
  'Query.workMeetings': {
    // 工作例会: street staff any community and the street's; a grid leader the communities they work in (all three west leaders: W).
    query: `query ($w: ID!, $e: ID!) {
      west: workMeetings(month: "${EVALUATION_MONTH}", communityId: $w) { id }
      east: workMeetings(month: "${EVALUATION_MONTH}", communityId: $e) { id }
    }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    expect: (who) =>
      signedIn(who, () => ({
        west: isStaff(who) || isLeader(who) ? [] : FORBIDDEN,
        east: isStaff(who) ? [] : FORBIDDEN,
      })),
  },
  'Query.notices': {
    // 宣传栏: street staff all; a leader their subtree's (drafts too) and what is published above them; a resident or volunteer
    // what is published for a grid holding their home (the W1 notice reaches W11, not W21); departments nothing.
    query: `{ notices { id } }`,
    expect: (who) =>
      signedIn(who, () => {
        if (isStaff(who)) return ['notice:E1', 'notice:W-draft', 'notice:W1'];
        if (who === 'leaderLarge') return ['notice:W-draft', 'notice:W1'];
        return publicitySeen(who, 'notice');
      }),
  },
  'Query.covenant': {
    // 居民公约: street staff every community's; the community's leaders and residents theirs; departments none.
    query: `query ($w: ID!, $e: ID!) { west: covenant(communityId: $w) { id } east: covenant(communityId: $e) { id } }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    expect: (who) => signedIn(who, () => covenantSeen(who, (c) => `covenant:${c}`, null)),
  },
  'Query.covenantHistory': {
    query: `query ($w: ID!, $e: ID!) { west: covenantHistory(communityId: $w) { id } east: covenantHistory(communityId: $e) { id } }`,
    variables: () => ({ w: gridId('W'), e: gridId('E') }),
    expect: (who) => signedIn(who, () => covenantSeen(who, (c) => [`covenant:${c}`], [])),
  },
  'Query.exemplaryDeeds': {
    // 先进事迹 (both published with consent): as the notices.
    query: `{ exemplaryDeeds { id } }`,
    expect: (who) => signedIn(who, () => publicitySeen(who, 'deed')),
  },
  'Query.communityActivities': {
    // 惠民活动 (both published): as the notices.
    query: `{ communityActivities { id } }`,
    expect: (who) => signedIn(who, () => publicitySeen(who, 'cact')),
  },
  'Query.organizations': {
    query: `{ organizations(first: 100) { nodes { id } } }`,
    expect: (who) => signedIn(who, () => organizationsSeen(who)),
  },
  'Query.organization': {
    ...lookup('organization', byId(allOrganizations)),
    expect: (who) => signedIn(who, () => organizationsSeen(who)),
  },
  'Query.mediationRecords': {
    // 矛盾调解: street staff all; a leader those of the grids they lead (all three west leaders lead W11); no one else.
    query: `{ mediationRecords(first: 100) { nodes { id } } }`,
    expect: (who) => signedIn(who, () => (isStaff(who) ? ['mediation:E11', 'mediation:W11'] : isLeader(who) ? ['mediation:W11'] : [])),
  },
  'Query.publicRoles': {
    // 两代表一委员 …: street staff all; a leader those living in their grids; a resident their own household's; no one else.
    query: `{ publicRoles { residentId } }`,
    read: (v) => (Array.isArray(v) ? v.map((p: { residentId: string }) => m.label(p.residentId)).sort() : v),
    expect: (who) =>
      signedIn(who, () => (isStaff(who) ? ['r:E11/0/0', 'r:W11/0/0'] : isLeader(who) || who === 'resident' ? ['r:W11/0/0'] : [])),
  },
  // 议事协商: street staff all; a leader those of their grids' subtrees (the west community's leader the compound's and the
  // community's, the compound's leader the compound's, the small grid's none); a resident the published ones of their home's
  // compound and community and those they are invited to (the unpublished community one); departments none.
  'Query.consultations': {
    query: `{ consultations { id } }`,
    expect: (who) => signedIn(who, () => consultationsSeen(who)),
  },
  'Query.consultation': {
    ...lookup('consultation', byId(always(ALL_CONSULTATIONS))),
    expect: (who) => signedIn(who, () => consultationsSeen(who)),
  },
  // 项目清单: street staff all; a leader those of their grids' subtrees; a resident the published ones around their home.
  'Query.projects': { query: `{ projects { id } }`, expect: (who) => signedIn(who, () => projectsSeen(who)) },
  'Query.project': {
    ...lookup('project', byId(always(['project:E1', 'project:W1']))),
    expect: (who) => signedIn(who, () => projectsSeen(who)),
  },
  'Query._service': { query: `{ _service { sdl } }`, read: (v) => (v && typeof v === 'object' ? 'sdl' : v), expect: () => 'sdl' },

  // Federation: each @key type looked up by representation answers what the caller sees.
  '_entities Street @key(id)': {
    ...entities('Street', always(['street'])),
    expect: (who) => signedIn(who, () => (seesStreet(who) ? ['street'] : [])),
  },
  '_entities Grid @key(id)': { ...entities('Grid', always(allGrids)), expect: (who) => signedIn(who, () => gridsSeen(who)) },
  '_entities Grid @key(code)': {
    ...entities('Grid', always(allGrids), (l) => ({ code: GRID_CODES[l.slice(5)] })),
    expect: (who) => signedIn(who, () => gridsSeen(who)),
  },
  '_entities Building @key(id)': {
    ...entities('Building', always(allBuildings)),
    expect: (who) => signedIn(who, () => buildingsSeen(who)),
  },
  '_entities Household @key(id)': {
    ...entities('Household', always(allHouseholds)),
    expect: (who) => signedIn(who, () => householdsSeen(who)),
  },
  '_entities Resident @key(id)': {
    ...entities('Resident', always(allResidents)),
    expect: (who) => signedIn(who, () => residentsSeen(who)),
  },
  '_entities PartyOrganization @key(id)': {
    ...entities('PartyOrganization', always(allParty)),
    expect: (who) => signedIn(who, () => partySeen(who)),
  },
  '_entities Case @key(id)': { ...entities('Case', allCases), expect: (who) => signedIn(who, () => casesSeen(who)) },
};

// ─── The matrix covers the schema ─────────────────────────────────────────────────────────

describe('the matrix covers every way to read', () => {
  it('has an entry for every Query field, every @key, every Subscription and every REST route, and no other', async () => {
    const { schema, sdl } = await buildFederatedSchema();
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields())
        .filter((f) => f !== '_entities')
        .map((f) => `Query.${f}`),
      ...Object.keys(schema.getSubscriptionType()!.getFields()).map((f) => `Subscription.${f}`),
    ];
    const keys = parse(sdl).definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION
        ? ((d as ObjectTypeDefinitionNode).directives ?? [])
            .filter((k) => k.name.value === 'key')
            .map((k) => `_entities ${d.name.value} @key(${(k.arguments![0].value as { value: string }).value})`)
        : [],
    );
    const routes = restRoutes(m.api.app.express);
    expect([...Object.keys(GRAPHQL), ...Object.keys(SUBSCRIPTIONS), ...Object.keys(REST)].sort()).toEqual(
      [...fields, ...keys, ...routes].sort(),
    );
  });
});

/** Every route the express app serves (method and full path), from its router stack. */
function restRoutes(app: Express): string[] {
  type Layer = { rawPath?: string; route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] } };
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${prefix}${layer.route!.path}`);
      if (layer.handle.stack) return walk(layer.handle.stack, `${prefix}${layer.rawPath ?? ''}`);
      return [];
    });
  return [...new Set(walk((app as unknown as { router: { stack: Layer[] } }).router.stack, ''))];
}

// ─── GraphQL ──────────────────────────────────────────────────────────────────────────────

describe('every Query field and @key, as every identity', () => {
  it.each(Object.keys(GRAPHQL))('%s', async (field) => {
    const cell = GRAPHQL[field];
    const failures: string[] = [];
    for (const who of EVERYONE) {
      const got = await answer(who, cell);
      const expected = cell.expect(who);
      if (JSON.stringify(normalise(got)) !== JSON.stringify(normalise(expected)))
        failures.push(`${field} as ${who}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
    expect(failures).toEqual([]);
  });
});

/** Lists compare as sets (sorted); objects key by key. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].map(normalise).sort();
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

// ─── REST ─────────────────────────────────────────────────────────────────────────────────

interface RestCell {
  /** What `who` got: rows' labels, or "⛔ <status>". */
  get: (who: Who) => Promise<unknown>;
  expect: (who: Who) => unknown;
}

/** GET (or POST) as `who` (Authorization header; departments' Open311 keys go as `api_key`). */
async function http(who: Who, path: string, init: RequestInit = {}): Promise<Response> {
  const authorization = m.auth[who];
  return fetch(`${m.api.url}${path}`, {
    ...init,
    headers: { ...(authorization ? { authorization } : {}), ...(init.headers as Record<string, string>) },
  });
}
const refusedStatus = (res: Response) => `⛔ ${res.status}`;
const apiKey = (who: Who) => (isDepartment(who) ? `api_key=${m.keys[who]}&` : '');
const hasCaseKey = (who: Who) => isDepartment(who) && deptScopes(who).includes('Case');

/** Every feature of `layer` in the z15 tiles over the street: "label" (grids: "label open=<open_cases>"). */
async function tileFeatures(who: Who, layer: 'grids' | 'buildings' | 'basemap'): Promise<unknown> {
  const { VectorTile } = await import('@mapbox/vector-tile');
  const { PbfReader } = await import('pbf');
  const features = new Set<string>();
  for (const t of tilesCovering(makeBBox(120.1, 30.25, 120.12, 30.27), 15)) {
    const res = await http(who, `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`);
    if (res.status !== 200 && res.status !== 204) return refusedStatus(res);
    if (res.status === 204) continue;
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    for (const l of Object.values(tile.layers)) {
      for (let i = 0; i < l.length; i++) {
        const p = l.feature(i).properties;
        features.add(
          layer === 'grids'
            ? `${m.label(String(p.id))} open=${p.open_cases}`
            : layer === 'basemap'
              ? `${p.kind} ${p.name}`
              : m.label(String(p.id)),
        );
      }
    }
  }
  return [...features].sort();
}

const caseOf = (label: string) => m.cases.find((c) => c.label === label) as SeededCase;

const REST: Record<string, RestCell> = {
  'GET /healthz': { get: async (who) => (await http(who, '/healthz')).status, expect: () => 200 },
  // Not by account: without METRICS_TOKEN a loopback peer (this test) scrapes, anyone else gets 404 (metrics.test.ts).
  'GET /metrics': { get: async (who) => (await http(who, '/metrics')).status, expect: () => 200 },
  'GET /tiles/:layer/:z/:x/:file': {
    // Known leak: a grid's open_cases told a resident about cases they cannot list.
    // Features as GraphQL shows the rows; open_cases counts the cases the caller sees.
    // The base map is not sensitive: every signed-in identity gets all of it.
    get: async (who) => ({
      grids: await tileFeatures(who, 'grids'),
      buildings: await tileFeatures(who, 'buildings'),
      basemap: await tileFeatures(who, 'basemap'),
    }),
    expect: (who) =>
      who === 'anonymous'
        ? { grids: '⛔ 401', buildings: '⛔ 401', basemap: '⛔ 401' }
        : {
            grids: gridsSeen(who).map((g) => `${g} open=${openCasesUnder(who, g.slice(5))}`),
            buildings: buildingsSeen(who),
            basemap: ['MAIN 中山路', 'WATER 月塘'],
          },
  },
  'GET /photos/:hash': {
    get: async (who) => {
      const status = async (label: string) => (await http(who, `/photos/${caseOf(label).photo}`)).status;
      return { west: await status('case:W11-reported'), east: await status('case:E11-reported') };
    },
    // A photo to whoever sees a case that shows it; 404 otherwise, as for a photo that does not exist.
    expect: (who) =>
      who === 'anonymous'
        ? { west: 401, east: 401 }
        : { west: seesCase(who, caseOf('case:W11-reported')) ? 200 : 404, east: seesCase(who, caseOf('case:E11-reported')) ? 200 : 404 },
  },
  'GET /project-photos/:hash': {
    get: async (who) => {
      const status = async (label: string) => (await http(who, `/project-photos/${m.projectPhotos[label]}`)).status;
      return { west: await status('project:W1'), east: await status('project:E1') };
    },
    // A project's progress photo to whoever sees the project; 404 otherwise, as for a photo that does not exist.
    expect: (who) =>
      who === 'anonymous'
        ? { west: 401, east: 401 }
        : {
            west: projectsSeen(who).includes('project:W1') ? 200 : 404,
            east: projectsSeen(who).includes('project:E1') ? 200 : 404,
          },
  },
  'GET /exports/service-evaluations.csv': {
    get: async (who) => {
      const sheet = async (community: 'W' | 'E') => {
        const res = await http(who, `/exports/service-evaluations.csv?communityId=${gridId(community)}&period=${EVALUATION_MONTH}`);
        if (res.status !== 200) return refusedStatus(res);
        const [, ...rows] = (await res.text())
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n');
        return rows.map((r) => m.label(r.split(',')[0])).sort();
      };
      return { west: await sheet('W'), east: await sheet('E') };
    },
    // As serviceEvaluations: street staff any community, the large-grid leader their own.
    expect: (who) =>
      who === 'anonymous'
        ? { west: '⛔ 401', east: '⛔ 401' }
        : {
            west: isStaff(who) || who === 'leaderLarge' ? ['reg:W-member', 'reg:volunteer'] : '⛔ 403',
            east: isStaff(who) ? ['reg:E-member', 'reg:E-member-2'] : '⛔ 403',
          },
  },
  'GET /unit-reports/:file': {
    // 双报告 as XLSX: as unitReport (404 for a unit the caller cannot see, 403 for one seen but not theirs to read).
    get: async (who) => {
      const status = async (unit: string) => (await http(who, `/unit-reports/${EVALUATION_MONTH}.xlsx?unit=${m.ids[unit]}`)).status;
      return { west: await status('reg:W-unit'), east: await status('reg:E-unit') };
    },
    expect: (who) =>
      who === 'anonymous'
        ? { west: 401, east: 401 }
        : { west: isStaff(who) || who === 'leaderLarge' ? 200 : isLeader(who) ? 403 : 404, east: isStaff(who) ? 200 : 404 },
  },
  'GET /unit-link/report.xlsx': {
    // Public: the signed link opens its unit's report to whoever holds it; without a valid one, 400 naming the token.
    get: async (who) => {
      const token = signLink(jwtSecret(), 'unit-evaluation', [m.ids['reg:E-unit'], EVALUATION_MONTH], new Date(Date.now() + 3_600_000));
      const ok = await http(who, `/unit-link/report.xlsx?token=${encodeURIComponent(token)}`);
      const { Workbook } = (await import('exceljs')).default;
      const wb = new Workbook();
      await wb.xlsx.load(Buffer.from(await ok.arrayBuffer()) as unknown as ArrayBuffer);
      const names: unknown[] = [];
      wb.getWorksheet('双报告')!.eachRow((row, n) => n > 3 && names.push(row.getCell(1).value));
      return { east: names, forged: (await http(who, `/unit-link/report.xlsx?token=${encodeURIComponent(`${token}x`)}`)).status };
    },
    expect: () => ({ east: ['东社区党员', '合计'], forged: 400 }),
  },
  'GET /reports/:file': {
    // 情况报告: street staff any (the street's or a community's), the large-grid leader their community's; the KPI row counts
    // the month's cases of what was asked (the caller sees all of it, so it equals the database's count).
    get: async (who) => {
      const month = new Date().toISOString().slice(0, 7);
      const [from, to] = [`${month}-01T00:00:00Z`, new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1))];
      const report = async (community: 'W' | 'E' | null, format: 'pdf' | 'xlsx') => {
        const res = await http(who, `/reports/${month}.${format}${community ? `?community=${GRID_CODES[community]}` : ''}`);
        if (res.status !== 200) return refusedStatus(res);
        if (format === 'pdf') return (await res.arrayBuffer()).byteLength > 0 ? 'pdf' : 'empty';
        const { Workbook } = (await import('exceljs')).default;
        const wb = new Workbook();
        await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
        let reported: unknown;
        wb.getWorksheet('主要指标')!.eachRow((row) => {
          const v = row.values as unknown[];
          if (v[1] === '上报事件') reported = v[2];
        });
        const [{ n }] = await m.api.db.dataSource.query(
          `SELECT count(*)::int AS n FROM "case" WHERE reported_at >= $1 AND reported_at < $2
              AND ($3::text IS NULL OR grid_path <@ (SELECT path FROM grid WHERE code = $3))`,
          [from, to, community ? GRID_CODES[community] : null],
        );
        return reported === n ? 'xlsx reported=all' : `xlsx reported=${String(reported)} of ${n}`;
      };
      return {
        street: await report(null, 'xlsx'),
        west: await report('W', 'xlsx'),
        east: await report('E', 'xlsx'),
        pdf: await report('W', 'pdf'),
      };
    },
    expect: (who) => {
      if (who === 'anonymous') return { street: '⛔ 401', west: '⛔ 401', east: '⛔ 401', pdf: '⛔ 401' };
      const ok = 'xlsx reported=all';
      if (isStaff(who)) return { street: ok, west: ok, east: ok, pdf: 'pdf' };
      if (who === 'leaderLarge') return { street: '⛔ 403', west: ok, east: '⛔ 403', pdf: 'pdf' };
      return { street: '⛔ 403', west: '⛔ 403', east: '⛔ 403', pdf: '⛔ 403' };
    },
  },
  'GET /open311/v2/services.json': {
    get: async (who) => {
      const res = await http(who, '/open311/v2/services.json');
      return res.status === 200 ? ((await res.json()) as unknown[]).length : refusedStatus(res);
    },
    // The service list is public.
    expect: () => 8,
  },
  'GET /open311/v2/services/:code.json': {
    get: async (who) => {
      const res = await http(who, '/open311/v2/services/ENVIRONMENT.json');
      return res.status === 200 ? ((await res.json()) as { service_code: string }).service_code : refusedStatus(res);
    },
    expect: () => 'ENVIRONMENT',
  },
  'GET /open311/v2/requests.json': {
    get: async (who) => {
      const res = await http(who, `/open311/v2/requests.json?${apiKey(who)}page_size=500`);
      return res.status === 200
        ? ((await res.json()) as { service_request_id: string }[]).map((r) => m.label(r.service_request_id)).sort()
        : refusedStatus(res);
    },
    // Service requests hold residents' descriptions: a key with the Case scope, never a bearer token or no key.
    expect: (who) => (hasCaseKey(who) ? m.cases.map((c) => c.label) : '⛔ 403'),
  },
  'GET /open311/v2/requests/:id.json': {
    get: async (who) => {
      const one = async (label: string) => {
        const res = await http(who, `/open311/v2/requests/${m.ids[label]}.json?${apiKey(who)}`);
        return res.status === 200
          ? ((await res.json()) as { service_request_id: string }[]).map((r) => m.label(r.service_request_id))
          : refusedStatus(res);
      };
      return { west: await one('case:W11-reported'), east: await one('case:E11-reported') };
    },
    expect: (who) => (hasCaseKey(who) ? { west: ['case:W11-reported'], east: ['case:E11-reported'] } : { west: '⛔ 403', east: '⛔ 403' }),
  },
  'POST /open311/v2/requests.json': {
    // An unknown service code: a key that may report gets past the key check to 400 (nothing is written either way).
    get: async (who) => {
      const body = new URLSearchParams({
        ...(isDepartment(who) ? { api_key: m.keys[who] } : {}),
        service_code: 'NO_SUCH_SERVICE',
        lat: '30.255',
        long: '120.112',
        description: '路灯不亮',
      });
      const res = await http(who, '/open311/v2/requests.json', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      return res.status;
    },
    expect: (who) => (hasCaseKey(who) ? 400 : 403),
  },
};

describe('every REST route, as every identity', () => {
  it.each(Object.keys(REST))('%s', async (route) => {
    const cell = REST[route];
    const failures: string[] = [];
    for (const who of EVERYONE) {
      const got = await cell.get(who);
      const expected = cell.expect(who);
      if (JSON.stringify(normalise(got)) !== JSON.stringify(normalise(expected)))
        failures.push(`${route} as ${who}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
    expect(failures).toEqual([]);
  });
});

// ─── Subscriptions ────────────────────────────────────────────────────────────────────────

/** A graphql-ws subscriber as `who`, collecting what arrives: labels of `pick(data)`, or "⛔ …" when refused. */
function subscribe(who: Who, query: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => string) {
  const refusals: string[] = [];
  const received: string[] = [];
  const client: Client = createClient({
    url: `${m.api.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: m.auth[who] ? { authorization: m.auth[who] } : {},
    onNonLazyError: () => refusals.push('⛔ socket closed'),
  });
  const stop = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (r) => (r.errors ? refusals.push(`⛔ ${r.errors[0].extensions?.code}`) : received.push(pick(r.data!))),
      error: (e) =>
        refusals.push(Array.isArray(e) ? `⛔ ${(e[0] as { extensions?: { code?: string } }).extensions?.code}` : '⛔ socket closed'),
      complete: () => {},
    },
  );
  return {
    /** What arrived so far: the refusal, or the distinct labels. */
    answer: () => (refusals.length ? refusals[0] : [...new Set(received.map(m.label))].sort()),
    received,
    async close() {
      stop();
      await client.dispose();
    },
  };
}

/** Waits until every subscriber's answer is the expected one, or `ms` have passed. */
async function settle(subs: Map<Who, ReturnType<typeof subscribe>>, expected: (who: Who) => unknown, ms = 5000): Promise<string[]> {
  const end = Date.now() + ms;
  const failures = () =>
    [...subs].flatMap(([who, sub]) =>
      JSON.stringify(normalise(sub.answer())) === JSON.stringify(normalise(expected(who)))
        ? []
        : [`as ${who}: expected ${JSON.stringify(expected(who))}, got ${JSON.stringify(sub.answer())}`],
    );
  while (failures().length && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
  // Nothing more may arrive afterwards.
  await new Promise((ok) => setTimeout(ok, 300));
  return failures();
}

const SUBSCRIPTIONS: Record<string, { run: () => Promise<string[]> }> = {
  'Subscription.caseUpdates': {
    // Events of every case the caller may read, replayed from the start (after: 0) and then live — the same cases as the
    // cases query: street staff and Case keys all; a leader their grids' and their own reports; a department's staff their
    // department's; a resident or volunteer the cases they reported.
    run: async () => {
      const subs = new Map(
        EVERYONE.map(
          (who) =>
            [
              who,
              subscribe(
                who,
                `subscription { caseUpdates(after: "0") { caseId } }`,
                {},
                (d) => (d.caseUpdates as { caseId: string }).caseId,
              ),
            ] as const,
        ),
      );
      const live: SeededCase[] = [];
      for (const small of ['W11', 'E11'] as const) {
        const label = `case:${small}-live`;
        const { reportCase } = await m.admin<{ reportCase: { case: { id: string; number: string } } }>(
          `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id number } } }`,
          {
            input: {
              clientKey: `${label}-${Date.now()}`,
              category: 'OTHER',
              source: 'HOTLINE',
              ...pointIn(small, 0.001, 0.001),
              description: '实时事件',
            },
          },
        );
        m.name(label, reportCase.case.id);
        live.push({
          label,
          id: reportCase.case.id,
          small,
          status: 'REPORTED',
          reporter: 'admin',
          department: null,
          category: 'OTHER',
          clientKey: '',
          photo: null,
          number: reportCase.case.number,
        });
      }
      const failures = await settle(subs, (who) => {
        if (who === 'anonymous') return '⛔ socket closed';
        return [...m.cases, ...live].filter((c) => seesCase(who, c)).map((c) => c.label);
      });
      await Promise.all([...subs.values()].map((s) => s.close()));
      return failures;
    },
  },
  'Subscription.serviceUpdates': {
    // Service changes, live: street staff all; a leader those in their grids; residents, volunteers and departments may not follow them.
    run: async () => {
      const subs = new Map(
        EVERYONE.map(
          (who) =>
            [
              who,
              subscribe(
                who,
                `subscription { serviceUpdates { subjectId } }`,
                {},
                (d) => (d.serviceUpdates as { subjectId: string }).subjectId,
              ),
            ] as const,
        ),
      );
      const RAISE = `mutation ($input: NeedInput!) { raiseNeed(input: $input, actor: { role: GRID_LEADER, name: "x" }) { id } }`;
      const raise = async (label: string, household: string) => {
        const { raiseNeed } = await m.admin<{ raiseNeed: { id: string } }>(RAISE, {
          input: {
            householdId: m.ids[household],
            type: 'IT',
            source: 'GRID_LEADER',
            window: { weekday: 5, startMinute: 600, endMinute: 660 },
          },
        });
        m.name(label, raiseNeed.id);
        return raiseNeed.id;
      };
      // Live only: raise probes in W11 (every follower sees it) until each follower is known to listen.
      const followers = (['admin', 'operator', 'leaderLarge', 'leaderMedium', 'leaderSmall'] as Who[]).map((w) => subs.get(w)!);
      for (let i = 0; i < 20; i++) {
        const probe = await raise(`need:probe-${i}`, 'h:W11/1');
        await new Promise((ok) => setTimeout(ok, 200));
        if (followers.every((s) => s.received.includes(probe))) break;
      }
      for (const s of subs.values()) s.received.splice(0);
      await raise('need:W11-live', 'h:W11/1');
      await raise('need:E11-live', 'h:E11/0');
      const failures = await settle(subs, (who) => {
        if (who === 'anonymous') return '⛔ socket closed';
        if (isStaff(who)) return ['need:E11-live', 'need:W11-live'];
        return isLeader(who) ? ['need:W11-live'] : FORBIDDEN;
      });
      await Promise.all([...subs.values()].map((s) => s.close()));
      return failures;
    },
  },
};

describe('every Subscription, as every identity (last: it writes)', () => {
  it.each(Object.keys(SUBSCRIPTIONS))('%s', async (field) => {
    expect(await SUBSCRIPTIONS[field].run()).toEqual([]);
  });
});
