import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  jumpTo,
  mapIdle,
  outsideOrigin,
  rendered,
  reportAndRejectHistory,
  SMALL_CODE,
  SMALL_POINT,
  startE2e,
  type E2e,
  type MapHost,
} from './support';

/** A base map over the fixture street, imported as the admin like grids are (before any tile is fetched: browsers keep tiles 15 s). */
async function importBasemap(e2e: E2e): Promise<void> {
  const line = (coordinates: number[][]) => ({ type: 'LineString', coordinates });
  const area = (w: number, s: number, e: number, n: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });
  const geojson = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'road', class: 'MAIN', code: 'E2E-M1', name: '中山路' },
        geometry: line([
          [120.108, 30.25],
          [120.108, 30.27],
        ]),
      },
      {
        type: 'Feature',
        properties: { kind: 'road', class: 'SECONDARY', code: 'E2E-S1', name: '学士路' },
        geometry: line([
          [120.1, 30.262],
          [120.12, 30.262],
        ]),
      },
      { type: 'Feature', properties: { kind: 'water', code: 'E2E-W1', name: '月塘' }, geometry: area(120.112, 30.256, 120.115, 30.258) },
      { type: 'Feature', properties: { kind: 'green', code: 'E2E-G1', name: '游园' }, geometry: area(120.103, 30.264, 120.106, 30.266) },
    ],
  };
  const { importGrids } = await e2e.api<{ importGrids: { written: boolean; basemap: number; issues: unknown[] } }>(
    `mutation ($geojson: JSON!) { importGrids(geojson: $geojson, dryRun: false) { written basemap issues { message } } }`,
    { geojson },
  );
  expect(importGrids).toEqual({ written: true, basemap: 4, issues: [] });
}

// The command centre's wall screen (e2e-operator), its map and layers: the street fitted on one 1920×1080 screen,
// grid levels by zoom from vector tiles, Chinese labels, the gridAt panel, and the history in the live feed.
// No test here reports a case: the feed holds the history only.
describe('wall screen: map and layers (e2e, Chromium)', () => {
  let e2e: E2e;
  /** The wall screen, signed in once as the operator; a test that needs the first view reloads it. */
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    await reportAndRejectHistory(e2e);
    await importBasemap(e2e);
    page = await e2e.signedIn('e2e-operator');
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('fits the street, draws the grid levels of its zoom from vector tiles and saves a 1920×1080 screenshot', async () => {
    // The view the wall screen opens with, whatever another test did with the map.
    await page.reload();
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    await mapIdle(page);
    // The whole street on one screen: every level whose zoom band the fitted zoom reaches.
    const zoom = await page.evaluate(() => (globalThis as unknown as MapHost).__streetgridMap.getZoom());
    const expected = Object.entries({ LARGE: 10, MEDIUM: 13, SMALL: 15 })
      .filter(([, minzoom]) => zoom >= minzoom)
      .map(([level]) => level)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect((await rendered(page)).levels).toEqual(expected);
    expect(e2e.tileStatuses.length).toBeGreaterThan(0);
    expect(e2e.tileStatuses.every((s) => [200, 204, 304].includes(s))).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-street.png') });
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
    // Where all three levels are drawn, each with its labels.
    await jumpTo(page, 15.5, [120.11, 30.26]);
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

  it('draws the offline base map beneath the grids: roads, water and green imported like grids, road names in Chinese', async () => {
    await jumpTo(page, 15.5, [120.11, 30.26]);
    const drawn = await page.evaluate(() => {
      const map = (globalThis as unknown as MapHost).__streetgridMap;
      const ids = ['basemap-water', 'basemap-green', 'basemap-roads', 'basemap-road-labels'];
      const order = map.getStyle().layers.map((l) => l.id);
      return {
        kinds: Object.fromEntries(
          ids.map((id) => [id, [...new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.kind)))].sort()]),
        ),
        names: [...new Set(map.queryRenderedFeatures({ layers: ['basemap-road-labels'] }).map((f) => String(f.properties.name)))].sort(),
        beneath: ids.every((id) => order.indexOf(id) < order.indexOf('grids-large-fill')),
      };
    });
    expect(drawn.kinds).toEqual({
      'basemap-water': ['WATER'],
      'basemap-green': ['GREEN'],
      'basemap-roads': ['MAIN', 'SECONDARY'],
      'basemap-road-labels': ['MAIN', 'SECONDARY'],
    });
    expect(drawn.names).toEqual(['中山路', '学士路']);
    expect(drawn.beneath).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-basemap.png') });
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
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'wall-screen-panel.png') });
  });

  it('sends no request outside its own origin', () => {
    expect(e2e.requests.length).toBeGreaterThan(0);
    // Same host and port (http for pages, tiles and GraphQL; ws for subscriptions), or data:/blob: made in the page.
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });
});
