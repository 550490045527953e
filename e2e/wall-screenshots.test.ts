import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, mapIdle, reportAndRejectHistory, startE2e, type E2e } from './support';

// Inside page.evaluate (this tsconfig has no DOM lib): just what the measuring needs.
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): { length: number };
};
declare function getComputedStyle(element: unknown): { fontSize: string; width: string };

interface Measured {
  fontSize: number;
  pinRadius: number;
  legendRows: number;
  zoomTitle: string | null;
  zoomSize: number;
}

/** The wall at one viewport: reloaded at that size, map and queues ready, then measured and photographed. */
async function wallAt(page: Page, width: number, height: number): Promise<Measured> {
  await page.setViewportSize({ width, height });
  await page.reload();
  await page.waitForSelector('.map[data-state="ready"]', { timeout: 60_000 });
  await page.locator('.queues__tab[data-queue="toFile"][data-count]:not([data-count=""])').waitFor({ timeout: 15_000 });
  await mapIdle(page);
  for (const selector of ['.legend', '.queues', '.feed']) expect(await page.locator(selector).isVisible()).toBe(true);
  const measured = await page.evaluate(() => {
    const app = document.querySelector('.app');
    const map = (globalThis as unknown as { __streetgridMap: { getPaintProperty(layer: string, name: string): unknown } }).__streetgridMap;
    const radius = map.getPaintProperty('case-pins', 'circle-radius') as unknown[];
    return {
      fontSize: app ? parseFloat(getComputedStyle(app).fontSize) : 0,
      // ['case', ['get', 'overdue'], overdueRadius, radius]: the plain pin's radius is the last.
      pinRadius: Number(radius[radius.length - 1]),
      legendRows: document.querySelectorAll('.legend .legend__row').length,
      zoomTitle: document.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('title') ?? null,
      zoomSize: parseFloat(getComputedStyle(document.querySelector('.maplibregl-ctrl-zoom-in')).width),
    };
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `wall-${width}x${height}.png`) });
  return measured;
}

// The command centre's wall screen sized for a real wall: at 1920×1080 and at 3840×2160 the legend, the queues
// and the live feed are on screen, type and pins grow with the viewport; screenshots go to artifacts/.
describe('wall screen on a 1080p and a 4K wall (e2e, Chromium)', () => {
  let e2e: E2e;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    await reportAndRejectHistory(e2e);
    page = await e2e.signedIn('e2e-operator');
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows legend and queues at both sizes, type and pins scaled for 4K', async () => {
    const hd = await wallAt(page, 1920, 1080);
    const uhd = await wallAt(page, 3840, 2160);
    expect(hd.legendRows).toBeGreaterThanOrEqual(12);
    expect(uhd.legendRows).toBe(hd.legendRows);
    expect(uhd.fontSize).toBeGreaterThanOrEqual(1.6 * hd.fontSize);
    expect(hd.pinRadius).toBeGreaterThanOrEqual(10);
    expect(uhd.pinRadius).toBeGreaterThanOrEqual(1.6 * hd.pinRadius);
    expect(hd.zoomTitle).toBe('放大');
    // MapLibre's zoom buttons are 29 px; the wall's are larger, and twice that again on 4K.
    expect(hd.zoomSize).toBeGreaterThan(40);
    expect(uhd.zoomSize).toBeGreaterThanOrEqual(1.6 * hd.zoomSize);
  });

  it('switches a grid level off from the legend and remembers it after a reload', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const small = page.locator('.legend [data-layer="GRID_SMALL"]');
    await small.click();
    expect(await small.getAttribute('aria-pressed')).toBe('false');
    const visibility = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { __streetgridMap: { getLayoutProperty(layer: string, name: string): unknown } }
        ).__streetgridMap.getLayoutProperty('grids-small-line', 'visibility'),
      );
    expect(await visibility()).toBe('none');
    await page.reload();
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.legend [data-layer="GRID_SMALL"]').getAttribute('aria-pressed')).toBe('false');
    expect(await visibility()).toBe('none');
    await page.locator('.legend [data-layer="GRID_SMALL"]').click();
    expect(await visibility()).toBe('visible');
  });
});
