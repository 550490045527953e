import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { hashPassword } from '@streetgrid/api';
import { startApiProcess } from './api-process';
import { percentile } from './load';

/** Chromium as the e2e tests (e2e/support.ts) start it: software WebGL, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WallBench {
  runs: number;
  /** Navigation (signed in) → map ready (grids in sources) → first `idle` with tiles and pins drawn. */
  readyMs: { p50: number; max: number };
  idleMs: { p50: number; max: number };
  pins: number;
  screenshot: string;
  /** JavaScript and CSS a cold browser fetched: for the sign-in page, then up to the wall's map being ready. */
  weight: { login: PageWeight; wall: PageWeight };
}

/** Bytes of scripts and style sheets: as sent (compressed, with headers) and as run. */
export interface PageWeight {
  files: number;
  transferred: number;
  decoded: number;
}

/** The page's script and CSS resources so far (Resource Timing; the cache is cold on the first load). */
function weightSoFar(): PageWeight {
  const entries = (
    globalThis as unknown as {
      performance: { getEntriesByType(t: string): { name: string; transferSize: number; decodedBodySize: number }[] };
    }
  ).performance.getEntriesByType('resource');
  const code = entries.filter((e) => /\.(m?js|css)(\?|$)/.test(e.name));
  return {
    files: code.length,
    transferred: code.reduce((n, e) => n + e.transferSize, 0),
    decoded: code.reduce((n, e) => n + e.decodedBodySize, 0),
  };
}

/**
 * The wall screen from navigation to MapLibre's first `idle`, in headless Debian Chromium
 * at 1920×1080, on the full demo street (the API in its own process serving the built web
 * app). Signed in once; each run reloads the page with the session kept.
 */
export async function benchWall(databaseUrl: string, opts: { runs?: number; screenshot?: string } = {}): Promise<WallBench> {
  const runs = opts.runs ?? 5;
  // BENCH_WEB_DIST: another build's web/dist, to compare two builds in one run.
  const webDist = resolve(process.env.BENCH_WEB_DIST ?? resolve(__dirname, '../../../web/dist'));
  const api = await startApiProcess(databaseUrl, { WEB_DIST: webDist, CASE_SWEEP_MS: '0' });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('bench-operator', '值班员', $1, 'OPERATOR')
     ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'OPERATOR'`,
    [await hashPassword('bench-operator-password')],
  );
  await client.end();
  const profile = mkdtempSync(join(tmpdir(), 'streetgrid-wall-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: CHROMIUM_ARGS,
  });
  const ready: number[] = [];
  const idle: number[] = [];
  const screenshot = opts.screenshot ?? resolve(__dirname, '../../../artifacts/wall-screen-demo.png');
  try {
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await page.locator('input[name="login"]').waitFor();
    const login = await page.evaluate(weightSoFar);
    await page.locator('input[name="login"]').fill('bench-operator');
    await page.locator('input[name="password"]').fill('bench-operator-password');
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 60_000 });
    const wall = await page.evaluate(weightSoFar);
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      await page.reload();
      await page.waitForSelector('.map[data-state="ready"]', { timeout: 60_000 });
      ready.push(Date.now() - t0);
      await page.evaluate(
        () =>
          new Promise<void>((done) => {
            const map = (
              globalThis as unknown as {
                __streetgridMap: { loaded(): boolean; areTilesLoaded(): boolean; once(e: 'idle', f: () => void): void };
              }
            ).__streetgridMap;
            if (map.loaded() && map.areTilesLoaded()) done();
            else map.once('idle', () => done());
          }),
      );
      idle.push(Date.now() - t0);
    }
    const pins = await page.evaluate(() => {
      const map = (globalThis as unknown as { __streetgridMap: { querySourceFeatures(s: string): unknown[] } }).__streetgridMap;
      try {
        return map.querySourceFeatures('cases').length;
      } catch {
        return 0;
      }
    });
    await page.screenshot({ path: screenshot });
    return { ...summary(ready, idle, runs, pins, screenshot), weight: { login, wall } };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await api.stop();
  }
}

function summary(ready: number[], idle: number[], runs: number, pins: number, screenshot: string): Omit<WallBench, 'weight'> {
  ready.sort((a, b) => a - b);
  idle.sort((a, b) => a - b);
  return {
    runs,
    readyMs: { p50: percentile(ready, 50), max: ready[ready.length - 1] },
    idleMs: { p50: percentile(idle, 50), max: idle[idle.length - 1] },
    pins,
    screenshot,
  };
}

export function printWall(r: WallBench): void {
  console.log(`wall screen, 1920×1080, headless Chromium (SwiftShader), ${r.runs} reloads`);
  console.log(`  navigation → map ready   p50 ${r.readyMs.p50} ms, max ${r.readyMs.max} ms`);
  console.log(`  navigation → first idle  p50 ${r.idleMs.p50} ms, max ${r.idleMs.max} ms`);
  console.log(`  case pins in the source: ${r.pins}; screenshot: ${r.screenshot}`);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  for (const [name, w] of [
    ['sign-in page', r.weight.login],
    ['sign-in → wall ready', r.weight.wall],
  ] as const) {
    console.log(`  JS + CSS, cold, ${name}: ${w.files} files, ${kb(w.transferred)} sent, ${kb(w.decoded)} decoded`);
  }
}
