import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../scripts/src/bench/wall';
import { ARTIFACTS, outsideOrigin, SMALL_CODE, SMALL_POINT, startE2e, submitSignIn, type E2e, type PageDocument } from './support';

declare const document: PageDocument & { body: { innerHTML: string } };

/*
 * 岗位公示 end to end: the street admin creates a resident's account and, through the console,
 * appoints them leader of their compound with their consent to publish their phone; the
 * building's posts board at /p/<code> then renders for a visitor in a fresh browser (no
 * session, no token) with the new leader, their phone and the page's QR code — and without
 * the phone of the building's own leader, who never consented. Printed, it is one A4 page.
 */

const COMPOUND = SMALL_CODE.slice(0, 15);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('posts board (e2e, Chromium)', () => {
  let e2e: E2e;
  let page: Page;
  let visitorBrowser: Browser;
  /** A party member living in the compound (the rule lets them lead it), and the building's leader from the fixture. */
  let person: { id: string; name: string; phone: string };
  let buildingLeader: { name: string; phone: string };

  beforeAll(async () => {
    e2e = await startE2e();
    mkdirSync(ARTIFACTS, { recursive: true });
    [[person]] = await e2e.db.dataSource.query(
      `UPDATE resident SET is_party_member = true WHERE id = (
         SELECT r.id FROM resident r JOIN grid g ON r.grid_path = g.path WHERE g.code = $1 ORDER BY r.id DESC LIMIT 1)
       RETURNING id, name, phone`,
      [SMALL_CODE],
    );
    [buildingLeader] = await e2e.db.dataSource.query(
      `SELECT gl.name, r.phone FROM grid_leader gl JOIN resident r ON r.id = gl.resident_id JOIN grid g ON g.id = gl.grid_id
        WHERE g.code = $1 AND gl.until IS NULL AND gl.role = 'LEADER'`,
      [SMALL_CODE],
    );
    expect(buildingLeader.phone).toMatch(/^1\d{10}$/);
    expect(person.phone).not.toBe(buildingLeader.phone);
    page = await e2e.newPage();
    await page.goto(e2e.origin);
    await submitSignIn(page, 'e2e-admin');
    await page.waitForSelector('[data-action="console"]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await visitorBrowser?.close().catch(() => undefined);
    await e2e?.close();
  });

  async function choose(form: string, residentId: string, name: string): Promise<void> {
    await page.locator(`${form} [data-field="resident-search"]`).fill(name);
    await page.waitForSelector(`${form} select[data-field="resident"] option[value="${residentId}"]`, { state: 'attached' });
    await page.locator(`${form} select[data-field="resident"]`).selectOption(residentId);
  }

  it('the admin creates the account and appoints them compound leader through the console, with consent to publish', async () => {
    await page.locator('[data-action="console"]').click();
    await page.waitForSelector('[data-list="accounts"] tr[data-login="e2e-admin"]');
    const form = '[data-form="create-user"]';
    await page.locator(`${form} [data-field="login"]`).fill('e2e-posts');
    await page.locator(`${form} [data-field="name"]`).fill(person.name);
    await page.locator(`${form} [data-field="role"]`).selectOption('RESIDENT');
    await page.locator(`${form} [data-field="home-grid-code"]`).fill(SMALL_CODE);
    await page.locator(`${form} [data-action="find-home"]`).click();
    await choose(form, person.id, person.name);
    await page.locator(`${form} [data-field="reason"]`).fill('居民申请账号');
    await page.locator(`${form} [data-action="create-user"]`).click();
    await page.locator('tr[data-login="e2e-posts"]').waitFor();

    await page.locator('[data-tab="appointments"]').click();
    await page.locator('[data-field="appoint-grid-code"]').fill(COMPOUND);
    await page.locator('[data-action="find-grid"]').click();
    await page.waitForSelector('[data-form="appoint"]');
    await choose('[data-form="appoint"]', person.id, person.name);
    await page.locator('[data-form="appoint"] [data-field="leader-role"]').selectOption('LEADER');
    await page.locator('[data-form="appoint"] [data-field="publish-contact"]').check();
    await page.locator('[data-form="appoint"] [data-field="office-phone"]').fill('0571-8000 1234');
    await page.locator('[data-action="appoint"]').click();
    await page.waitForFunction(
      (name) => Boolean(document.querySelector('[data-list="leaders"]')?.textContent?.includes(`网格长 ${name}`)),
      person.name,
    );
    expect(await page.locator('[data-list="leaders"]').textContent()).toContain('已同意公示电话');
    const [account] = await e2e.db.dataSource.query(`SELECT role FROM app_user WHERE login = 'e2e-posts'`);
    expect(account.role).toBe('GRID_LEADER');
  });

  it('a refused appointment says which rule it breaks, in Chinese', async () => {
    const [[outsider]] = await e2e.db.dataSource.query(
      `UPDATE resident SET is_party_member = false, is_in_service_party_member = false, is_owners_committee_head = false
        WHERE id = (SELECT r.id FROM resident r JOIN grid g ON r.grid_path = g.path WHERE g.code = $1 AND r.id <> $2 ORDER BY r.id LIMIT 1)
        RETURNING id, name`,
      [SMALL_CODE, person.id],
    );
    await choose('[data-form="appoint"]', outsider.id, outsider.name);
    await page.locator('[data-form="appoint"] [data-field="leader-role"]').selectOption('LEADER');
    await page.locator('[data-action="appoint"]').click();
    const alert = page.locator('[data-list="appointments"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('中网格长须为居住在本小区的党员或业委会主任');
  });

  it('makes them the compound branch’s secretary with consent (a deputy who is secretary is refused), adds a service post', async () => {
    await page.locator('[data-tab="organisations"]').click();
    await page.locator('[data-field="org-level"]').selectOption('MEDIUM');
    const row = page.locator(`tr[data-grid="${COMPOUND}"]`);
    await row.locator('[data-action="edit-org"]').click();
    const form = '[data-form="organisation"]';
    await page.waitForSelector(form);
    for (const who of ['secretary', 'deputy']) {
      await page.locator(`${form} [data-field="${who}-search"]`).fill(person.name);
      await page.waitForSelector(`${form} select[data-field="${who}"] option[value="${person.id}"]`, { state: 'attached' });
      await page.locator(`${form} select[data-field="${who}"]`).selectOption(person.id);
    }
    await page.locator(`${form} [data-field="secretary-consent"]`).check();
    await page.locator(`${form} [data-action="save-org"]`).click();
    const alert = page.locator('[data-list="organisations"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('副书记不能由书记兼任');
    await page.locator(`${form} select[data-field="deputy"]`).selectOption('');
    await page.locator(`${form} [data-action="save-org"]`).click();
    await page.waitForFunction(
      ([code, name]) => Boolean(document.querySelector(`tr[data-grid="${code}"]`)?.textContent?.includes(`${name}（已同意公示电话）`)),
      [COMPOUND, person.name],
    );

    await page.locator('[data-tab="servicePosts"]').click();
    const post = '[data-form="service-post"]';
    await page.locator(`${post} [data-field="post-grid-code"]`).fill(COMPOUND);
    await page.locator(`${post} [data-field="post-name"]`).fill('红色1平米议事亭');
    await page.locator(`${post} [data-field="post-kind"]`).selectOption('DISCUSSION_PAVILION');
    await page.locator(`${post} [data-field="post-lng"]`).fill(String(SMALL_POINT.lng));
    await page.locator(`${post} [data-field="post-lat"]`).fill(String(SMALL_POINT.lat));
    await page.locator(`${post} [data-field="post-hours"]`).fill('每天 9:00–17:00');
    await page.locator(`${post} [data-action="save-post"]`).click();
    await page.locator('tr[data-post="红色1平米议事亭"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'posts-console.png') });
  });

  it('renders the building’s posts board anonymously in a fresh browser: the leader, their consented phone, the QR code', async () => {
    visitorBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await visitorBrowser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
    const visitor = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const authorised: string[] = [];
    visitor.on('pageerror', (e) => errors.push(e.message));
    visitor.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    visitor.on('request', (r) => {
      requests.push(r.url());
      if (r.headers().authorization) authorised.push(r.url());
    });
    const url = `${e2e.origin}/p/${SMALL_CODE}`;
    await visitor.goto(url);
    await visitor.waitForSelector('[data-screen="posts"] [data-leader="LEADER"]', { timeout: 30_000 });
    const leader = visitor.locator(`[data-leader="LEADER"][data-grid="${COMPOUND}"]`);
    expect(await leader.textContent()).toContain(person.name);
    expect(await leader.textContent()).toContain(person.phone);
    expect(await leader.textContent()).toContain('0571-8000 1234');
    // The building's own leader is shown by name, without the phone they never agreed to publish.
    const building = visitor.locator(`[data-leader="LEADER"][data-grid="${SMALL_CODE}"]`);
    expect(await building.textContent()).toContain(buildingLeader.name);
    const html = await visitor.evaluate(() => document.body.innerHTML);
    expect(html).not.toContain(buildingLeader.phone);

    const branch = visitor.locator('[data-org="COMPOUND_BRANCH"]');
    expect(await branch.textContent()).toContain(`书记：${person.name}`);
    expect(await branch.textContent()).toContain(person.phone);
    const pavilion = visitor.locator('[data-service-post="DISCUSSION_PAVILION"]');
    expect(await pavilion.textContent()).toContain('红色1平米议事亭');
    expect(await pavilion.textContent()).toContain('开放时间：每天 9:00–17:00');
    const qr = visitor.locator('img[data-qr]');
    await qr.waitFor();
    expect(await qr.getAttribute('data-qr')).toBe(url);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await visitor.locator('nav [data-up]').count()).toBe(2);
    await visitor.screenshot({ path: join(ARTIFACTS, 'posts-board.png'), fullPage: true });

    // Printed: the screen's buttons drop out and the poster fits one A4 page.
    await visitor.emulateMedia({ media: 'print' });
    expect(await visitor.locator('[data-action="print"]').isVisible()).toBe(false);
    const pdf = await visitor.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, 'posts-board-a4.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

    expect(authorised).toEqual([]);
    expect(outsideOrigin(requests, e2e.origin)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the console shows no error', () => {
    expect(e2e.consoleErrors).toEqual([]);
  });
});
