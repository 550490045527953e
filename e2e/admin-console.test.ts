import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, outsideOrigin, SMALL_CODE, startE2e, submitSignIn, type E2e, type PageDocument } from './support';

declare const document: PageDocument;

// The street admin's console: accounts and grid leader appointments, in Chinese, end to end.
const COMPOUND = SMALL_CODE.slice(0, 15);

describe('admin console (e2e, Chromium)', () => {
  let e2e: E2e;
  let page: Page;
  /** A party member living in the compound: the rule lets them lead it. */
  let person: { id: string; name: string };

  beforeAll(async () => {
    e2e = await startE2e();
    mkdirSync(ARTIFACTS, { recursive: true });
    [[person]] = await e2e.db.dataSource.query(
      `UPDATE resident SET is_party_member = true WHERE id = (
         SELECT r.id FROM resident r JOIN grid g ON r.grid_path = g.path WHERE g.code = $1 ORDER BY r.id LIMIT 1)
       RETURNING id, name`,
      [SMALL_CODE],
    );
    page = await e2e.newPage();
    await page.goto(e2e.origin);
    await submitSignIn(page, 'e2e-admin');
    await page.waitForSelector('[data-action="console"]', { timeout: 30_000 });
  });
  afterAll(() => e2e?.close());

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
    await page.locator(`${form} [data-field="home-grid-code"]`).fill(SMALL_CODE);
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
    await page.waitForFunction(
      (name) => Boolean(document.querySelector('[data-list="leaders"]')?.textContent?.includes(`网格长 ${name}`)),
      person.name,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'admin-console-appointments.png') });

    // The account now leads the compound: signing in with the password the console showed says so.
    const res = await fetch(`${e2e.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { user { role gridIds } } }`,
        variables: { l: 'e2e-zhang', p: password },
      }),
    });
    const [compound] = await e2e.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [COMPOUND]);
    const signedIn = (await res.json()) as { data: { login: { user: unknown } } };
    expect(signedIn.data.login.user).toEqual({ role: 'GRID_LEADER', gridIds: [compound.id] });
    expect(e2e.consoleErrors).toEqual([]);
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });

  it('lets a community’s secretary keep their community’s accounts, and only those', async () => {
    const [community] = await e2e.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [SMALL_CODE.slice(0, 12)]);
    await e2e.user({ login: 'e2e-secretary', displayName: '社区书记', role: 'GRID_LEADER', gridIds: [community.id] });
    const secretary = await e2e.newPage();
    await secretary.goto(e2e.origin);
    await submitSignIn(secretary, 'e2e-secretary');
    await secretary.locator('[data-action="console"]').click({ timeout: 30_000 });
    await secretary.waitForSelector('.console[data-scope="community"] [data-list="accounts"] tr[data-login="e2e-zhang"]');
    // Their community's accounts, not the street's staff; the street's tabs are not theirs.
    expect(await secretary.locator('tr[data-login="e2e-admin"]').count()).toBe(0);
    expect(await secretary.locator('.console__tabs [data-tab]').evaluateAll((b) => b.map((x) => x.getAttribute('data-tab')))).toEqual([
      'accounts',
    ]);
    const roles = await secretary
      .locator('[data-form="create-user"] [data-field="role"] option')
      .evaluateAll((o) => o.map((x) => x.getAttribute('value')));
    expect(roles).toEqual(['RESIDENT', 'VOLUNTEER', 'GRID_LEADER', 'ORGANIZATION_STAFF']);
    await secretary.locator('tr[data-login="e2e-zhang"] [data-action="reset-password"]').click();
    expect((await secretary.locator('[data-once-password]').textContent({ timeout: 15_000 }))!.trim()).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('lets a grid leader give a resident an invitation code with which they make their own account and land on their page', async () => {
    const leader = await e2e.signedIn('e2e-leader');
    await leader.locator('[role="tab"][data-tab="residents"]').click();
    const row = leader.locator('.tabs__panel[data-tab="residents"] .entity-list__item').first();
    await row.waitFor({ timeout: 15_000 });
    const name = (await row.locator('.entity-list__name').textContent())!;
    await row.locator('[data-action="invite"]').click();
    const code = (await row.locator('[data-invitation-code]').textContent({ timeout: 10_000 }))!;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const newcomer = await e2e.newPage();
    await newcomer.goto(e2e.origin);
    await newcomer.locator('[data-action="sign-up"]').click({ timeout: 30_000 });
    const form = newcomer.locator('[data-form="sign-up"]');
    await form.locator('input[name="code"]').fill(code.toLowerCase());
    await form.locator('input[name="new-login"]').fill('e2e-invited');
    await form.locator('input[name="new-password"]').fill('my-own-pass-1');
    await form.locator('input[name="again"]').fill('my-own-pass-2');
    await form.locator('[data-action="submit-sign-up"]').click();
    expect(await form.locator('[role="alert"]').textContent()).toBe('两次输入的密码不一致');
    await form.locator('input[name="again"]').fill('my-own-pass-1');
    await form.locator('[data-action="submit-sign-up"]').click();
    await newcomer.locator('.app[data-screen="resident"]').waitFor({ timeout: 30_000 });
    expect(await newcomer.locator('.app__user').textContent()).toContain(name);
  });
});
