import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../api/__integration-tests__/harness';
import { jwtSecret, readConfig } from '../api/src/platform/config';
import { signAccessToken, upsertUser } from '../api/src/platform/identity';
import { fixtureStreet, stableId } from '../api/src/seed/fixture-street';
import { writeStreet } from '../api/src/seed/write-street';
import { createApp, type App } from '../api/src/app/server';

// The command centre's case desk on the wall screen, end to end: the operator files a case,
// dispatches it to a grid leader picked from its grid chain, and — once the handler has
// handled it (through the API) — verifies and closes it, all through the wall screen's UI.
const ROOT = resolve(__dirname, '..');
const WEB_DIST = join(ROOT, 'web', 'dist');
const ARTIFACTS = join(ROOT, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'e2e-case-desk';
// fixtureStreet(): the first small grid spans 120.100–120.105 E, 30.250–30.255 N.
const SMALL_CODE = '3301060010010010001';
const POINT = { lng: 120.102, lat: 30.252 };

/** The page's document, inside `waitForFunction` callbacks (this tsconfig has no DOM lib). */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

describe('case desk on the wall screen (e2e, Chromium)', () => {
  let db: TestDatabase;
  let app: App;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let adminToken: string;
  const consoleErrors: string[] = [];

  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const caseRow = async (id: string): Promise<{ status: string; version: number; assigned_leader_id: string | null }> =>
    (await db.dataSource.query(`SELECT status, version, assigned_leader_id FROM "case" WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`web/dist is missing: run pnpm build first (looked in ${WEB_DIST})`);
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const adminId = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'desk-admin', displayName: '街道管理员', password: PASSWORD, role: 'STREET_ADMIN' }),
    );
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'desk-operator', displayName: '值班员', password: PASSWORD, role: 'OPERATOR' }),
    );
    adminToken = await signAccessToken(adminId, 'STREET_ADMIN', jwtSecret());
    app = await createApp({ ...readConfig(process.env), databaseUrl: undefined, port: 0, host: '127.0.0.1', webDist: WEB_DIST }, db);
    origin = await app.listen();
    profile = mkdtempSync(join(tmpdir(), 'streetgrid-desk-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(origin);
    await page.locator('input[name="login"]').fill('desk-operator');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
    await db?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('files, dispatches to a picked leader, escalates, dispatches again, verifies and closes once handled; shows its number', async () => {
    const { reportCase } = await api<{ reportCase: { case: { id: string; number: string } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input, actor: { role: REPORTER, name: "x" }) { case { id number } } }`,
      { input: { clientKey: `desk-${Date.now()}`, category: 'ENVIRONMENT', source: 'HOTLINE', ...POINT, description: '井盖缺失（e2e）' } },
    );
    const { id, number } = reportCase.case;
    expect(number).toMatch(/^\d{8}-0001$/);

    // 待立案: counted in its queue and opened from it; the map flies to its pin.
    const queueCount = (q: string, n: number) =>
      page.locator(`.queues__tab[data-queue="${q}"][data-count="${n}"]`).waitFor({ timeout: 15_000 });
    await queueCount('toFile', 1);
    await page.locator(`.queues [data-case-id="${id}"]`).click();
    await page.waitForFunction(
      (p) => {
        const c = (globalThis as unknown as { __streetgridMap: { getCenter(): { lng: number; lat: number } } }).__streetgridMap.getCenter();
        return Math.abs(c.lng - p.lng) < 1e-4 && Math.abs(c.lat - p.lat) < 1e-4;
      },
      POINT,
      { timeout: 10_000 },
    );
    const panel = page.locator(`.case-panel[data-case-id="${id}"]`);
    const desk = panel.locator('.case-desk');
    await desk.waitFor({ timeout: 10_000 });
    expect((await panel.locator('.case-panel__number').textContent())?.trim()).toBe(number);
    expect(await panel.textContent()).not.toContain(id);
    const status = () => desk.getAttribute('data-status');

    // 立案
    await desk.locator('[data-action="file"]').click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-status') === 'FILED', `.case-desk`, {
      timeout: 10_000,
    });
    expect(await status()).toBe('FILED');
    await queueCount('toDispatch', 1);
    await queueCount('toFile', 0);

    // 派遣 to the small grid's leader, picked from the list (in Chinese, with the grid's name and the role).
    const leaderId = stableId(`${SMALL_CODE}/leader`);
    const select = desk.locator('select[name="leader"]');
    await select.locator(`option[value="${leaderId}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    const optionText = (await select.locator(`option[value="${leaderId}"]`).textContent()) ?? '';
    expect(optionText).toMatch(/（(网格长|副网格长|网格员)）$/);
    await select.selectOption(leaderId);
    await desk.locator('[data-action="dispatch"]').click();
    await page.waitForFunction(() => document.querySelector('.case-desk')?.getAttribute('data-status') === 'DISPATCHED', undefined, {
      timeout: 10_000,
    });
    expect(await caseRow(id)).toMatchObject({ status: 'DISPATCHED', assigned_leader_id: leaderId });
    await panel.locator('[data-assigned-leader]').waitFor({ timeout: 10_000 });

    // 上报上级 with a reason, then 派遣 again, this time to the community's (large grid's) leader.
    await desk.locator('input[name="reason"]').fill('需社区协调');
    await desk.locator('[data-action="escalate"]').click();
    await page.waitForFunction(() => document.querySelector('.case-desk')?.getAttribute('data-status') === 'ESCALATED', undefined, {
      timeout: 10_000,
    });
    const communityLeader = stableId(`${SMALL_CODE.slice(0, 12)}/leader`);
    await select.locator(`option[value="${communityLeader}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    await select.selectOption(communityLeader);
    await desk.locator('[data-action="dispatch"]').click();
    await page.waitForFunction(() => document.querySelector('.case-desk')?.getAttribute('data-status') === 'DISPATCHED', undefined, {
      timeout: 10_000,
    });
    expect(await caseRow(id)).toMatchObject({ status: 'DISPATCHED', assigned_leader_id: communityLeader });

    // The handler starts and handles it (through the API); the open panel follows the live feed.
    let { version } = await caseRow(id);
    const step = `mutation ($id: ID!, $v: Int!) { startCase(id: $id, version: $v, actor: { role: GRID_LEADER, name: "x" }) { version } }`;
    ({
      startCase: { version },
    } = await api<{ startCase: { version: number } }>(step, { id, v: version }));
    // Its deadline passes while it is worked on (as the sweep marks it): in the 超期 queue until it is closed.
    await db.dataSource.query(`UPDATE "case" SET overdue = true WHERE id = $1`, [id]);
    await api(
      `mutation ($id: ID!, $v: Int!) {
        handleCase(id: $id, version: $v, feedback: "已补装井盖", actor: { role: GRID_LEADER, name: "x" }) { version } }`,
      { id, v: version },
    );

    // 待核查
    await queueCount('toVerify', 1);
    await queueCount('overdue', 1);
    // 核查结案
    await desk.locator('[data-action="close-case"]').waitFor({ timeout: 15_000 });
    await desk.locator('input[name="comment"]').fill('现场核查属实');
    await desk.locator('[data-action="close-case"]').click();
    await page.waitForFunction(() => document.querySelector('.case-desk')?.getAttribute('data-status') === 'CLOSED', undefined, {
      timeout: 10_000,
    });
    expect((await caseRow(id)).status).toBe('CLOSED');
    // The status follows the mutation's answer at once; the timeline a moment later, from its reload.
    await panel.locator('.timeline__item[data-type="CLOSED"]').waitFor({ timeout: 10_000 });
    const timeline = await panel.locator('.timeline__item').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')));
    expect(timeline).toEqual(['REPORTED', 'FILED', 'DISPATCHED', 'ESCALATED', 'DISPATCHED', 'STARTED', 'HANDLED', 'CLOSED']);
    await queueCount('toVerify', 0);
    // Closed, it has left the 超期 queue (it stays overdue in the record, for the assessment).
    await queueCount('overdue', 0);
    expect((await db.dataSource.query(`SELECT overdue FROM "case" WHERE id = $1`, [id]))[0].overdue).toBe(true);

    // Found again by its readable number in the wall's search.
    await panel.locator('.panel__header button').click();
    const search = page.locator('.search input');
    await search.fill(number);
    await search.press('Enter');
    await panel.locator('.case-panel__number').waitFor({ timeout: 10_000 });
    expect(await panel.locator('.case-panel__number').textContent()).toContain(number);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'case-desk-closed.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('shows a stale version’s conflict and reloads the case; rejects a report with a reason', async () => {
    const { reportCase } = await api<{ reportCase: { case: { id: string; number: string } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input, actor: { role: REPORTER, name: "x" }) { case { id number } } }`,
      {
        input: {
          clientKey: `desk-stale-${Date.now()}`,
          category: 'ENVIRONMENT',
          source: 'HOTLINE',
          ...POINT,
          description: '重复上报（e2e）',
        },
      },
    );
    const { id } = reportCase.case;
    await page.locator('.queues__tab[data-queue="toFile"]').click();
    await page.locator(`.queues [data-case-id="${id}"]`).click();
    const panel = page.locator(`.case-panel[data-case-id="${id}"]`);
    const desk = panel.locator('.case-desk[data-status="REPORTED"]');
    await desk.waitFor({ timeout: 10_000 });
    // Someone else's step lands between reading and acting: the version the panel sends is stale.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
      if (body?.operationName !== 'FileCase') return route.continue();
      return route.continue({ postData: JSON.stringify({ ...body, variables: { ...body.variables, version: 0 } }) });
    });
    await desk.locator('[data-action="file"]').click();
    await desk.locator('[role="alert"]').waitFor({ timeout: 10_000 });
    expect(await desk.locator('[role="alert"]').textContent()).toBe('该事件已被他人更新，已重新加载最新状态，请核对后再操作');
    await page.unroute('**/graphql');
    expect((await caseRow(id)).status).toBe('REPORTED');

    // 不予立案 with a reason.
    await desk.locator('input[name="reason"]').fill('重复上报');
    await desk.locator('[data-action="reject"]').click();
    await panel.locator('.case-desk[data-status="REJECTED"]').waitFor({ timeout: 10_000 });
    expect((await caseRow(id)).status).toBe('REJECTED');
    expect(await panel.locator('.timeline__item[data-type="REJECTED"]').textContent()).toContain('重复上报');
  });

  it('dispatches a filed case to a department picked from the registry, those handling its category first', async () => {
    const { reportCase } = await api<{ reportCase: { case: { id: string; version: number } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input, actor: { role: REPORTER, name: "x" }) { case { id version } } }`,
      {
        input: {
          clientKey: `desk-dept-${Date.now()}`,
          category: 'ENVIRONMENT',
          source: 'HOTLINE',
          ...POINT,
          description: '垃圾堆放（e2e）',
        },
      },
    );
    const { id } = reportCase.case;
    await api(`mutation ($id: ID!, $version: Int!) { fileCase(id: $id, version: $version) { id } }`, reportCase.case);
    await page.locator('.queues__tab[data-queue="toDispatch"]').click();
    await page.locator(`.queues [data-case-id="${id}"]`).click();
    const desk = page.locator(`.case-panel[data-case-id="${id}"] .case-desk[data-status="FILED"]`);
    await desk.waitFor({ timeout: 10_000 });
    const [{ id: deptId }] = await db.dataSource.query(`SELECT id FROM department WHERE name = '城管中队'`);
    const option = desk.locator(`option[value="dept:${deptId}"]`);
    await option.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await option.textContent()).toBe('城管中队（承办该类事件）');
    await desk.locator('select[name="leader"]').selectOption(`dept:${deptId}`);
    await desk.locator('[data-action="dispatch"]').click();
    await page.locator(`.case-panel[data-case-id="${id}"] .case-desk[data-status="DISPATCHED"]`).waitFor({ timeout: 10_000 });
    const [row] = await db.dataSource.query(`SELECT status, department, department_id FROM "case" WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'DISPATCHED', department: '城管中队', department_id: deptId });
  });
});
