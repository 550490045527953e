import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../api/__integration-tests__/harness';
import { readConfig } from '../api/src/platform/config';
import { signAccessToken, upsertUser } from '../api/src/platform/identity';
import { jwtSecret } from '../api/src/platform/config';
import { fixtureStreet } from '../api/src/seed/fixture-street';
import { writeStreet } from '../api/src/seed/write-street';
import { createApp, type App } from '../api/src/app/server';

// The wall screen end to end: the real app (API + built web app on one origin) on the
// real PostGIS when TEST_DATABASE_URL is set, else the embedded default, in Debian Chromium.
const ROOT = resolve(__dirname, '..');
const WEB_DIST = join(ROOT, 'web', 'dist');
const ARTIFACTS = join(ROOT, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FILL_LAYERS = ['grids-large-fill', 'grids-medium-fill', 'grids-small-fill'];
const LABEL_LAYERS = ['grids-large-label', 'grids-medium-label', 'grids-small-label'];
// fixtureStreet(): the first small grid spans 120.100–120.105 E, 30.250–30.255 N.
const SMALL_POINT = { lng: 120.102, lat: 30.252 };
const SMALL_CODE = '3301060010010010001';
// The leader reports here (inside the same small grid, away from the API-reported case).
const LEADER_POINT = { lng: 120.1035, lat: 30.2535 };
const PASSWORD = 'e2e-streetgrid';
const PIN_LAYER = 'case-pins';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const WALL_LOGIN = 'wall-screen';
const WALL_PASSWORD = 'wall-screen-e2e-password';

/** The part of the MapLibre map the test uses (this tsconfig has no DOM lib, so no `window`). */
interface MapLike {
  once(event: 'idle', listener: () => void): void;
  triggerRepaint(): void;
  jumpTo(options: { zoom: number; center: [number, number] }): void;
  getZoom(): number;
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
  getCenter(): { lng: number; lat: number };
  getStyle(): { glyphs?: string; layers: { id: string; type: string; layout?: Record<string, unknown> }[] };
}
/** The page's document, inside `page.evaluate` / `waitForFunction` callbacks (no DOM lib here). */
interface ElementLike {
  textContent: string | null;
}
declare const document: {
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  documentElement: { scrollWidth: number };
};

/** `window.__streetgridMap` and `window.__streetgridWs`, the app's test hooks. */
type MapHost = { __streetgridMap: MapLike; __streetgridWs: { terminate(): void } };

/** Waits until the map has rendered everything it asked for (MapLibre's `idle`). */
async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const map = (globalThis as unknown as MapHost).__streetgridMap;
        map.once('idle', () => done());
        map.triggerRepaint();
      }),
  );
}

async function jumpTo(page: Page, zoom: number, center: [number, number]): Promise<void> {
  await page.evaluate(({ zoom, center }) => (globalThis as unknown as MapHost).__streetgridMap.jumpTo({ zoom, center }), { zoom, center });
  await mapIdle(page);
}

/** Grid levels among the rendered grid fills, and the names among the rendered labels. */
async function rendered(page: Page): Promise<{ levels: string[]; labels: string[] }> {
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

/** Signs in through the login form and waits for the map to be ready. */
async function signIn(page: Page, login: string, consoleErrors: string[]): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="password"]').press('Enter');
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
    throw new Error(`the map never became ready for ${login}; status: ${status}; console errors: ${consoleErrors.join(' | ') || 'none'}`, {
      cause: error,
    });
  }
  await mapIdle(page);
}

/** Case ids among the rendered pins. */
async function renderedPins(page: Page): Promise<string[]> {
  return page.evaluate(
    (layer) =>
      (globalThis as unknown as MapHost).__streetgridMap.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.id)),
    PIN_LAYER,
  );
}

/** Clicks the map canvas at a lng/lat. */
async function clickAt(page: Page, at: { lng: number; lat: number }): Promise<void> {
  const point = await page.evaluate((p) => (globalThis as unknown as MapHost).__streetgridMap.project([p.lng, p.lat]), at);
  const canvas = (await page.locator('.map canvas').boundingBox())!;
  await page.mouse.click(canvas.x + point.x, canvas.y + point.y);
}

describe('wall screen (e2e, Chromium)', () => {
  let db: TestDatabase;
  let app: App;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  const tileStatuses: number[] = [];
  const consoleErrors: string[] = [];
  let adminToken: string;
  let smallGridId: string;
  let smallBox: { x0: number; y0: number; x1: number; y1: number };

  /** A GraphQL call as the street admin, straight to the API. */
  async function api<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      throw new Error(`web/dist is missing: build the web app first (pnpm --filter @streetgrid/web build) — looked in ${WEB_DIST}`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    [{ id: smallGridId, ...smallBox }] = await db.dataSource.query(
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
    adminToken = await signAccessToken(adminId, 'STREET_ADMIN', jwtSecret());
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: WALL_LOGIN, displayName: '指挥中心大屏', password: WALL_PASSWORD, role: 'STREET_ADMIN', gridIds: [] }),
    );
    app = await createApp({ ...readConfig(process.env), databaseUrl: undefined, port: 0, host: '127.0.0.1', webDist: WEB_DIST }, db);
    origin = await app.listen();
    // History before the wall screen opens: a case reported and rejected (so no open case, no pin).
    const { reportCase: old } = await api<{ reportCase: { case: { id: string; version: number } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
      {
        input: {
          clientKey: `e2e-history-${Date.now()}`,
          category: 'ENVIRONMENT',
          source: 'HOTLINE',
          lng: SMALL_POINT.lng + 0.001,
          lat: SMALL_POINT.lat + 0.006,
          description: '历史事件（e2e）',
        },
      },
    );
    await api(
      `mutation ($id: ID!, $version: Int!) { rejectCase(id: $id, version: $version, reason: "重复上报", actor: { role: COMMAND_CENTRE, name: "x" }) { id } }`,
      old.case,
    );
    profile = mkdtempSync(join(tmpdir(), 'streetgrid-e2e-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      args: [
        '--no-sandbox',
        '--disable-quic',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (req) => requests.push(req.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/tiles/')) tileStatuses.push(res.status());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(origin);
    await page.waitForSelector('input[name="login"]', { timeout: 30_000 });
    await signIn(page, 'e2e-operator', consoleErrors);
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
    await db?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('fits the street, draws the grid levels of its zoom from vector tiles and saves a 1920×1080 screenshot', async () => {
    // The whole street on one screen: every level whose zoom band the fitted zoom reaches.
    const zoom = await page.evaluate(() => (globalThis as unknown as MapHost).__streetgridMap.getZoom());
    const expected = Object.entries({ LARGE: 10, MEDIUM: 13, SMALL: 15 })
      .filter(([, minzoom]) => zoom >= minzoom)
      .map(([level]) => level)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect((await rendered(page)).levels).toEqual(expected);
    expect(tileStatuses.length).toBeGreaterThan(0);
    expect(tileStatuses.every((s) => [200, 204, 304].includes(s))).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen.png') });
  });

  it('shows the history in the live feed on load, newest first', async () => {
    const items = page.locator('.feed__item');
    await items.first().waitFor({ timeout: 10_000 });
    expect(await items.count()).toBe(2);
    expect(await items.first().locator('.status-chip').getAttribute('data-status')).toBe('REJECTED');
    expect(await items.nth(1).textContent()).toContain('历史事件');
  });

  it('shows large grids from z10, medium from z13, small from z15', async () => {
    const centre: [number, number] = [120.11, 30.26];
    await jumpTo(page, 11.5, centre);
    expect((await rendered(page)).levels).toEqual(['LARGE']);
    await jumpTo(page, 13.5, centre);
    expect((await rendered(page)).levels).toEqual(['LARGE', 'MEDIUM']);
    await jumpTo(page, 15.5, centre);
    expect((await rendered(page)).levels).toEqual(['LARGE', 'MEDIUM', 'SMALL']);
  });

  it('labels grids in Chinese, drawn locally without a glyphs URL', async () => {
    const style = await page.evaluate(() => {
      const s = (globalThis as unknown as MapHost).__streetgridMap.getStyle();
      return {
        glyphs: s.glyphs ?? null,
        fields: s.layers
          .filter((l) => l.type === 'symbol' && l.id.startsWith('grids-'))
          .map((l) => JSON.stringify(l.layout?.['text-field'])),
      };
    });
    expect(style.glyphs).toBeNull();
    expect(style.fields.length).toBe(3);
    for (const field of style.fields) expect(field).toBe('["get","name"]');
    const { labels } = await rendered(page);
    expect(labels.length).toBeGreaterThan(0);
    for (const name of labels) expect(name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('opens the gridAt panel with the SMALL grid under a clicked point', async () => {
    await jumpTo(page, 16, [SMALL_POINT.lng, SMALL_POINT.lat]);
    const point = await page.evaluate((p) => (globalThis as unknown as MapHost).__streetgridMap.project([p.lng, p.lat]), SMALL_POINT);
    const canvas = (await page.locator('.map canvas').boundingBox())!;
    await page.mouse.click(canvas.x + point.x, canvas.y + point.y);
    const card = page.locator('.panel .grid-card[data-level="SMALL"]');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain(SMALL_CODE);
    await expect(page.locator('.panel .grid-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-level')))).resolves.toEqual(
      ['SMALL', 'MEDIUM', 'LARGE'],
    );
    // Each card carries its subtree's case facts (open, overdue, on-time rate, satisfaction).
    await page.locator('.panel .grid-card[data-level="SMALL"] .grid-card__cases [data-kpi="open"]').waitFor({ timeout: 10_000 });
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-panel.png') });
  });

  it('shows a case reported through the API as a pin without reload, in the feed and the KPI band, and opens it with its timeline', async () => {
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await jumpTo(page, 16, [SMALL_POINT.lng, SMALL_POINT.lat]);
    const { reportCase } = await api<{ reportCase: { case: { id: string } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`,
      {
        input: {
          clientKey: `e2e-${Date.now()}`,
          category: 'ENVIRONMENT',
          source: 'HOTLINE',
          lng: SMALL_POINT.lng,
          lat: SMALL_POINT.lat,
          description: '楼道堆放杂物（e2e）',
        },
      },
    );
    const id = reportCase.case.id;
    await page.waitForFunction(
      ({ layer, id }) =>
        (globalThis as unknown as MapHost).__streetgridMap.queryRenderedFeatures({ layers: [layer] }).some((f) => f.properties.id === id),
      { layer: PIN_LAYER, id },
      { timeout: 15_000 },
    );
    expect(await renderedPins(page)).toContain(id);
    // No reload: the same document.
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await page.locator('.feed__item').first().waitFor();
    expect(await page.locator('.feed__item').first().textContent()).toContain('楼道堆放杂物');
    await page.waitForFunction(() => document.querySelector('.kpi[data-kpi="open"] .kpi__value')?.textContent === '1', undefined, {
      timeout: 10_000,
    });
    await page.waitForSelector('.pin-pulse');

    await mapIdle(page);
    await clickAt(page, SMALL_POINT);
    const panel = page.locator(`.case-panel[data-case-id="${id}"]`);
    await panel.locator('.timeline__item').first().waitFor({ timeout: 10_000 });
    expect(await panel.locator('.timeline__item').first().getAttribute('data-type')).toBe('REPORTED');
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-case.png') });
  });

  it('searches by grid code (fits the map to the grid) and by case number (opens the case); tours the communities', async () => {
    const search = page.locator('.search input');
    await search.fill(SMALL_CODE);
    await search.press('Enter');
    await page.waitForFunction(
      (box) => {
        const c = (globalThis as unknown as MapHost).__streetgridMap.getCenter();
        return Math.abs(c.lng - (box.x0 + box.x1) / 2) < 1e-4 && Math.abs(c.lat - (box.y0 + box.y1) / 2) < 1e-4;
      },
      smallBox,
      { timeout: 10_000 },
    );
    // The unattended tour starts at the first community (by code) and stops on a second press.
    const [large] = await db.dataSource.query(
      `SELECT ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1 FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`,
    );
    // The service layer toggles (overdue visits, open wishes) switch their map layers on.
    await page.locator('.service-toggles [data-layer="OPEN_WISH"]').click();
    expect(await page.locator('.service-toggles [data-layer="OPEN_WISH"]').getAttribute('aria-pressed')).toBe('true');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as MapHost).__streetgridMap.getStyle().layers.find((l) => l.id === 'service-open-wishes')?.layout
            ?.visibility,
      ),
    ).toBe('visible');
    await page.locator('.service-toggles [data-layer="OPEN_WISH"]').click();
    await page.locator('[data-action="tour"]').click();
    await page.waitForFunction(
      (box) => {
        const c = (globalThis as unknown as MapHost).__streetgridMap.getCenter();
        return Math.abs(c.lng - (box.x0 + box.x1) / 2) < 1e-4 && Math.abs(c.lat - (box.y0 + box.y1) / 2) < 1e-4;
      },
      large,
      { timeout: 10_000 },
    );
    expect(await page.locator('[data-action="tour"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-action="tour"]').click();
    const [{ id }] = await db.dataSource.query(`SELECT id FROM "case" ORDER BY reported_at LIMIT 1`);
    await search.fill(id);
    await search.press('Enter');
    await page.locator(`.case-panel[data-case-id="${id}"] .timeline__item`).first().waitFor({ timeout: 10_000 });
    await mapIdle(page);
  });

  it('resumes the live feed after the socket drops: a case reported meanwhile still arrives, without reload', async () => {
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await page.evaluate(() => (globalThis as unknown as MapHost).__streetgridWs.terminate());
    // Reported while the socket is down (the client waits a second before reconnecting).
    const { reportCase } = await api<{ reportCase: { case: { id: string } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`,
      {
        input: {
          clientKey: `e2e-gap-${Date.now()}`,
          category: 'PUBLIC_FACILITY',
          source: 'HOTLINE',
          lng: SMALL_POINT.lng + 0.001,
          lat: SMALL_POINT.lat + 0.006,
          description: '断线期间上报（e2e）',
        },
      },
    );
    await page.waitForFunction(
      () => [...document.querySelectorAll('.feed__item')].some((e) => e.textContent?.includes('断线期间上报')),
      undefined,
      {
        timeout: 15_000,
      },
    );
    await jumpTo(page, 16, [SMALL_POINT.lng + 0.001, SMALL_POINT.lat + 0.006]);
    expect(await renderedPins(page)).toContain(reportCase.case.id);
    // The wall screen with live cases: pins at the community zoom, the feed beside the map.
    await page
      .locator('.case-panel button', { hasText: /关闭|Close/ })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await jumpTo(page, 15, [SMALL_POINT.lng + 0.004, SMALL_POINT.lat + 0.004]);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen.png') });
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
  });

  it('signs a grid leader in on their own grid; the leader reports a case by clicking the map, accepts it, requests an extension (approved on the wall screen) and handles it with a photo; lists households by tag and residents; works on a phone', async () => {
    const leader = await context.newPage();
    leader.on('pageerror', (error) => consoleErrors.push(error.message));
    await leader.goto(origin);
    await signIn(leader, 'e2e-leader', consoleErrors);
    // The map opens on the leader's small grid: centred on it, zoomed in to it.
    const view = await leader.evaluate(() => {
      const map = (globalThis as unknown as MapHost).__streetgridMap;
      return { centre: map.getCenter(), zoom: map.getZoom() };
    });
    expect(view.centre.lng).toBeCloseTo((smallBox.x0 + smallBox.x1) / 2, 4);
    expect(view.centre.lat).toBeCloseTo((smallBox.y0 + smallBox.y1) / 2, 4);
    expect(view.zoom).toBeGreaterThan(14);
    // The case the API reported in this grid is in the leader's list.
    await leader.locator('.case-list__item').first().waitFor({ timeout: 15_000 });

    await clickAt(leader, LEADER_POINT);
    const form = leader.locator('.report-form');
    await form.waitFor();
    await leader.waitForFunction(
      () => (document.querySelector('.report-form select') as { options?: { length: number } } | null)?.options?.length,
    );
    await form.locator('textarea[name="description"]').fill('路灯不亮（网格巡查 e2e）');
    await form.locator('button[type="submit"]').click();
    const panel = leader.locator('.case-panel');
    await panel.locator('.status-chip[data-status="REPORTED"]').waitFor({ timeout: 10_000 });
    const id = await panel.getAttribute('data-case-id');
    await panel.locator('[data-action="accept"]').click();
    await panel.locator('.status-chip[data-status="IN_PROGRESS"]').waitFor({ timeout: 10_000 });
    // The leader asks for more time; the command centre approves it on the wall screen.
    await panel.locator('.case-actions__extend summary').click();
    await panel.locator('.case-actions__extend input:not([type="number"])').fill('需要采购灯具');
    await panel.locator('[data-action="extend"]').click();
    await panel.locator('.case-actions__pending').waitFor({ timeout: 10_000 });
    const search = page.locator('.search input');
    await search.fill(id!);
    await search.press('Enter');
    const review = page.locator(`.case-panel[data-case-id="${id}"] .extension-review`);
    await review.waitFor({ timeout: 10_000 });
    expect(await review.textContent()).toContain('需要采购灯具');
    await review.locator('[data-action="approve-extension"]').click();
    await page.locator(`.case-panel[data-case-id="${id}"] .timeline__item[data-type="EXTENDED"]`).waitFor({ timeout: 10_000 });
    await panel.locator('.timeline__item[data-type="EXTENDED"]').waitFor({ timeout: 10_000 });
    await panel.locator('textarea[name="feedback"]').fill('已更换灯泡');
    // A photo from the file input (the phone camera on a phone), shown as a thumbnail once handled.
    await panel
      .locator('input[name="photo"]')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
    await panel.locator('[data-action="handle"]').click();
    await panel.locator('.timeline__item[data-type="HANDLED"]').waitFor({ timeout: 10_000 });
    await panel.locator('.case-photos__thumb').waitFor({ timeout: 10_000 });
    expect(await panel.locator('.case-photos__thumb').getAttribute('src')).toMatch(/^blob:/);
    await panel.locator('.status-chip[data-status="HANDLED"]').waitFor();
    expect(await panel.locator('.timeline__item').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')))).toEqual([
      'REPORTED',
      'FILED',
      'DISPATCHED',
      'STARTED',
      'EXTENSION_REQUESTED',
      'EXTENDED',
      'HANDLED',
    ]);
    // The wall screen saw the leader's case live too.
    await page.waitForFunction(
      (id) => [...document.querySelectorAll('.feed__item')].some((e) => e.textContent?.includes('路灯不亮')) && !!id,
      id,
      { timeout: 10_000 },
    );
    await mapIdle(leader);
    await leader.screenshot({ path: join(ARTIFACTS, 'leader.png') });

    await leader.setViewportSize({ width: 390, height: 844 });
    await panel.locator('button', { hasText: /关闭|Close/ }).click();
    await leader.locator('.workspace__cases').waitFor();
    expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The leader's lists: households of their grid (two, one tagged 独居老人), filtered by tag; residents.
    await leader.locator('[role="tab"][data-tab="households"]').click();
    const households = leader.locator('.tabs__panel[data-tab="households"] .entity-list__item');
    await households.first().waitFor({ timeout: 10_000 });
    expect(await households.count()).toBe(2);
    await leader.locator('.tabs__panel select[name="tag"]').selectOption('ELDERLY_ALONE');
    await leader.waitForFunction(() => [...document.querySelectorAll('.tabs__panel .entity-list__item')].length === 1, undefined, {
      timeout: 10_000,
    });
    expect(await leader.locator('.tabs__panel .tag-chip').first().textContent()).toBe('独居老人');
    expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await leader.locator('[role="tab"][data-tab="residents"]').click();
    await leader.locator('.tabs__panel[data-tab="residents"] .entity-list__item').first().waitFor({ timeout: 10_000 });
    expect(await leader.locator('.tabs__panel[data-tab="residents"] .entity-list__item').count()).toBe(4);
    // The services tab: needs, proposals and visits load from the API without error.
    await leader.locator('[role="tab"][data-tab="services"]').click();
    await leader.waitForFunction(
      () => {
        const panel = document.querySelector('.tabs__panel[data-tab="services"]');
        return (
          !!document.querySelector('.tabs__panel[data-tab="services"] [data-list="visits"]') && !panel?.textContent?.includes('正在加载')
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await leader.locator('.tabs__panel[data-tab="services"] [role="alert"]').count()).toBe(0);
    await leader.locator('[role="tab"][data-tab="cases"]').click();
    await leader.locator('.workspace__cases').waitFor();
    await mapIdle(leader);
    await leader.screenshot({ path: join(ARTIFACTS, 'leader-phone.png') });
    await leader.close();
  });

  it('opens the echo wall (回音壁) from the sign-in page without signing in: the communities by name, then one community’s wall; a QR code’s link (/echo?community=<code>) opens it directly', async () => {
    const communities: { code: string; name: string }[] = await db.dataSource.query(
      `SELECT code, name FROM grid WHERE level = 'LARGE' ORDER BY code`,
    );
    const [mine] = await db.dataSource.query(
      `SELECT code, name FROM grid WHERE level = 'LARGE' AND path @> (SELECT path FROM grid WHERE id = $1)`,
      [smallGridId],
    );
    const visitor = await context.newPage(); // a new tab: no session (it lives in sessionStorage)
    visitor.on('pageerror', (error) => consoleErrors.push(error.message));
    /** What the echo page says, without the language switch (which names the other language). */
    const echoText = async () => (await visitor.locator('.echo').innerText()).replace(/English/g, '');
    const settled = () =>
      visitor.waitForFunction(() => !document.querySelector('.echo')?.textContent?.includes('加载中'), undefined, { timeout: 30_000 });

    await visitor.goto(origin);
    await visitor.locator('.login__echo').click();
    await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
    expect(new URL(visitor.url()).pathname).toBe('/echo');
    expect(await visitor.locator('.echo__communities a').allTextContents()).toEqual(communities.map((c) => c.name));
    expect(await visitor.locator('input').count()).toBe(0); // no box asking for an id
    let text = await echoText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
    expect(text).not.toMatch(/[A-Za-z]/);

    await visitor.locator(`.echo__communities a[data-community="${mine.code}"]`).click();
    await visitor.waitForSelector(`.echo[data-community="${mine.code}"]`, { timeout: 30_000 });
    await settled();
    expect(visitor.url()).toBe(`${origin}/echo?community=${mine.code}`);
    expect(await visitor.locator('.echo__title').textContent()).toBe(`${mine.name}回音壁`);
    expect(await visitor.locator('.echo [role="alert"]').count()).toBe(0);
    text = await echoText();
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);

    // Scanned from a QR code at the community's door: straight to the wall.
    await visitor.goto(`${origin}/echo?community=${mine.code}`);
    await visitor.waitForSelector(`.echo[data-community="${mine.code}"]`, { timeout: 30_000 });
    await settled();
    expect(await visitor.locator('.echo__title').textContent()).toBe(`${mine.name}回音壁`);

    // A code that is wrong says so in Chinese and offers the list.
    await visitor.goto(`${origin}/echo?community=123`);
    await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
    expect(await visitor.locator('.echo [role="alert"]').textContent()).toBe('链接中的社区编码有误，请从下面选择');
    await visitor.goto(`${origin}/echo?community=330106001999`);
    await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
    expect(await visitor.locator('.echo [role="alert"]').textContent()).toBe('没有编码为 330106001999 的社区，请从下面选择');
    expect(await visitor.locator('input[name="login"]').count()).toBe(0);
    await visitor.close();
  });

  it("registers a volunteer on the helper screen (双报到); matches a need in the leader's services tab (run the matcher, confirm, publish a wish, which the wall screen counts live, record a visit raising a need); the volunteer accepts the task on the helper screen and records its hours, claims the wish nearby and fulfils it, signs up for a team activity; the community's leader creates a team, records the volunteer's attendance and downloads the month's evaluation sheet with those hours; the household thanks the helper on its own page and asks for more", async () => {
    // Through the API: a registration owned by the volunteer's account, a need in the
    // leader's grid, a wish published on the board.
    const [home] = await db.dataSource.query(
      `SELECT r.id AS "residentId", h.id AS "householdId", l.id AS "communityId"
         FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
         JOIN grid s ON s.id = b.grid_id JOIN grid l ON l.level = 'LARGE' AND l.path @> s.path
        WHERE s.id = $1 ORDER BY h.id, r.id LIMIT 1`,
      [smallGridId],
    );
    await db.dataSource.transaction((m) =>
      upsertUser(m, {
        login: 'e2e-volunteer',
        displayName: '志愿者小李',
        password: PASSWORD,
        role: 'VOLUNTEER',
        residentId: home.residentId,
      }),
    );
    const window = { weekday: 2, startMinute: 540, endMinute: 660 };
    // The volunteer registers (双报到) on the helper screen, starting from a point clicked on the
    // map rather than their home (so the task line to the household in need has a length).
    const helper = await context.newPage();
    helper.on('pageerror', (error) => consoleErrors.push(error.message));
    await helper.goto(origin);
    await signIn(helper, 'e2e-volunteer', consoleErrors);
    expect(await helper.locator('.app__title').textContent()).toBe('志愿服务工作台');
    const form = helper.locator('[data-list="register"]');
    await form.waitFor({ timeout: 15_000 });
    await form.locator('[data-action="register"]').click();
    expect(await form.locator('[role="alert"]').getAttribute('data-field-at-fault')).toBe('input.skills');
    await form.locator('input[name="skill"][value="REPAIR"]').check();
    await form.locator('[data-window="0"] select').selectOption('2');
    await form.locator('[data-window="0"] input[type="time"]').first().fill('09:00');
    await form.locator('[data-window="0"] input[type="time"]').last().fill('11:00');
    await form.locator('input[name="radiusM"]').fill('3000');
    await form.locator('input[name="weeklyCapacity"]').fill('3');
    await clickAt(helper, LEADER_POINT);
    await helper.waitForFunction(
      () => document.querySelector('[data-list="register"] [data-field="start"]')?.textContent?.match(/120\.103\d+.*30\.253\d+/),
      undefined,
      { timeout: 5_000 },
    );
    await form.locator('[data-action="register"]').click();
    await helper.locator('[data-list="registration"]').waitFor({ timeout: 10_000 });
    const [reg]: { id: string }[] = await db.dataSource.query(
      `SELECT r.id FROM service_registration r JOIN app_user u ON u.id = r.user_id
        WHERE u.login = 'e2e-volunteer' AND r.community_id = $1 AND r.skills = '{REPAIR}' AND r.radius_m = 3000 AND r.weekly_capacity = 3
          AND ST_DWithin(r.location, ST_SetSRID(ST_MakePoint($2, $3), 4326), 0.0001)
          AND EXISTS (SELECT 1 FROM service_availability a WHERE a.registration_id = r.id AND a.weekday = 2 AND a.start_minute = 540 AND a.end_minute = 660)`,
      [home.communityId, LEADER_POINT.lng, LEADER_POINT.lat],
    );
    expect(reg).toBeDefined();
    const LEADER = { role: 'GRID_LEADER', name: 'e2e' };
    await api(`mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`, {
      input: { householdId: home.householdId, type: 'REPAIR', urgency: 'HIGH', source: 'GRID_LEADER', window, notes: '水龙头漏水（e2e）' },
      a: LEADER,
    });
    const { postWish } = await api<{ postWish: { id: string; version: number } }>(
      `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { id version } }`,
      {
        input: { householdId: home.householdId, title: '想要一台收音机（e2e）', description: '王奶奶想听戏', posterName: '王奶奶' },
        a: LEADER,
      },
    );
    // The leader runs the matcher, confirms the proposal and publishes the wish in their workspace's services tab.
    const leader = await context.newPage();
    leader.on('pageerror', (error) => consoleErrors.push(error.message));
    await leader.goto(origin);
    await signIn(leader, 'e2e-leader', consoleErrors);
    await leader.locator('[role="tab"][data-tab="services"]').click();
    await leader.locator('[data-action="propose-matches"]').click();
    const proposalRow = leader.locator('[data-list="proposals"] [data-match-id]');
    await proposalRow.first().waitFor({ timeout: 15_000 });
    const [proposal]: { id: string }[] = await db.dataSource.query(
      `SELECT id FROM service_match WHERE registration_id = $1 AND status = 'PROPOSED'`,
      [reg.id],
    );
    expect(proposal).toBeDefined();
    const row = leader.locator(`[data-list="proposals"] [data-match-id="${proposal.id}"]`);
    expect(await row.textContent()).toContain('志愿者小李');
    await row.locator('[data-action="confirm-match"]').click();
    await leader.waitForFunction((id) => !document.querySelector(`[data-list="proposals"] [data-match-id="${id}"]`), proposal.id, {
      timeout: 10_000,
    });
    const [{ status: confirmed }] = await db.dataSource.query(`SELECT status FROM service_match WHERE id = $1`, [proposal.id]);
    expect(confirmed).toBe('CONFIRMED');
    const WISH_COUNT = '.service-toggles [data-layer="OPEN_WISH"] .service-toggles__count';
    const wishesBefore = Number(await page.locator(WISH_COUNT).textContent());
    const pending = leader.locator(`[data-list="wishes-to-review"] [data-wish-id="${postWish.id}"]`);
    await pending.locator('[data-action="publish-wish"]').click();
    await leader.waitForFunction((id) => !document.querySelector(`[data-list="wishes-to-review"] [data-wish-id="${id}"]`), postWish.id, {
      timeout: 10_000,
    });
    // The wall screen counts the newly published wish from the live service feed (its poll is a minute).
    await page.waitForFunction(
      ({ selector, n }) => Number(document.querySelector(selector)?.textContent) === n + 1,
      { selector: WISH_COUNT, n: wishesBefore },
      { timeout: 10_000 },
    );
    expect(await leader.locator('[data-list="resources"] [data-registration-id="' + reg.id + '"]').count()).toBe(1);
    // A visit from the visits list, with a need found there going onto the needs list.
    const due = leader.locator('[data-list="visits"] [data-household-id]').first();
    await due.waitFor({ timeout: 10_000 });
    const visitedHousehold = await due.getAttribute('data-household-id');
    await due.locator('[data-action="record-visit"]').click();
    const visitForm = due.locator('[data-form="visit"]');
    await visitForm.locator('[data-action="save-visit"]').click();
    expect(await visitForm.locator('[role="alert"]').getAttribute('data-field-at-fault')).toBe('input.findings');
    await visitForm.locator('textarea[name="findings"]').fill('老人身体尚可，需要有人陪同就医（e2e）');
    await visitForm.locator('input[name="raise-need"]').check();
    await visitForm.locator('select[name="need-type"]').selectOption('MEDICAL');
    await visitForm.locator('[data-action="save-visit"]').click();
    await leader.waitForFunction(() => !document.querySelector('[data-form="visit"]'), undefined, { timeout: 10_000 });
    const [visit] = await db.dataSource.query(
      `SELECT v.findings, (SELECT count(*)::int FROM service_need n WHERE n.visit_id = v.id AND n.type = 'MEDICAL' AND n.status = 'OPEN') AS needs
         FROM household_visit v WHERE v.household_id = $1 ORDER BY v.visited_at DESC LIMIT 1`,
      [visitedHousehold],
    );
    expect(visit).toEqual({ findings: '老人身体尚可，需要有人陪同就医（e2e）', needs: 1 });
    await leader.close();

    await helper.reload();
    await helper.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    const task = helper.locator(`[data-list="tasks"] [data-match-id="${proposal.id}"]`);
    await task.waitFor({ timeout: 15_000 });
    expect(await task.getAttribute('data-status')).toBe('CONFIRMED');
    expect(await task.locator('[data-field="address"]').textContent()).toContain('示例路');
    expect(await task.textContent()).toContain('水龙头漏水（e2e）');
    // Booked for an hour of the Tuesday 9–11 window the need and the helper share.
    expect(await task.locator('[data-field="when"]').textContent()).toBe('周二 09:00–10:00');
    // The line from the helper to the task is drawn on the map.
    await helper.waitForFunction(
      (id) =>
        (globalThis as unknown as MapHost).__streetgridMap
          .queryRenderedFeatures({ layers: ['service-matches'] })
          .some((f) => f.properties.matchId === id),
      proposal.id,
      { timeout: 15_000 },
    );
    await task.locator('[data-action="accept-match"]').click();
    await helper.locator(`[data-match-id="${proposal.id}"][data-status="ACCEPTED"]`).waitFor({ timeout: 10_000 });
    await task.locator('[data-action="complete-match"]').click();
    await task.locator('input[name="hours"]').fill('1.5');
    await task.locator('[data-action="send-complete"]').click();
    await helper.waitForFunction((id) => !document.querySelector(`[data-list="tasks"] [data-match-id="${id}"]`), proposal.id, {
      timeout: 10_000,
    });
    await helper.waitForFunction(() => document.querySelector('[data-field="hours"]')?.textContent?.includes('1.5'), undefined, {
      timeout: 10_000,
    });
    const [{ status: matchStatus, hours }] = await db.dataSource.query(
      `SELECT x.status, (SELECT sum(hours)::float8 FROM service_record WHERE match_id = x.id) AS hours FROM service_match x WHERE x.id = $1`,
      [proposal.id],
    );
    expect({ matchStatus, hours }).toEqual({ matchStatus: 'DONE', hours: 1.5 });

    const nearby = helper.locator(`[data-list="nearby-wishes"] [data-wish-id="${postWish.id}"]`);
    await nearby.waitFor({ timeout: 10_000 });
    await nearby.locator('[data-action="claim-wish"]').click();
    const mine = helper.locator(`[data-list="my-wishes"] [data-wish-id="${postWish.id}"]`);
    await mine.waitFor({ timeout: 10_000 });
    expect(await mine.locator('[data-field="address"]').textContent()).toContain('示例路');
    await mine.locator('input[aria-label="完成情况"]').fill('送去了一台收音机');
    await mine
      .locator('input[type="file"]')
      .setInputFiles({ name: 'radio.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
    await mine.locator('[data-action="fulfil-wish"]').click();
    await helper.waitForFunction((id) => !document.querySelector(`[data-list="my-wishes"] [data-wish-id="${id}"]`), postWish.id, {
      timeout: 10_000,
    });
    const [wish] = await db.dataSource.query(`SELECT status, fulfil_note, photo IS NOT NULL AS "hasPhoto" FROM micro_wish WHERE id = $1`, [
      postWish.id,
    ]);
    expect(wish).toEqual({ status: 'FULFILLED', fulfil_note: '送去了一台收音机', hasPhoto: true });
    // A team activity of the community: the helper signs up while places are left.
    const { createVolunteerTeam: team } = await api<{ createVolunteerTeam: { id: string } }>(
      `mutation ($c: ID!, $a: ActorInput) { createVolunteerTeam(communityId: $c, name: "助老服务队（e2e）", kind: "ELDERLY_CARE", actor: $a) { id } }`,
      { c: home.communityId, a: LEADER },
    );
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const { createTeamActivity: activity } = await api<{ createTeamActivity: { id: string } }>(
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
        a: LEADER,
      },
    );
    await helper.reload();
    await helper.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    const activityRow = helper.locator(`[data-list="activities"] [data-activity-id="${activity.id}"]`);
    await activityRow.waitFor({ timeout: 10_000 });
    expect(await activityRow.textContent()).toContain('剩余 2/2 个名额');
    await activityRow.locator('[data-action="sign-up"]').click();
    await helper.locator(`[data-activity-id="${activity.id}"][data-joined="true"]`).waitFor({ timeout: 10_000 });
    expect(await helper.locator(`[data-activity-id="${activity.id}"]`).textContent()).toContain('剩余 1/2 个名额');
    expect(await helper.locator('.workspace__side [role="alert"]').count()).toBe(0);
    await helper.screenshot({ path: join(ARTIFACTS, 'helper.png') });
    await helper.close();

    // The community's leader downloads the month's dual-evaluation sheet with those hours.
    await db.dataSource.transaction((m) =>
      upsertUser(m, {
        login: 'e2e-community',
        displayName: '社区书记',
        password: PASSWORD,
        role: 'GRID_LEADER',
        gridIds: [home.communityId],
      }),
    );
    const community = await context.newPage();
    community.on('pageerror', (error) => consoleErrors.push(error.message));
    await community.goto(origin);
    await signIn(community, 'e2e-community', consoleErrors);
    await community.locator('[role="tab"][data-tab="services"]').click();
    // The community's teams: a new team, and the volunteer's attendance at the activity (2 more hours).
    const teams = community.locator(`[data-list="teams"][data-community-id="${home.communityId}"]`);
    await teams.waitFor({ timeout: 15_000 });
    await teams.locator('input[name="team-name"]').fill('文体服务队（e2e）');
    await teams.locator('select[name="team-kind"]').selectOption('CULTURE_SPORT');
    await teams.locator('[data-action="create-team"]').click();
    await community.waitForFunction(
      () => document.querySelector('[data-list="teams"]')?.textContent?.includes('文体服务队（e2e）'),
      undefined,
      { timeout: 10_000 },
    );
    const attendee = teams.locator(`[data-activity-id="${activity.id}"] [data-registration-id="${reg.id}"]`);
    await attendee.locator('input[name="attendance-hours"]').fill('2');
    await attendee.locator('[data-action="attended"]').click();
    await community
      .locator(`[data-activity-id="${activity.id}"] [data-registration-id="${reg.id}"][data-attended="true"]`)
      .waitFor({ timeout: 10_000 });
    const exportButton = community.locator(`[data-action="export-evaluations"][data-community-id="${home.communityId}"]`);
    await exportButton.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([community.waitForEvent('download'), exportButton.click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const line = csv.split('\r\n').find((l) => l.includes('志愿者小李'));
    expect(line).toContain('3.5'); // 1.5 h on the task + 2 h at the activity
    await community.close();

    // The household thanks the helper on its own page, and asks for more.
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'e2e-resident', displayName: '王奶奶', password: PASSWORD, role: 'RESIDENT', residentId: home.residentId }),
    );
    const resident = await context.newPage();
    resident.on('pageerror', (error) => consoleErrors.push(error.message));
    await resident.goto(origin);
    await resident.locator('input[name="login"]').fill('e2e-resident');
    await resident.locator('input[name="password"]').fill(PASSWORD);
    await resident.locator('input[name="password"]').press('Enter');
    const fulfilled = resident.locator(`[data-list="own-wishes"] [data-wish-id="${postWish.id}"][data-status="FULFILLED"]`);
    await fulfilled.waitFor({ timeout: 15_000 });
    expect(await fulfilled.textContent()).toContain('送去了一台收音机');
    await fulfilled.locator('input[name="thanks"]').fill('谢谢小李，收音机很好用');
    await fulfilled.locator('[data-action="thank-wish"]').click();
    await resident.locator(`[data-wish-id="${postWish.id}"][data-status="THANKED"]`).waitFor({ timeout: 10_000 });
    const wishForm = resident.locator('[data-form="post-wish"]');
    await wishForm.locator('input[name="title"]').fill('想要一副老花镜（e2e）');
    await wishForm.locator('textarea[name="description"]').fill('看报纸看不清');
    await wishForm.locator('[data-action="post-wish"]').click();
    await resident.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-list="own-wishes"] [data-status="SUBMITTED"]')].some((e) => e.textContent?.includes('老花镜')),
      undefined,
      { timeout: 10_000 },
    );
    const needForm = resident.locator('[data-form="raise-need"]');
    const needsBefore = await resident.locator('[data-list="own-needs"] [data-need-id]').count();
    await needForm.locator('select[name="type"]').selectOption('ELDERLY_CARE');
    await needForm.locator('[data-action="raise-need"]').click();
    await resident.waitForFunction(
      (n) => [...document.querySelectorAll('[data-list="own-needs"] [data-need-id]')].length === n + 1,
      needsBefore,
      { timeout: 10_000 },
    );
    const [asked] = await db.dataSource.query(
      `SELECT (SELECT status FROM micro_wish WHERE id = $1) AS thanked, (SELECT count(*)::int FROM micro_wish WHERE household_id = $2 AND title = '想要一副老花镜（e2e）') AS wishes,
              (SELECT count(*)::int FROM service_need WHERE household_id = $2 AND type = 'ELDERLY_CARE' AND source = 'RESIDENT') AS needs`,
      [postWish.id, home.householdId],
    );
    expect(asked).toEqual({ thanked: 'THANKED', wishes: 1, needs: 1 });
    expect(await resident.locator('[role="alert"]').count()).toBe(0);
    await resident.screenshot({ path: join(ARTIFACTS, 'resident.png') });
    await resident.close();
  });

  it('sends no request outside its own origin', () => {
    expect(requests.length).toBeGreaterThan(0);
    // Same host and port (http for pages, tiles and GraphQL; ws for subscriptions), or data:/blob: made in the page.
    const own = new URL(origin).host;
    const outside = requests.filter((url) => {
      const u = new URL(url);
      return !(['data:', 'blob:'].includes(u.protocol) || (['http:', 'ws:'].includes(u.protocol) && u.host === own));
    });
    expect(outside).toEqual([]);
  });
});
