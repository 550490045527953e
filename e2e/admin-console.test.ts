import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../api/__integration-tests__/harness';
import { readConfig } from '../api/src/platform/config';
import { upsertUser } from '../api/src/platform/identity';
import { fixtureStreet } from '../api/src/seed/fixture-street';
import { writeStreet } from '../api/src/seed/write-street';
import { createApp, type App } from '../api/src/app/server';

// The street admin's console end to end: the real app (API + built web app on one origin) in Debian Chromium.
const ROOT = resolve(__dirname, '..');
const WEB_DIST = join(ROOT, 'web', 'dist');
const ARTIFACTS = join(ROOT, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'e2e-console-password';
const COMPOUND = '330106001001001';
const SMALL = '3301060010010010001';

describe('admin console (e2e, Chromium)', () => {
  let db: TestDatabase;
  let app: App;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];
  /** A party member living in the compound: the rule lets them lead it. */
  let person: { id: string; name: string };

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`web/dist is missing: run pnpm build first (looked in ${WEB_DIST})`);
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    [person] = await db.dataSource
      .query(
        `UPDATE resident SET is_party_member = true WHERE id = (
         SELECT r.id FROM resident r JOIN grid g ON r.grid_path = g.path WHERE g.code = $1 ORDER BY r.id LIMIT 1)
       RETURNING id, name`,
        [SMALL],
      )
      .then((r: [{ id: string; name: string }[]]) => r[0]);
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'e2e-admin', displayName: '街道管理员', password: PASSWORD, role: 'STREET_ADMIN' }),
    );
    app = await createApp({ ...readConfig(process.env), databaseUrl: undefined, port: 0, host: '127.0.0.1', webDist: WEB_DIST }, db);
    origin = await app.listen();
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'streetgrid-e2e-console-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      args: ['--no-sandbox', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(origin);
    await page.locator('input[name="login"]').fill('e2e-admin');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForSelector('[data-action="console"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
    await db?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function choose(form: string, residentId: string, name: string): Promise<void> {
    await page.locator(`${form} [data-field="resident-search"]`).fill(name);
    await page.waitForSelector(`${form} select[data-field="resident"] option[value="${residentId}"]`, { state: 'attached' });
    await page.locator(`${form} select[data-field="resident"]`).selectOption(residentId);
  }

  it('creates a resident’s account, shows its password once, and appoints them leader of their compound', async () => {
    await page.locator('[data-action="console"]').click();
    await page.waitForSelector('[data-list="accounts"] tr[data-login="e2e-admin"]');

    const form = '[data-form="create-user"]';
    await page.locator(`${form} [data-field="login"]`).fill('e2e-zhang');
    await page.locator(`${form} [data-field="name"]`).fill(person.name);
    await page.locator(`${form} [data-field="role"]`).selectOption('RESIDENT');
    await page.locator(`${form} [data-field="home-grid-code"]`).fill(SMALL);
    await page.locator(`${form} [data-action="find-home"]`).click();
    await choose(form, person.id, person.name);
    await page.locator(`${form} [data-field="reason"]`).fill('居民申请账号');
    await page.locator(`${form} [data-action="create-user"]`).click();
    const password = (await page.locator('[data-once-password]').textContent({ timeout: 15_000 }))!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const row = page.locator('tr[data-login="e2e-zhang"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('居民');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-console-accounts.png') });

    await page.locator('[data-tab="appointments"]').click();
    await page.locator('[data-field="appoint-grid-code"]').fill(COMPOUND);
    await page.locator('[data-action="find-grid"]').click();
    await page.waitForSelector('[data-form="appoint"]');
    await choose('[data-form="appoint"]', person.id, person.name);
    await page.locator('[data-form="appoint"] [data-field="leader-role"]').selectOption('LEADER');
    await page.locator('[data-action="appoint"]').click();
    await page.waitForFunction((name) => {
      const list = (
        globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
      ).document.querySelector('[data-list="leaders"]');
      return Boolean(list?.textContent?.includes(`网格长 ${name}`));
    }, person.name);

    await page.screenshot({ path: join(ARTIFACTS, 'admin-console-appointments.png') });

    // The account now leads the compound: signing in with the password the console showed says so.
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { user { role gridIds } } }`,
        variables: { l: 'e2e-zhang', p: password },
      }),
    });
    const [compound] = await db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [COMPOUND]);
    expect(((await res.json()) as { data: { login: { user: unknown } } }).data.login.user).toEqual({
      role: 'GRID_LEADER',
      gridIds: [compound.id],
    });
    expect(consoleErrors).toEqual([]);
  });
});
