import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../api/__integration-tests__/harness';
import { readConfig } from '../api/src/config';
import { upsertUser } from '../api/src/modules/auth';
import { fixtureStreet } from '../api/src/seed/fixture-street';
import { writeStreet } from '../api/src/seed/write-street';
import { createApp, type App } from '../api/src/server';

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
  getStyle(): { glyphs?: string; layers: { type: string; layout?: Record<string, unknown> }[] };
}
/** `window.__streetgridMap`, the app's test hook. */
type MapHost = { __streetgridMap: MapLike };

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

describe('wall screen (e2e, Chromium)', () => {
  let db: TestDatabase;
  let app: App;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  const tileStatuses: number[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      throw new Error(`web/dist is missing: build the web app first (pnpm --filter @streetgrid/web build) — looked in ${WEB_DIST}`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: WALL_LOGIN, displayName: '指挥中心大屏', password: WALL_PASSWORD, role: 'STREET_ADMIN', gridIds: [] }),
    );
    app = await createApp({ ...readConfig({}), port: 0, host: '127.0.0.1', webDist: WEB_DIST }, db);
    origin = await app.listen();
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
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(origin);
    // Sign in through the form (as the command centre does at the start of a shift) when the app asks.
    await page.waitForSelector('input[name="login"], .map', { timeout: 30_000 });
    if (await page.locator('input[name="login"]').isVisible()) {
      await page.locator('input[name="login"]').fill(WALL_LOGIN);
      await page.locator('input[name="password"]').fill(WALL_PASSWORD);
      await page.locator('form button[type="submit"]').click();
    }
    try {
      await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    } catch (error) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-failed.png') }).catch(() => {});
      const status = await page.locator('.app__status').textContent().catch(() => null);
      throw new Error(`the map never became ready; status: ${status}; console errors: ${consoleErrors.join(' | ') || 'none'}`, { cause: error });
    }
    await mapIdle(page);
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
      return { glyphs: s.glyphs ?? null, fields: s.layers.filter((l) => l.type === 'symbol').map((l) => JSON.stringify(l.layout?.['text-field'])) };
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
    await expect(page.locator('.panel .grid-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-level')))).resolves.toEqual([
      'SMALL',
      'MEDIUM',
      'LARGE',
    ]);
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-panel.png') });
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
