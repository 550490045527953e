import type { Locator, Page } from 'playwright-core';
import { firstHome, startE2e, type E2e, type Home } from './support';

/*
 * 五方联动 in the compound leader's workspace: an organisation changed in place (its duties and
 * contacts; a name the API refuses is said in Chinese and nothing is saved), a member removed
 * and the removal undone, and a resident given a public role (两代表一委员) with consent, cleared
 * and restored — each checked in the database, not only on the screen.
 */
describe('organisations panel (e2e, Chromium)', () => {
  let e2e: E2e;
  let home: Home;
  let compound: { id: string; name: string };
  let orgId: string;
  let residentName: string;
  const ORG = '阳光业委会（e2e）';

  beforeAll(async () => {
    e2e = await startE2e();
    home = await firstHome(e2e);
    [compound] = await e2e.db.dataSource.query(
      `SELECT m.id, m.name FROM grid m JOIN grid s ON s.path <@ m.path WHERE s.id = $1 AND m.level = 'MEDIUM'`,
      [e2e.smallGridId],
    );
    [{ name: residentName }] = await e2e.db.dataSource.query(`SELECT name FROM resident WHERE id = $1`, [home.residentId]);
    await e2e.user({ login: 'e2e-orgs', displayName: '小区网格长', role: 'GRID_LEADER', gridIds: [compound.id] });
    const { createOrganization } = await e2e.api<{ createOrganization: { id: string } }>(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { gridId: compound.id, kind: 'OWNERS_COMMITTEE', name: ORG, duties: '监督物业', published: true } },
    );
    orgId = createOrganization.id;
    await e2e.api(`mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`, {
      input: { organizationId: orgId, name: '李主任（e2e）', role: '主任' },
    });
  });

  afterEach(() => e2e.closePages());
  afterAll(() => e2e?.close());

  async function panel(): Promise<{ page: Page; section: Locator; row: Locator }> {
    const page = await e2e.signedIn('e2e-orgs');
    await page.locator('[role="tab"][data-tab="services"]').click();
    const section = page.locator('[data-list="organizations"]');
    const row = section.locator(`[data-organization-id="${orgId}"]`);
    await row.waitFor({ timeout: 30_000 });
    return { page, section, row };
  }

  it('changes an organisation in place; a refused name is said in Chinese and changes nothing', async () => {
    const { section, row } = await panel();
    await row.locator('[data-action="edit-organization"]').click();
    const form = row.locator('form[data-form="edit-organization"]');
    await form.locator('textarea[name="edit-duties"]').fill('监督物业服务，组织业主大会');
    await form.locator('textarea[name="edit-contacts"]').fill('李主任 13800001111\n王委员');
    await form.locator('[data-action="save-organization"]').click();
    await row.getByText('职责：监督物业服务，组织业主大会').waitFor({ timeout: 10_000 });
    const [saved] = await e2e.db.dataSource.query(`SELECT duties, contacts, version FROM organization WHERE id = $1`, [orgId]);
    expect(saved.duties).toBe('监督物业服务，组织业主大会');
    expect(saved.contacts).toEqual([
      { name: '李主任', phone: '13800001111' },
      { name: '王委员', phone: null },
    ]);

    // A name over the limit: the API refuses it; the message names the field in Chinese, no English.
    await row.locator('[data-action="edit-organization"]').click();
    await form.locator('input[name="edit-name"]').fill('长'.repeat(201));
    await form.locator('[data-action="save-organization"]').click();
    const status = section.locator('p[role="status"]').first();
    await status.getByText('「名称」').waitFor({ timeout: 10_000 });
    expect(await status.textContent()).not.toMatch(/[A-Za-z]{2,}/);
    const [after] = await e2e.db.dataSource.query(`SELECT name, version FROM organization WHERE id = $1`, [orgId]);
    expect(after).toEqual({ name: ORG, version: saved.version });
  });

  it('removes a member and undoes the removal', async () => {
    const { section, row } = await panel();
    const member = row.locator('[data-list="members"] li', { hasText: '李主任（e2e）' });
    await member.locator('[data-action="remove-member"]').click();
    await member.waitFor({ state: 'detached', timeout: 10_000 });
    const count = async () =>
      Number(
        (
          await e2e.db.dataSource.query(`SELECT count(*) AS n FROM organization_member WHERE organization_id = $1 AND name = $2`, [
            orgId,
            '李主任（e2e）',
          ])
        )[0].n,
      );
    expect(await count()).toBe(0);
    await section.locator('[data-action="undo-remove-member"]').click();
    await row.locator('[data-list="members"] li', { hasText: '李主任（e2e）（主任）' }).waitFor({ timeout: 10_000 });
    expect(await count()).toBe(1);
  });

  it('gives a resident a public role with consent, clears it and restores it', async () => {
    const { page } = await panel();
    const roles = page.locator('[data-list="public-roles"]');
    const form = roles.locator('form[data-form="set-public-role"]');
    await form.locator('select').first().selectOption(compound.id);
    await form.locator('[data-field="public-role-resident-search"]').fill(residentName);
    const picker = form.locator('select[data-field="public-role-resident"]');
    await picker.locator(`option[value="${home.residentId}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    await picker.selectOption(home.residentId);
    await form.locator('input[name="public-role-DEPUTY"]').check();
    await form.locator('input[name="public-role-title"]').fill('区人大代表');
    await form.locator('input[name="public-role-consent"]').check();
    await form.locator('[data-action="set-public-role"]').click();
    const row = roles.locator(`[data-resident-id="${home.residentId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('两代表一委员');
    expect(await row.textContent()).toContain('已同意公开');
    const stored = async () =>
      e2e.db.dataSource.query(`SELECT roles, title, consent_at IS NOT NULL AS consented FROM public_role WHERE resident_id = $1`, [
        home.residentId,
      ]);
    expect(await stored()).toEqual([{ roles: ['DEPUTY'], title: '区人大代表', consented: true }]);

    await row.locator('[data-action="clear-public-role"]').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await stored()).toEqual([]);
    await roles.locator('[data-action="undo-clear-public-role"]').click();
    await row.waitFor({ timeout: 10_000 });
    expect(await stored()).toEqual([{ roles: ['DEPUTY'], title: '区人大代表', consented: true }]);
  });
});
