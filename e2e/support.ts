import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../api/__integration-tests__/harness';
import { readConfig } from '../api/src/platform/config';
import { signAccessToken, upsertUser, type UserRole } from '../api/src/platform/identity';
import { jwtSecret } from '../api/src/platform/config';
import { fixtureStreet } from '../api/src/seed/fixture-street';
import { writeStreet } from '../api/src/seed/write-street';
import { createApp, type App } from '../api/src/app/server';
import { CHROMIUM_ARGS } from '../scripts/src/bench/wall';

// What the e2e/*.test.ts files share: the real app (API + built web app on one origin) on the
// real PostGIS when TEST_DATABASE_URL is set, else the embedded default, in Debian Chromium.
// Each test file starts its own app, database and browser (startE2e in its beforeAll): files never
// share state, and parallel runs do not collide (free port, database of their own, temporary profile).
const ROOT = resolve(__dirname, '..');
const WEB_DIST = join(ROOT, 'web', 'dist');
export const ARTIFACTS = join(ROOT, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FILL_LAYERS = ['grids-large-fill', 'grids-medium-fill', 'grids-small-fill'];
const LABEL_LAYERS = ['grids-large-label', 'grids-medium-label', 'grids-small-label'];
// fixtureStreet(): the first small grid spans 120.100–120.105 E, 30.250–30.255 N.
export const SMALL_POINT = { lng: 120.102, lat: 30.252 };
export const SMALL_CODE = '3301060010010010001';
// The leader reports here (inside the same small grid, away from the API-reported case).
export const LEADER_POINT = { lng: 120.1035, lat: 30.2535 };
const PASSWORD = 'e2e-streetgrid';
export const PIN_LAYER = 'case-pins';
export const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The part of the MapLibre map the tests use (this tsconfig has no DOM lib, so no `window`). */
export interface MapLike {
  once(event: 'idle', listener: () => void): void;
  triggerRepaint(): void;
  jumpTo(options: { zoom: number; center: [number, number] }): void;
  getZoom(): number;
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
  getCenter(): { lng: number; lat: number };
  getStyle(): { glyphs?: string; layers: { id: string; type: string; layout?: Record<string, unknown> }[] };
}
/**
 * The page's document, inside `page.evaluate` / `waitForFunction` callbacks (no DOM lib here): a test file
 * that uses it declares `declare const document: PageDocument;` (an import would not survive the trip to the page).
 */
export interface ElementLike {
  textContent: string | null;
}
export interface PageDocument {
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  documentElement: { scrollWidth: number };
}

/** `window.__streetgridMap` and `window.__streetgridWs`, the app's test hooks. */
export type MapHost = { __streetgridMap: MapLike; __streetgridWs: { terminate(): void } };

/** Waits until the map has rendered everything it asked for (MapLibre's `idle`). */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const map = (globalThis as unknown as MapHost).__streetgridMap;
        map.once('idle', () => done());
        map.triggerRepaint();
      }),
  );
}

export async function jumpTo(page: Page, zoom: number, center: [number, number]): Promise<void> {
  await page.evaluate(({ zoom, center }) => (globalThis as unknown as MapHost).__streetgridMap.jumpTo({ zoom, center }), { zoom, center });
  await mapIdle(page);
}

/** Grid levels among the rendered grid fills, and the names among the rendered labels. */
export async function rendered(page: Page): Promise<{ levels: string[]; labels: string[] }> {
  return page.evaluate(
    ({ fills, labels }) => {
      const map = (globalThis as unknown as MapHost).__streetgridMap;
      const levels = new Set(map.queryRenderedFeatures({ layers: fills }).map((f) => String(f.properties.level)));
      const names = new Set(map.queryRenderedFeatures({ layers: labels }).map((f) => String(f.properties.name)));
      return { levels: [...levels].sort(), labels: [...names] };
    },
    { fills: FILL_LAYERS, labels: LABEL_LAYERS },
  );
}

/** Fills the login form and sends it. */
export async function submitSignIn(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="password"]').press('Enter');
}

/**
 * A new tab signed in as `login` through the form, once `ready` (a selector) shows: for screens without a map.
 * `prepare` runs on the tab before it opens the app (e.g. a `page.route` that holds a request).
 */
export async function signedInTo(e2e: E2e, login: string, ready: string, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await e2e.newPage();
  await prepare?.(page);
  await page.goto(e2e.origin);
  await page.waitForSelector('input[name="login"]', { timeout: 30_000 });
  await submitSignIn(page, login);
  await page.waitForSelector(ready, { timeout: 30_000 });
  return page;
}

/** Signs in through the login form and waits for the map to be ready. */
async function signIn(page: Page, login: string, consoleErrors: string[], server: () => string): Promise<void> {
  await submitSignIn(page, login);
  try {
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${login}-failed.png`) }).catch(() => {});
    const status = await page
      .locator('.app__status, .login__error')
      .first()
      .textContent()
      .catch(() => null);
    const gl = await page
      .evaluate(() => {
        const canvas = (globalThis as unknown as { document: { createElement(t: string): { getContext(k: string): unknown } } }).document;
        return canvas.createElement('canvas').getContext('webgl2') ? 'webgl2 available' : 'no webgl2';
      })
      .catch((e: Error) => `page gone: ${e.message}`);
    throw new Error(
      `the map never became ready for ${login}; status: ${status}; ${gl}; server: ${server()}; ` +
        `console errors: ${consoleErrors.join(' | ') || 'none'}`,
      { cause: error },
    );
  }
  await mapIdle(page);
}

/** Case ids among the rendered pins. */
export async function renderedPins(page: Page): Promise<string[]> {
  return page.evaluate(
    (layer) =>
      (globalThis as unknown as MapHost).__streetgridMap.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.id)),
    PIN_LAYER,
  );
}

/** Clicks the map canvas at a lng/lat. */
export async function clickAt(page: Page, at: { lng: number; lat: number }): Promise<void> {
  const point = await page.evaluate((p) => (globalThis as unknown as MapHost).__streetgridMap.project([p.lng, p.lat]), at);
  const canvas = (await page.locator('.map canvas').boundingBox())!;
  await page.mouse.click(canvas.x + point.x, canvas.y + point.y);
}

/** URLs that left the origin: anything but the same host and port (http, ws) or data:/blob: made in the page. */
export function outsideOrigin(requests: readonly string[], origin: string): string[] {
  const own = new URL(origin).host;
  return requests.filter((url) => {
    const u = new URL(url);
    return !(['data:', 'blob:'].includes(u.protocol) || (['http:', 'ws:'].includes(u.protocol) && u.host === own));
  });
}

export interface E2e {
  db: TestDatabase;
  app: App;
  origin: string;
  context: BrowserContext;
  /** The fixture's first small grid (SMALL_CODE), which e2e-leader leads. */
  smallGridId: string;
  smallBox: { x0: number; y0: number; x1: number; y1: number };
  /** Every URL any page of this file requested (HTTP, and WebSocket upgrades). */
  requests: string[];
  /** The status of every /tiles/ response to any page of this file. */
  tileStatuses: number[];
  consoleErrors: string[];
  /** A GraphQL call as the street admin, straight to the API. */
  api<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A GraphQL call with another account's bearer token. */
  apiAs<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Creates (or updates) an account with the e2e password; answers a bearer token for it. */
  user(user: {
    login: string;
    displayName: string;
    role: UserRole;
    gridIds?: string[];
    residentId?: string;
    /** A DEPARTMENT_STAFF account's department, by registry code. */
    departmentCode?: string;
  }): Promise<{ token: string }>;
  /** A new tab (no session: it lives in sessionStorage), not yet navigated. Closed by closePages. */
  newPage(): Promise<Page>;
  /** A new tab on the app, signed in as `login` through the form, its map ready. Closed by closePages. */
  signedIn(login: string): Promise<Page>;
  /** Closes the tabs opened by newPage / signedIn since the last call (afterEach: no test leaves a page open). */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the app on a new database with the fixture street and the accounts e2e-admin (street admin),
 * e2e-operator (the command centre's wall screen) and e2e-leader (the first small grid), and a browser.
 */
export async function startE2e(): Promise<E2e> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`web/dist is missing: build the web app first (pnpm --filter @streetgrid/web build) — looked in ${WEB_DIST}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const db = await createTestDatabase();
  let app: App | undefined;
  let context: BrowserContext | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'streetgrid-e2e-'));
  try {
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const [{ id: smallGridId, ...smallBox }] = await db.dataSource.query(
      `SELECT id, ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1 FROM grid WHERE code = $1`,
      [SMALL_CODE],
    );
    const adminId = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'e2e-admin', displayName: '街道管理员', password: PASSWORD, role: 'STREET_ADMIN' }),
    );
    await db.dataSource.transaction(async (m) => {
      await upsertUser(m, { login: 'e2e-operator', displayName: '值班员', password: PASSWORD, role: 'OPERATOR' });
      await upsertUser(m, { login: 'e2e-leader', displayName: '网格长', password: PASSWORD, role: 'GRID_LEADER', gridIds: [smallGridId] });
    });
    const adminToken = await signAccessToken(adminId, 'STREET_ADMIN', jwtSecret());
    app = await createApp({ ...readConfig(process.env), databaseUrl: undefined, port: 0, host: '127.0.0.1', webDist: WEB_DIST }, db);
    const origin = await app.listen();
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      args: CHROMIUM_ARGS,
    });
    return running({ db, app, origin, context, profile, adminToken, smallGridId, smallBox });
  } catch (error) {
    await context?.close().catch(() => undefined);
    await app?.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The E2e of a started app and browser: every page of the context watched, the API calls, the pages. */
function running(started: {
  db: TestDatabase;
  app: App;
  origin: string;
  context: BrowserContext;
  profile: string;
  adminToken: string;
  smallGridId: string;
  smallBox: E2e['smallBox'];
}): E2e {
  const { db, app, origin, context, profile, adminToken } = started;
  const requests: string[] = [];
  const tileStatuses: number[] = [];
  const consoleErrors: string[] = [];
  /** Requests that failed or answered ≥ 400, for a failed sign-in's diagnosis. */
  const failedRequests: string[] = [];
  const watch = (page: Page) => {
    page.on('requestfailed', (req) => failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
    page.on('request', (req) => requests.push(req.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/tiles/')) tileStatuses.push(res.status());
      if (res.status() >= 400) failedRequests.push(`${res.url()} ${res.status()}`);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const opened: Page[] = [];

  async function apiAs<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    opened.push(page);
    return page;
  }
  return {
    db,
    app,
    origin,
    context,
    smallGridId: started.smallGridId,
    smallBox: started.smallBox,
    requests,
    tileStatuses,
    consoleErrors,
    api: (query, variables) => apiAs(adminToken, query, variables),
    apiAs,
    async user(user) {
      const id = await db.dataSource.transaction((m) => upsertUser(m, { ...user, password: PASSWORD }));
      return { token: await signAccessToken(id, user.role, jwtSecret()) };
    },
    newPage,
    async signedIn(login) {
      const page = await newPage();
      await page.goto(origin);
      await page.waitForSelector('input[name="login"]', { timeout: 30_000 });
      await signIn(page, login, consoleErrors, () => {
        // The app's connection pool (pg's): all busy with waiters queued means a request holds its connection.
        const pool = (db.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } })
          .master;
        const use = pool ? `pool ${pool.totalCount} open, ${pool.idleCount} idle, ${pool.waitingCount} waiting` : 'embedded';
        return `${use}; failed requests: ${failedRequests.slice(-10).join(' | ') || 'none'}`;
      });
      return page;
    },
    async closePages() {
      for (const page of opened.splice(0)) await page.close().catch(() => undefined);
    },
    async close() {
      await context.close();
      await app.stop();
      await db.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A case reported through the API as the street admin (from the hotline). */
export async function reportCase(
  e2e: E2e,
  input: { clientKey: string; category: string; lng: number; lat: number; description: string },
): Promise<{ id: string; version: number }> {
  const { reportCase } = await e2e.api<{ reportCase: { case: { id: string; version: number } } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
    { input: { source: 'HOTLINE', ...input } },
  );
  return reportCase.case;
}

/** History before a wall screen opens: a case reported and rejected (so no open case, no pin). */
export async function reportAndRejectHistory(e2e: E2e): Promise<void> {
  const old = await reportCase(e2e, {
    clientKey: `e2e-history-${Date.now()}`,
    category: 'ENVIRONMENT',
    lng: SMALL_POINT.lng + 0.001,
    lat: SMALL_POINT.lat + 0.006,
    description: '历史事件（e2e）',
  });
  await rejectCase(e2e, old);
}

async function rejectCase(e2e: E2e, c: { id: string; version: number }): Promise<void> {
  await e2e.api(
    `mutation ($id: ID!, $version: Int!) {
      rejectCase(id: $id, version: $version, reason: "重复上报", actor: { role: COMMAND_CENTRE, name: "x" }) { id }
    }`,
    c,
  );
}

/** Rejects every case still open (all of them only reported), so that the street has no open case. */
export async function rejectOpenCases(e2e: E2e): Promise<void> {
  const open: { id: string; version: number; status: string }[] = await e2e.db.dataSource.query(
    `SELECT id, version, status FROM "case" WHERE status NOT IN ('CLOSED', 'RATED', 'REJECTED')`,
  );
  for (const c of open) {
    if (c.status !== 'REPORTED') throw new Error(`case ${c.id} is ${c.status}: only reported cases can be rejected here`);
    await rejectCase(e2e, c);
  }
}

// The services (双报到, needs, matches, wishes, teams) around the first small grid's first household.

/** The first resident and household of the first small grid, and the community (LARGE grid) they live in. */
export interface Home {
  residentId: string;
  householdId: string;
  communityId: string;
}

export async function firstHome(e2e: E2e): Promise<Home> {
  const [home] = await e2e.db.dataSource.query(
    `SELECT r.id AS "residentId", h.id AS "householdId", l.id AS "communityId"
       FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
       JOIN grid s ON s.id = b.grid_id JOIN grid l ON l.level = 'LARGE' AND l.path @> s.path
      WHERE s.id = $1 ORDER BY h.id, r.id LIMIT 1`,
    [e2e.smallGridId],
  );
  return home;
}

/**
 * Every row the services write (registrations, needs, matches, hours, ratings, wishes, visits, teams,
 * activities, their events), so that a test starts from the fixture street and its accounts only.
 */
export async function clearServices(e2e: E2e): Promise<void> {
  // The app may still be finishing a request of the page the last test closed (or a sweep) on these tables: TRUNCATE
  // can then lose a deadlock, which PostgreSQL resolves by aborting it. Waiting a moment and trying again is enough.
  for (let attempt = 1; ; attempt++) {
    try {
      // DELETE in the order of the foreign keys, not TRUNCATE … CASCADE: that cascades along every foreign key to these
      // tables whether a row refers or not — through organization.registration_id to app_user and "case", the whole street.
      await e2e.db.dataSource.query(
        `DELETE FROM service_event; DELETE FROM activity_signup; DELETE FROM service_record; DELETE FROM team_member;
         DELETE FROM team_activity; DELETE FROM volunteer_team; DELETE FROM wish_claim; DELETE FROM micro_wish;
         DELETE FROM service_evaluation; DELETE FROM service_match; DELETE FROM service_need; DELETE FROM household_visit;
         UPDATE organization SET registration_id = NULL WHERE registration_id IS NOT NULL;
         UPDATE service_registration SET unit_id = NULL WHERE unit_id IS NOT NULL; DELETE FROM service_registration;`,
      );
      return;
    } catch (error) {
      const deadlock = (error as { driverError?: { code?: string } }).driverError?.code === '40P01';
      if (!deadlock || attempt === 5) throw error;
      await new Promise((done) => setTimeout(done, 200 * attempt));
    }
  }
}

const LEADER_ACTOR = { role: 'GRID_LEADER', name: 'e2e' };
/** Tuesdays 9:00–11:00, the window the volunteer and the household in need share. */
const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };

/** The street's current week (its Monday in Asia/Shanghai), as the web app's weekOf: the week a leader's matcher runs for. */
function thisWeek(now: Date = new Date()): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const d = new Date(`${day.format(now)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The registration (双报到) 志愿者小李 makes on the helper screen: a volunteer for REPAIR on Tuesdays 9–11, within 3 km,
 * 3 tasks a week, starting from LEADER_POINT; made with the volunteer's own token, so it is theirs.
 */
export async function registerVolunteer(e2e: E2e, volunteerToken: string): Promise<string> {
  const { registerForService } = await e2e.apiAs<{ registerForService: { id: string } }>(
    volunteerToken,
    `mutation ($input: RegistrationInput!) { registerForService(input: $input) { id } }`,
    {
      input: {
        kind: 'VOLUNTEER',
        name: '志愿者小李',
        unitName: null,
        skills: ['REPAIR'],
        radiusM: 3000,
        weeklyCapacity: 3,
        availability: [TUE_9_11],
        lng: LEADER_POINT.lng,
        lat: LEADER_POINT.lat,
      },
    },
  );
  return registerForService.id;
}

/** The household's dripping tap, a REPAIR need in the Tuesday 9–11 window, raised by its grid leader. */
export async function raiseTapNeed(e2e: E2e, home: Home): Promise<void> {
  await e2e.api(`mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`, {
    input: {
      householdId: home.householdId,
      type: 'REPAIR',
      urgency: 'HIGH',
      source: 'GRID_LEADER',
      window: TUE_9_11,
      notes: '水龙头漏水（e2e）',
    },
    a: LEADER_ACTOR,
  });
}

/** The household's wish for a radio, posted by its grid leader (SUBMITTED: to be reviewed). */
export async function postRadioWish(e2e: E2e, home: Home): Promise<{ id: string; version: number }> {
  const { postWish } = await e2e.api<{ postWish: { id: string; version: number } }>(
    `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { id version } }`,
    {
      input: { householdId: home.householdId, title: '想要一台收音机（e2e）', description: '王奶奶想听戏', posterName: '王奶奶' },
      a: LEADER_ACTOR,
    },
  );
  return postWish;
}

/** The radio wish, published on the board by the leader. */
export async function publishedRadioWish(e2e: E2e, home: Home): Promise<{ id: string; version: number }> {
  const posted = await postRadioWish(e2e, home);
  const { reviewWish } = await e2e.api<{ reviewWish: { id: string; version: number } }>(
    `mutation ($id: ID!, $v: Int!, $a: ActorInput) { reviewWish(id: $id, version: $v, publish: true, actor: $a) { id version } }`,
    { id: posted.id, v: posted.version, a: LEADER_ACTOR },
  );
  return reviewWish;
}

/** The tap need, matched to the registration by the leader's matcher for this week and confirmed: a task for the volunteer. */
export async function confirmedTapTask(e2e: E2e, home: Home, registrationId: string): Promise<{ id: string; version: number }> {
  await raiseTapNeed(e2e, home);
  const { proposeMatches } = await e2e.api<{ proposeMatches: { proposals: { id: string; version: number; registrationId: string }[] } }>(
    `mutation ($g: ID!, $p: String!, $a: ActorInput) {
      proposeMatches(gridId: $g, period: $p, actor: $a) { proposals { id version registrationId } }
    }`,
    { g: e2e.smallGridId, p: thisWeek(), a: LEADER_ACTOR },
  );
  const proposal = proposeMatches.proposals.find((p) => p.registrationId === registrationId);
  if (!proposal) throw new Error(`the matcher proposed nothing to ${registrationId}: ${JSON.stringify(proposeMatches.proposals)}`);
  const { confirmMatch } = await e2e.api<{ confirmMatch: { id: string; version: number } }>(
    `mutation ($id: ID!, $v: Int!, $a: ActorInput) { confirmMatch(id: $id, version: $v, actor: $a) { id version } }`,
    { id: proposal.id, v: proposal.version, a: LEADER_ACTOR },
  );
  return confirmMatch;
}

/** A team of the community with an activity in two days with 2 places (what the helper screen lists to sign up for). */
export async function teamActivity(e2e: E2e, home: Home): Promise<string> {
  const { createVolunteerTeam: team } = await e2e.api<{ createVolunteerTeam: { id: string } }>(
    `mutation ($c: ID!, $a: ActorInput) {
      createVolunteerTeam(communityId: $c, name: "助老服务队（e2e）", kind: "ELDERLY_CARE", actor: $a) { id }
    }`,
    { c: home.communityId, a: LEADER_ACTOR },
  );
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  const { createTeamActivity: activity } = await e2e.api<{ createTeamActivity: { id: string } }>(
    `mutation ($input: ActivityInput!, $a: ActorInput) { createTeamActivity(input: $input, actor: $a) { id } }`,
    {
      input: {
        teamId: team.id,
        title: '陪老人去体检（e2e）',
        place: '社区卫生服务中心',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        capacity: 2,
      },
      a: LEADER_ACTOR,
    },
  );
  return activity.id;
}
