import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, firstHome, signedInTo, SMALL_CODE, startE2e, type E2e, type Home } from './support';

// 宣传 in the browser: the compound's leader publishes a notice pinned on the map and a free clinic with one place in their
// workspace's 宣传 tab; the resident of the compound's first building sees the notice on their household page and signs up for
// the clinic (the place is gone: the next visitor sees it full); the building's public posts board shows the notice.
describe('publicity: a leader publishes, a resident signs up (e2e, Chromium)', () => {
  let e2e: E2e;
  let home: Home;
  let compoundId: string;

  beforeAll(async () => {
    e2e = await startE2e();
    home = await firstHome(e2e);
    [{ id: compoundId }] = await e2e.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [SMALL_CODE.slice(0, 15)]);
    await e2e.user({ login: 'e2e-compound', displayName: '小区书记', role: 'GRID_LEADER', gridIds: [compoundId] });
    await e2e.user({ login: 'e2e-resident-p', displayName: '李大爷', role: 'RESIDENT', residentId: home.residentId });
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('the compound leader publishes a notice and an activity; the resident sees the notice and takes the last place', async () => {
    const leader = await e2e.signedIn('e2e-compound');
    await leader.locator('[data-tab="publicity"]').click();
    await leader.waitForSelector('[data-form="notice"]', { timeout: 30_000 });

    // A notice of the compound, pinned inside it, published and public.
    const notice = '[data-form="notice"]';
    await leader.locator(`${notice} select[name="notice-grid"]`).selectOption(compoundId);
    await leader.locator(`${notice} input[name="notice-title"]`).fill('周六停水通知');
    await leader.locator(`${notice} textarea[name="notice-body"]`).fill('本周六 9:00–12:00 管网检修停水，请提前储水。');
    await leader.locator(`${notice} input[name="notice-lng"]`).fill('120.102');
    await leader.locator(`${notice} input[name="notice-lat"]`).fill('30.252');
    await leader.locator('[data-action="create-notice"]').click();
    await leader.locator('[data-list="notices"] li[data-status="PUBLISHED"]', { hasText: '周六停水通知' }).waitFor({ timeout: 30_000 });
    // Who must read it: the compound's leader (themself) and the building's leader, none yet.
    expect(await leader.locator('[data-list="notices"] summary[data-readers]').first().getAttribute('data-readers')).toBe('0/2');

    // A free clinic with one place, tomorrow.
    const day = new Date(Date.now() + 86_400_000);
    const local = (h: number) => `${day.toISOString().slice(0, 10)}T${String(h).padStart(2, '0')}:00`;
    const activity = '[data-form="activity"]';
    await leader.locator(`${activity} select[name="activity-grid"]`).selectOption(compoundId);
    await leader.locator(`${activity} select[name="activity-kind"]`).selectOption('FREE_CLINIC');
    await leader.locator(`${activity} input[name="activity-title"]`).fill('社区义诊');
    await leader.locator(`${activity} input[name="activity-place"]`).fill('小区广场');
    await leader.locator(`${activity} input[name="activity-starts"]`).fill(local(9));
    await leader.locator(`${activity} input[name="activity-ends"]`).fill(local(11));
    await leader.locator(`${activity} input[name="activity-capacity"]`).fill('1');
    await leader.locator('[data-action="create-activity"]').click();
    const row = leader.locator('[data-list="community-activities"] li[data-activity-id]', { hasText: '社区义诊' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('已报名 0/1');
    const [{ id: activityId }] = await e2e.db.dataSource.query(`SELECT id FROM community_activity WHERE title = '社区义诊'`);

    // The resident's household page: the notice and the clinic; they sign up and the place is theirs.
    const resident = await signedInTo(e2e, 'e2e-resident-p', '[data-list="resident-activities"]');
    await resident.locator('[data-list="resident-notices"]', { hasText: '周六停水通知' }).waitFor({ timeout: 30_000 });
    const offer = resident.locator(`[data-list="resident-activities"] li[data-activity-id="${activityId}"]`);
    expect(await offer.innerText()).toContain('剩余名额 1/1');
    await offer.locator('[data-action="sign-up-activity"]').click();
    await offer.locator('[data-signed-up="yes"]').waitFor({ timeout: 30_000 });
    expect(await offer.innerText()).toContain('剩余名额 0/1');
    const signups = await e2e.db.dataSource.query(`SELECT s.name, s.people FROM community_activity_signup s WHERE s.activity_id = $1`, [
      activityId,
    ]);
    expect(signups).toEqual([{ name: '李大爷', people: 1 }]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await resident.screenshot({ path: join(ARTIFACTS, 'publicity-resident.png'), fullPage: true });

    // The leader records the attendance.
    await leader.reload();
    await leader.locator('[data-tab="publicity"]').click();
    const participant = leader.locator(`[data-activity-id="${activityId}"] [data-participant="李大爷"]`);
    await participant.waitFor({ timeout: 30_000 });
    await participant.locator('[data-action="attended"]').click();
    await leader
      .locator(`[data-activity-id="${activityId}"] [data-participant="李大爷"]`, { hasText: '已参加' })
      .waitFor({ timeout: 30_000 });
    await leader.screenshot({ path: join(ARTIFACTS, 'publicity-leader.png'), fullPage: true });

    // The public posts board of the building shows the notice.
    const visitor = await e2e.newPage();
    await visitor.goto(`${e2e.origin}/p/${SMALL_CODE}`);
    await visitor.locator('[data-board="notices"]', { hasText: '周六停水通知' }).waitFor({ timeout: 30_000 });
  });
});
