import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, reportCase, SMALL_POINT, startE2e, type E2e } from './support';

// 消息通知 in the app shell: a case dispatched to the leader's grid shows as an unread badge in the header; the drawer
// says it in Chinese with the case's readable number; marking everything read clears the badge.
describe('the notification inbox (e2e, Chromium)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e();
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows a dispatch to the leader’s grid as an unread message, and marks it read', async () => {
    const leader = await e2e.signedIn('e2e-leader');
    const bell = leader.locator('[data-action="notifications"]');
    await bell.waitFor({ timeout: 10_000 });
    expect(await leader.locator('.notify__badge').count()).toBe(0);

    const reported = await reportCase(e2e, {
      clientKey: `e2e-notify-${Date.now()}`,
      category: 'ENVIRONMENT',
      lng: SMALL_POINT.lng,
      lat: SMALL_POINT.lat,
      description: '垃圾满溢（e2e 消息）',
    });
    const { fileCase } = await e2e.api<{ fileCase: { version: number; number: string } }>(
      `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version number } }`,
      { id: reported.id, v: reported.version },
    );
    // Dispatched to the grid (no leader picked, no department): the grid's leader accounts hear of it.
    await e2e.api(`mutation ($id: ID!, $v: Int!) { dispatchCase(id: $id, version: $v) { id } }`, { id: reported.id, v: fileCase.version });

    // The badge follows within a poll (30 s); a reload asks at once.
    await leader.reload();
    await leader.locator('.notify__badge[data-unread="1"]').waitFor({ timeout: 15_000 });
    expect(await bell.getAttribute('aria-label')).toBe('消息通知，1 条未读');

    await bell.click();
    const item = leader.locator('.notify__item--unread');
    await item.waitFor({ timeout: 10_000 });
    expect(await item.locator('.notify__text').textContent()).toBe(`事件 ${fileCase.number} 已派遣给您，请及时处置`);
    const drawer = (await leader.locator('.notify__drawer').textContent()) ?? '';
    expect(drawer).not.toMatch(/CASE_|undefined|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await leader.screenshot({ path: join(ARTIFACTS, 'notify-inbox.png') });

    await leader.getByRole('button', { name: '全部标为已读' }).click();
    await leader.locator('.notify__badge').waitFor({ state: 'detached', timeout: 10_000 });
    await leader.locator('.notify__item--unread').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await leader.locator('.notify__item').count()).toBe(1);

    // 通知设置: rated cases no longer go out by SMS, and quiet hours from 22:00 to 07:00 — read back from the database.
    await leader.locator('[data-action="notification-settings"]').click();
    const prefs = leader.locator('[data-form="notification-preferences"]');
    await prefs.locator('input[name="kind"][value="CASE_RATED"]').uncheck();
    await prefs.locator('input[name="channel"][value="WECOM"]').uncheck();
    await prefs.locator('input[name="quiet"]').check();
    await prefs.locator('input[name="quietStart"]').fill('22:00');
    await prefs.locator('input[name="quietEnd"]').fill('07:00');
    await prefs.locator('[data-action="save-preferences"]').click();
    await leader.locator('.notify__drawer [role="status"]').waitFor({ timeout: 10_000 });
    const [saved] = await e2e.db.dataSource.query(
      `SELECT p.kinds, p.channels, p.quiet_start AS "quietStart", p.quiet_end AS "quietEnd"
         FROM notification_preference p JOIN app_user u ON u.id = p.user_id WHERE u.login = 'e2e-leader'`,
    );
    expect(saved.kinds).not.toContain('CASE_RATED');
    expect(saved.kinds).toContain('CASE_DISPATCHED');
    expect(saved).toMatchObject({ channels: ['SMS'], quietStart: 1320, quietEnd: 420 });
  });
});
