import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeCaseHistory } from '../api/src/seed/case-history';
import { ARTIFACTS, mapIdle, reportCase, SMALL_POINT, startE2e, type E2e, type PageDocument } from './support';

declare const document: PageDocument;

/** The heatmap source as the map's worker holds it (MapLibre's GeoJSONSource.getData), inside the page. */
type HeatHost = {
  __streetgridMap: {
    getSource(id: string): { getData(): Promise<{ features: { properties: { n: number } }[] }> } | undefined;
    getLayoutProperty(layer: string, name: string): unknown;
  };
};

type PinHost = {
  __streetgridMap: { getSource(id: string): { getData(): Promise<{ features: { properties: { overdue: boolean } }[] }> } | undefined };
};

/** The cells and cases of the heatmap's current frame, read from the map source (not from the panel). */
async function heatData(page: Page): Promise<{ cells: number; cases: number; visibility: unknown }> {
  return page.evaluate(async () => {
    const map = (globalThis as unknown as HeatHost).__streetgridMap;
    const data = await map.getSource('case-heat')!.getData();
    return {
      cells: data.features.length,
      cases: data.features.reduce((s, f) => s + f.properties.n, 0),
      visibility: map.getLayoutProperty('case-heat', 'visibility'),
    };
  });
}

/** Moves the range input to `day` as a person would (keyboard), so React sees the change. */
async function slideTo(page: Page, day: number): Promise<void> {
  const slider = page.locator('.time-panel__slider');
  const current = Number(await slider.inputValue());
  await slider.focus();
  const key = day < current ? 'ArrowLeft' : 'ArrowRight';
  for (let i = 0; i < Math.abs(day - current); i++) await slider.press(key);
  await page.waitForSelector(`.time-panel[data-day="${day}"]`);
}

// 时间回放 and KPI filters on the command centre's wall (#17): the 90-day case history as a heatmap
// whose source changes as the slider moves and while it plays, sparklines on the KPI tiles, the
// party and service statistics, and the overdue KPI filtering the feed (and the map) behind a chip.
describe('wall screen: time on the wall (e2e, Chromium)', () => {
  let e2e: E2e;
  let page: Page;
  const overdueText = '超期未处置的占道经营（e2e）';
  const freshText = '刚上报的路灯不亮（e2e）';

  beforeAll(async () => {
    e2e = await startE2e();
    // The seed's history: 90 days of cases over the fixture street.
    const history = await e2e.db.dataSource.transaction((m) => writeCaseHistory(m, '330106001', { days: 90, seed: 17 }));
    expect(history.cases).toBeGreaterThan(100);
    // Two live cases: one made overdue (its deadline passed, flagged by the sweep), one fresh.
    const late = await reportCase(e2e, {
      clientKey: `e2e-late-${Date.now()}`,
      category: 'ENVIRONMENT',
      lng: SMALL_POINT.lng,
      lat: SMALL_POINT.lat,
      description: overdueText,
    });
    await e2e.db.dataSource.query(
      `UPDATE "case" SET status = 'FILED', filed_at = now() - interval '3 days', due_at = now() - interval '1 day', overdue = true
        WHERE id = $1`,
      [late.id],
    );
    await reportCase(e2e, {
      clientKey: `e2e-fresh-${Date.now()}`,
      category: 'PUBLIC_FACILITY',
      lng: SMALL_POINT.lng + 0.001,
      lat: SMALL_POINT.lat,
      description: freshText,
    });
    page = await e2e.signedIn('e2e-operator');
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('draws 12-week sparklines on the KPI tiles and the party and service statistics beside them', async () => {
    await page.waitForSelector('.kpi[data-kpi="open"] .kpi__spark path', { timeout: 15_000 });
    expect(await page.locator('.kpi[data-kpi="open"] .kpi__spark').getAttribute('data-points')).toBe('12');
    await page.waitForSelector('.wall-stats[data-state="ready"]', { timeout: 15_000 });
    // The fixture street: 2 communities, 4 compounds, 8 small grids, each with its organisation.
    expect(await page.locator('.wall-stats__tile[data-stat="organizations"] .wall-stats__value').textContent()).toBe('14');
    expect(await page.locator('.wall-stats__tile[data-stat="organizations"] .wall-stats__label').textContent()).toBe('党组织');
  });

  it('plays the heatmap back: moving the slider changes the map source, playback advances it', async () => {
    await page.locator('button[data-action="timeline"]').click();
    await page.waitForSelector('.time-panel[data-state="ready"]', { timeout: 20_000 });
    await mapIdle(page);
    const today = Number(await page.locator('.time-panel__slider').getAttribute('max'));
    expect(today).toBe(89);
    const latest = await heatData(page);
    expect(latest.visibility).toBe('visible');
    expect(latest.cases).toBeGreaterThan(0);
    expect(latest.cases).toBe(Number(await page.locator('.time-panel').getAttribute('data-frame-total')));

    // A week 60 days back holds other cases in other cells.
    await slideTo(page, today - 60);
    await page.waitForFunction(
      async (before) => {
        const map = (globalThis as unknown as HeatHost).__streetgridMap;
        const data = await map.getSource('case-heat')!.getData();
        return JSON.stringify(data.features) !== before;
      },
      JSON.stringify(
        await page.evaluate(
          async () => (await (globalThis as unknown as HeatHost).__streetgridMap.getSource('case-heat')!.getData()).features,
        ),
      ),
      { timeout: 10_000 },
    );
    const earlier = await heatData(page);
    expect(earlier.cases).toBeGreaterThan(0);
    expect(earlier.cases).toBe(Number(await page.locator('.time-panel').getAttribute('data-frame-total')));
    mkdirSync(ARTIFACTS, { recursive: true });
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-time-heatmap.png') });

    // Playback at 8 days a second moves the day on by itself.
    await page.locator('.time-panel__speed select').selectOption('8');
    await page.locator('button[data-action="play"]').click();
    await page.waitForSelector(`.time-panel:not([data-day="${today - 60}"])`, { timeout: 5_000 });
    await page.locator('button[data-action="play"]').click();
    expect(await page.locator('button[data-action="play"]').getAttribute('aria-pressed')).toBe('false');
    const played = await page.locator('.time-panel').getAttribute('data-day');
    expect(Number(played)).toBeGreaterThan(today - 60);
  });

  it('filters the feed and the heatmap to overdue cases with the overdue KPI, behind a removable chip', async () => {
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('section.feed .feed__item')].some((e) => e.textContent?.includes(text)),
      freshText,
      {
        timeout: 15_000,
      },
    );
    const all = await page.locator('section.feed .feed__item').count();
    if ((await page.locator('.time-panel').count()) === 0) await page.locator('button[data-action="timeline"]').click();
    await page.waitForSelector('.time-panel[data-state="ready"]', { timeout: 20_000 });
    await slideTo(page, Number(await page.locator('.time-panel__slider').getAttribute('max')));
    const unfiltered = await heatData(page);

    await page.locator('button.kpi[data-kpi="overdue"]').click();
    await page.waitForSelector('.filter-chip[data-filter="overdue"]');
    expect(await page.locator('.filter-chip').textContent()).toContain('筛选：超期');
    expect(await page.locator('button.kpi[data-kpi="overdue"]').getAttribute('aria-pressed')).toBe('true');
    await page.waitForSelector('.feed[data-filtered="true"]');
    await page.waitForFunction(
      (text) => ![...document.querySelectorAll('section.feed .feed__item .feed__description')].some((e) => e.textContent === text),
      freshText,
      { timeout: 10_000 },
    );
    const shown = await page.locator('section.feed .feed__item .feed__description').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all);
    expect(shown).toContain(overdueText);
    expect(shown).not.toContain(freshText);
    // The map's pins: the overdue cases only (the source's data, as the worker holds it).
    const pins = await page.evaluate(async () => {
      const source = (globalThis as unknown as PinHost).__streetgridMap.getSource('cases')!;
      return (await source.getData()).features.map((f) => f.properties.overdue);
    });
    expect(pins.length).toBeGreaterThan(0);
    expect(pins.every((overdue) => overdue === true)).toBe(true);
    // The heatmap counts the late cases only: fewer than all.
    const late = await heatData(page);
    expect(late.cases).toBeLessThan(unfiltered.cases);
    expect(await page.locator('.time-panel__frame').textContent()).toContain('超期');

    await page.locator('.filter-chip__remove').click();
    await page.waitForSelector('.filter-chip', { state: 'detached' });
    expect(await page.locator('section.feed .feed__item').count()).toBe(all);
    expect((await heatData(page)).cases).toBe(unfiltered.cases);
  });
});
