import { readFileSync } from 'node:fs';
import { sheetRows } from '../api/__integration-tests__/xlsx';
import { jwtSecret } from '../api/src/platform/config';
import { signLink } from '../api/src/platform/identity/signed-link';
import { clearServices, firstHome, startE2e, type E2e, type Home } from './support';

// 双评议 in the browser: the community's leader (社区书记) rates a registered member's month in the services tab and creates
// the member's work unit a signed link; the unit opens the link signed out, sees the member's hours and the community's
// rating, rates its side and downloads the month's report (双报告); an altered or expired link says so.
describe('dual evaluation with a signed link (e2e, Chromium)', () => {
  let e2e: E2e;
  let home: Home;
  let unitId: string;
  let memberId: string;
  const MONTH = '2026-11';

  beforeAll(async () => {
    e2e = await startE2e();
    home = await firstHome(e2e);
    await clearServices(e2e);
    await e2e.user({ login: 'e2e-unit-community', displayName: '社区书记', role: 'GRID_LEADER', gridIds: [home.communityId] });
    // 区税务局 (a UNIT registration) and its member 王党员, registered with the community, who served 2.5 h in November.
    [{ id: unitId }] = await e2e.db.dataSource.query(
      `INSERT INTO service_registration (kind, name, unit_name, community_id, location, skills, radius_m, weekly_capacity, active)
       VALUES ('UNIT', '区税务局机关党委', '区税务局', $1, ST_SetSRID(ST_MakePoint(120.103, 30.253), 4326), '{}', 1000, 0, false)
       RETURNING id`,
      [home.communityId],
    );
    [{ id: memberId }] = await e2e.db.dataSource.query(
      `INSERT INTO service_registration (kind, name, unit_name, unit_id, community_id, location, skills, radius_m, weekly_capacity)
       VALUES ('MEMBER', '王党员', '区税务局', $2, $1, ST_SetSRID(ST_MakePoint(120.103, 30.253), 4326), '{REPAIR}', 2000, 2)
       RETURNING id`,
      [home.communityId, unitId],
    );
    await e2e.db.dataSource.query(
      `INSERT INTO service_record (registration_id, hours, at) VALUES ($1, 1.5, '2026-11-04T02:00:00Z'), ($1, 1, '2026-11-18T02:00:00Z')`,
      [memberId],
    );
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('the community rates in the workspace; the unit rates through the link without signing in and downloads its report', async () => {
    const community = await e2e.signedIn('e2e-unit-community');
    await community.locator('[role="tab"][data-tab="services"]').click();
    const sheet = community.locator('[data-list="evaluations"]');
    await sheet.waitFor({ timeout: 15_000 });
    await sheet.locator('input[name="evaluation-month"]').fill(MONTH);
    const row = sheet.locator(`[data-registration-id="${memberId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('2.5');
    await row.locator('select[name="community-rating"]').selectOption('4');
    await row.locator('input[name="community-comment"]').fill('积极参加社区服务');
    await row.locator('[data-action="rate-member"]').click();
    await sheet.locator(`[data-registration-id="${memberId}"][data-community-rating="4"]`).waitFor({ timeout: 10_000 });
    expect(
      await e2e.db.dataSource.query(`SELECT evaluator, rating, comment, period FROM service_evaluation WHERE registration_id = $1`, [
        memberId,
      ]),
    ).toEqual([{ evaluator: 'COMMUNITY', rating: 4, comment: '积极参加社区服务', period: MONTH }]);

    // The unit's link, for this month only.
    const unit = sheet.locator(`[data-unit-id="${unitId}"]`);
    await unit.locator('[data-action="unit-link"]').click();
    const linkField = unit.locator('input[data-field="unit-link"]');
    await linkField.waitFor({ timeout: 10_000 });
    const link = await linkField.inputValue();
    expect(link.startsWith(`${e2e.origin}/unit-evaluation#`)).toBe(true);

    // The unit, signed out, in a tab of its own.
    const page = await e2e.newPage();
    await page.goto(link);
    const member = page.locator(`.unit__member[data-registration-id="${memberId}"]`);
    await member.waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('在职党员双评议');
    expect(await page.locator('.unit__sheet h2').textContent()).toBe('区税务局 — 2026年11月党员服务情况');
    const text = (await member.textContent()) ?? '';
    expect(text).toContain('王党员');
    expect(text).toContain('服务 2.5 小时');
    expect(text).toContain('社区评议：4 – 较好');
    await member.locator('select[name="unit-rating"]').selectOption('5');
    await member.locator('input[name="unit-comment"]').fill('工作认真负责');
    await member.locator('[data-action="rate-member"]').click();
    await page.locator(`.unit__member[data-registration-id="${memberId}"][data-unit-rating="5"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator('[role="status"]').textContent()).toBe('已保存对王党员的评议。');
    const [unitRow] = await e2e.db.dataSource.query(
      `SELECT rating, comment FROM service_evaluation WHERE registration_id = $1 AND evaluator = 'UNIT' AND period = $2`,
      [memberId, MONTH],
    );
    expect(unitRow).toEqual({ rating: 5, comment: '工作认真负责' });

    // 双报告: the month's report as a spreadsheet, from the same page.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="unit-report"]').click()]);
    const rows = await sheetRows(readFileSync((await download.path())!), '双报告', 6);
    expect(rows.slice(3)).toEqual([
      ['王党员', 2.5, 5, '工作认真负责', 4, '积极参加社区服务'],
      ['合计', 2.5, 1, null, 1, null],
    ]);
  });

  it('an altered, expired or missing link says so and offers nothing to rate', async () => {
    const valid = signLink(jwtSecret(), 'unit-evaluation', [unitId, MONTH], new Date(Date.now() + 3_600_000));
    const expired = signLink(jwtSecret(), 'unit-evaluation', [unitId, MONTH], new Date(Date.now() - 1_000));
    const cases: [string, string, string][] = [
      [`${valid.slice(0, -2)}xx`, 'invalid', '链接无效，请联系社区重新发送。'],
      [expired, 'expired', '链接已过期，请联系社区重新发送。'],
    ];
    for (const [token, problem, words] of cases) {
      const page = await e2e.newPage();
      await page.goto(`${e2e.origin}/unit-evaluation#${token}`);
      const alert = page.locator(`[role="alert"][data-problem="${problem}"]`);
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toBe(words);
      expect(await page.locator('[data-action="rate-member"]').count()).toBe(0);
    }
    const bare = await e2e.newPage();
    await bare.goto(`${e2e.origin}/unit-evaluation`);
    await bare.locator('.unit [role="alert"]').waitFor({ timeout: 30_000 });
    expect(await bare.locator('.unit [role="alert"]').textContent()).toBe('请通过社区发送的链接打开本页面；如需新链接请联系社区。');
  });
});
