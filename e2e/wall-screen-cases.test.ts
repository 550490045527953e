import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  clickAt,
  jumpTo,
  mapIdle,
  outsideOrigin,
  PIN_LAYER,
  rejectOpenCases,
  renderedPins,
  reportAndRejectHistory,
  reportCase,
  SMALL_CODE,
  SMALL_POINT,
  startE2e,
  type E2e,
  type MapHost,
  type PageDocument,
} from './support';

declare const document: PageDocument;

// The command centre's wall screen (e2e-operator) with live cases: pins, the feed and the KPI band without reload,
// the case timeline, search by grid code and case number, the tour, the service layer toggles, and the feed
// resuming after the socket drops.
describe('wall screen: live cases (e2e, Chromium)', () => {
  let e2e: E2e;
  /** The wall screen, signed in once as the operator; each test sets the view it needs. */
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    await reportAndRejectHistory(e2e);
    page = await e2e.signedIn('e2e-operator');
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it(
    'shows a case reported through the API as a pin without reload, in the feed and the KPI band, ' + 'and opens it with its timeline',
    async () => {
      // The street has no open case before this one (another test's case is rejected).
      await rejectOpenCases(e2e);
      await page.waitForFunction(() => document.querySelector('.kpi[data-kpi="open"] .kpi__value')?.textContent === '0', undefined, {
        timeout: 10_000,
      });
      const loadedAt = await page.evaluate(() => performance.timeOrigin);
      await jumpTo(page, 16, [SMALL_POINT.lng, SMALL_POINT.lat]);
      const { id } = await reportCase(e2e, {
        clientKey: `e2e-${Date.now()}`,
        category: 'ENVIRONMENT',
        lng: SMALL_POINT.lng,
        lat: SMALL_POINT.lat,
        description: '楼道堆放杂物（e2e）',
      });
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
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-case.png') });
    },
  );

  it('searches grid code, grid name and building address on the server (fits the map), a case id (opens it); tours', async () => {
    const { smallBox } = e2e;
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
    // By name, on the server: a small grid whose label the map has not loaded at this zoom is
    // listed among the grids of that name; picking it fits the map to it. A building by address.
    const centred = (box: { x0: number; y0: number; x1: number; y1: number }) =>
      page.waitForFunction(
        (b) => {
          const c = (globalThis as unknown as MapHost).__streetgridMap.getCenter();
          return Math.abs(c.lng - (b.x0 + b.x1) / 2) < 1e-4 && Math.abs(c.lat - (b.y0 + b.y1) / 2) < 1e-4;
        },
        box,
        { timeout: 10_000 },
      );
    const [other] = await e2e.db.dataSource.query(
      `SELECT name, code, ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1
         FROM grid WHERE level = 'SMALL' AND code <> $1 ORDER BY code DESC LIMIT 1`,
      [SMALL_CODE],
    );
    await search.fill(other.name);
    await search.press('Enter');
    const hit = page.locator('.search__results .search__hit', { hasText: other.code });
    await hit.waitFor({ timeout: 10_000 });
    expect(await page.locator('.search__results .search__hit').count()).toBeGreaterThan(1);
    await hit.click();
    await centred(other);
    const [building] = await e2e.db.dataSource.query(
      `SELECT address, ST_XMin(footprint) AS x0, ST_YMin(footprint) AS y0, ST_XMax(footprint) AS x1, ST_YMax(footprint) AS y1
         FROM building ORDER BY code LIMIT 1`,
    );
    await search.fill(building.address);
    await search.press('Enter');
    await page.locator('.search__results .search__hit[data-kind="BUILDING"]').click({ timeout: 10_000 });
    await centred(building);
    // The unattended tour starts at the first community (by code) and stops on a second press.
    const [large] = await e2e.db.dataSource.query(
      `SELECT ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1
         FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1`,
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
    // The first case ever reported: the history, reported before the wall screen opened.
    const [{ id }] = await e2e.db.dataSource.query(`SELECT id FROM "case" ORDER BY reported_at LIMIT 1`);
    await search.fill(id);
    await search.press('Enter');
    await page.locator(`.case-panel[data-case-id="${id}"] .timeline__item`).first().waitFor({ timeout: 10_000 });
    await mapIdle(page);
  });

  it('resumes the live feed after the socket drops: a case reported meanwhile still arrives, without reload', async () => {
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await page.evaluate(() => (globalThis as unknown as MapHost).__streetgridWs.terminate());
    // Reported while the socket is down (the client waits a second before reconnecting).
    const reported = await reportCase(e2e, {
      clientKey: `e2e-gap-${Date.now()}`,
      category: 'PUBLIC_FACILITY',
      lng: SMALL_POINT.lng + 0.001,
      lat: SMALL_POINT.lat + 0.006,
      description: '断线期间上报（e2e）',
    });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.feed__item')].some((e) => e.textContent?.includes('断线期间上报')),
      undefined,
      {
        timeout: 15_000,
      },
    );
    await jumpTo(page, 16, [SMALL_POINT.lng + 0.001, SMALL_POINT.lat + 0.006]);
    expect(await renderedPins(page)).toContain(reported.id);
    // The wall screen with live cases: pins at the community zoom, the feed beside the map.
    await page
      .locator('.case-panel button', { hasText: /关闭|Close/ })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await jumpTo(page, 15, [SMALL_POINT.lng + 0.004, SMALL_POINT.lat + 0.004]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen.png') });
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
  });

  it('sends no request outside its own origin', () => {
    expect(e2e.requests.length).toBeGreaterThan(0);
    // Same host and port (http for pages, tiles and GraphQL; ws for subscriptions), or data:/blob: made in the page.
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });
});
