import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, outsideOrigin, reportCase, SMALL_CODE, SMALL_POINT, startE2e, submitSignIn, type E2e } from './support';

/*
 * 物业公司工作人员 in the browser: the street admin makes a property company's staff account in
 * the console (the organisation picked by its Chinese name and kind), the generated password is
 * shown once, and the new account signs in with it to the inbox, where the case dispatched to its
 * company is and another company's is not.
 */

const COMPOUND = SMALL_CODE.slice(0, 15);
const OTHER_COMPOUND = `${SMALL_CODE.slice(0, 12)}002`;
/** A point in the community's second compound (the fixture's compounds split it north to south). */
const OTHER_POINT = { lng: 120.102, lat: 30.265 };

describe('organisation staff accounts (e2e, Chromium)', () => {
  let e2e: E2e;
  let admin: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(() => e2e?.close());

  async function company(gridCode: string, name: string): Promise<string> {
    const [grid] = await e2e.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [gridCode]);
    const { createOrganization } = await e2e.api<{ createOrganization: { id: string } }>(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { gridId: grid.id, kind: 'PROPERTY_COMPANY', name } },
    );
    return createOrganization.id;
  }

  async function dispatchedTo(organizationId: string, at: { lng: number; lat: number }, key: string): Promise<string> {
    const c = await reportCase(e2e, { clientKey: key, category: 'PROPERTY', ...at, description: `电梯停运（${key}）` });
    const { fileCase } = await e2e.api<{ fileCase: { version: number } }>(
      `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
      { id: c.id, v: c.version },
    );
    await e2e.api(`mutation ($id: ID!, $v: Int!, $o: ID) { dispatchCase(id: $id, version: $v, organizationId: $o) { id } }`, {
      id: c.id,
      v: fileCase.version,
      o: organizationId,
    });
    return c.id;
  }

  it('the street admin makes a property company’s staff account, which signs in and sees its company’s case', async () => {
    const own = await company(COMPOUND, '绿城物业');
    const other = await company(OTHER_COMPOUND, '二期物业');
    const ownCase = await dispatchedTo(own, SMALL_POINT, 'org-staff-own');
    const otherCase = await dispatchedTo(other, OTHER_POINT, 'org-staff-other');

    admin = await e2e.newPage();
    await admin.goto(e2e.origin);
    await submitSignIn(admin, 'e2e-admin');
    await admin.locator('[data-action="console"]').click({ timeout: 30_000 });
    await admin.waitForSelector('[data-list="accounts"] tr[data-login="e2e-admin"]');

    const form = '[data-form="create-user"]';
    await admin.locator(`${form} [data-field="login"]`).fill('lvcheng-wang');
    await admin.locator(`${form} [data-field="name"]`).fill('物业小王');
    await admin.locator(`${form} [data-field="role"]`).selectOption('ORGANIZATION_STAFF');
    const picker = admin.locator(`${form} select[data-field="organisation"]`);
    await admin.waitForSelector(`${form} select[data-field="organisation"] option[value="${own}"]`, { state: 'attached', timeout: 15_000 });
    expect(await picker.locator(`option[value="${own}"]`).textContent()).toBe('绿城物业（物业公司）');
    await picker.selectOption(own);
    await admin.locator(`${form} [data-field="reason"]`).fill('物业公司值班');
    await admin.locator(`${form} [data-action="create-user"]`).click();
    const password = (await admin.locator('[data-once-password]').textContent({ timeout: 15_000 }))!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const row = admin.locator('tr[data-login="lvcheng-wang"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('物业公司等组织工作人员');
    expect(await row.textContent()).toContain('绿城物业');
    await admin.screenshot({ path: join(ARTIFACTS, 'organization-staff-console.png') });

    // The new account signs in with the password the console showed, to its company's inbox.
    const staff = await e2e.newPage();
    await staff.goto(e2e.origin);
    await staff.locator('input[name="login"]').fill('lvcheng-wang', { timeout: 30_000 });
    await staff.locator('input[name="password"]').fill(password);
    await staff.locator('input[name="password"]').press('Enter');
    const inboxRow = staff.locator(`[data-list="inbox"] li[data-case-id="${ownCase}"]`);
    await inboxRow.waitFor({ timeout: 30_000 });
    expect(await inboxRow.locator('.status-chip').first().textContent()).toBe('已派遣');
    expect(await staff.locator(`[data-list="inbox"] li[data-case-id="${otherCase}"]`).count()).toBe(0);
    expect(await staff.locator('[data-list="inbox"] li[data-case-id]').count()).toBe(1);
    await staff.screenshot({ path: join(ARTIFACTS, 'organization-staff-inbox.png') });
    expect(e2e.consoleErrors).toEqual([]);
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });
});
