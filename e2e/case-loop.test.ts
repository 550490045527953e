import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, firstHome, PNG_1PX, signedInTo, startE2e, type E2e } from './support';

// The whole closed loop through the UI only, across four screens: a resident reports with a
// photo on their page → the operator files it on the wall's case desk and dispatches it to a
// department → the department's staff start it and report back with a photo in their inbox →
// the operator verifies and closes it → the resident rates it. The case's timeline shows each
// step with its readable number.

const PHOTO = { name: 'scene.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') };
/** The work done: another picture (a red pixel), so it is another photo. */
const DONE_PHOTO = {
  name: 'done.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC', 'base64'),
};

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 120_000);
afterEach(() => e2e?.closePages());
afterAll(() => e2e?.close());

const caseRow = async (id: string): Promise<{ status: string; department: string | null; photos: string[] }> =>
  (await e2e.db.dataSource.query(`SELECT status, department, photos FROM "case" WHERE id = $1`, [id]))[0];

describe('the closed loop on every screen (e2e, Chromium)', () => {
  it('resident reports with a photo → wall dispatches to a department → staff handle it → wall closes → resident rates', async () => {
    const home = await firstHome(e2e);
    await e2e.user({ login: 'loop-resident', displayName: '王阿姨', role: 'RESIDENT', residentId: home.residentId });
    await e2e.user({ login: 'loop-cgzd', displayName: '城管队员', role: 'DEPARTMENT_STAFF', departmentCode: 'CGZD' });

    // 1. The resident reports at their own building, with a photo.
    const resident = await signedInTo(e2e, 'loop-resident', '[data-list="own-cases"]');
    await resident.locator('[data-action="report-case"]').click();
    const form = resident.locator('[data-form="report-case"]');
    await form.locator('select[name="category"]').selectOption('ENVIRONMENT');
    await form.locator('textarea[name="description"]').fill('楼下垃圾堆放多日（e2e）');
    expect(await form.locator('input[name="where"][value="home"]').isChecked()).toBe(true);
    await form.locator('input[name="photo"]').setInputFiles(PHOTO);
    await form.locator('[data-action="submit-case"]').click();
    const ownRow = resident.locator('[data-list="own-cases"] li[data-case-id]').first();
    await ownRow.waitFor({ timeout: 15_000 });
    const id = (await ownRow.getAttribute('data-case-id'))!;
    const number = (await ownRow.getAttribute('data-case-number'))!;
    expect(number).toMatch(/^\d{8}-\d{4}$/);
    expect(await ownRow.locator('.status-chip').textContent()).toBe('已上报');
    const reported = await caseRow(id);
    expect(reported.status).toBe('REPORTED');
    expect(reported.photos).toHaveLength(1);
    // The panel opened on the new case shows its number and its photo (fetched with the token).
    const residentPanel = resident.locator(`.case-panel[data-case-id="${id}"]`);
    await residentPanel.locator(`.case-panel__number[data-case-number="${number}"]`).waitFor({ timeout: 10_000 });
    await residentPanel.locator('.case-photos__thumb').waitFor({ timeout: 10_000 });

    // 2. The operator files it on the wall and dispatches it to 城管中队, while its staff have their inbox open.
    // An empty inbox has an empty (hidden) list: its title says the department is ready.
    const staff = await signedInTo(e2e, 'loop-cgzd', '.department .panel__title');
    await staff.locator('.department .panel__title:has-text("城管中队")').waitFor({ timeout: 15_000 });
    expect(await staff.locator(`[data-list="inbox"] li[data-case-id="${id}"]`).count()).toBe(0);
    const wall = await e2e.signedIn('e2e-operator');
    await wall.locator(`.queues [data-case-id="${id}"]`).click({ timeout: 15_000 });
    const wallPanel = wall.locator(`.case-panel[data-case-id="${id}"]`);
    const desk = wallPanel.locator('.case-desk');
    await desk.locator('[data-action="file"]').click({ timeout: 10_000 });
    await wall.locator('.case-desk[data-status="FILED"]').waitFor({ timeout: 10_000 });
    const [{ id: cgzd }] = await e2e.db.dataSource.query(`SELECT id FROM department WHERE code = 'CGZD'`);
    const picker = desk.locator('select[name="leader"]');
    await picker.locator(`option[value="dept:${cgzd}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    await picker.selectOption(`dept:${cgzd}`);
    await desk.locator('[data-action="dispatch"]').click();
    await wall.locator('.case-desk[data-status="DISPATCHED"]').waitFor({ timeout: 10_000 });
    expect(await caseRow(id)).toMatchObject({ status: 'DISPATCHED', department: '城管中队' });

    // 3. The department's staff see it arrive in their inbox (live, no reload), start it and report back with a photo.
    const inboxRow = staff.locator(`[data-list="inbox"] li[data-case-id="${id}"]`);
    await inboxRow.waitFor({ timeout: 15_000 });
    expect(await inboxRow.getAttribute('data-case-number')).toBe(number);
    expect(await inboxRow.locator('.status-chip').first().textContent()).toBe('已派遣');
    await inboxRow.locator('[data-action="open-case"]').click();
    const staffPanel = staff.locator(`.case-panel[data-case-id="${id}"]`);
    await staffPanel.locator('[data-action="start"]').click({ timeout: 10_000 });
    const handle = staffPanel.locator('[data-form="handle"]');
    await handle.locator('textarea[name="feedback"]').fill('已清运完毕', { timeout: 10_000 });
    await handle.locator('input[name="photo"]').setInputFiles(DONE_PHOTO);
    await handle.locator('[data-action="handle"]').click();
    await staff.locator(`[data-list="inbox"] li[data-case-id="${id}"][data-status="HANDLED"]`).waitFor({ timeout: 15_000 });
    expect((await caseRow(id)).photos).toHaveLength(2);

    // 4. The operator verifies and closes it.
    await wall.locator('.case-desk [data-action="close-case"]').waitFor({ timeout: 20_000 });
    await desk.locator('input[name="comment"]').fill('现场核查已清理');
    await desk.locator('[data-action="close-case"]').click();
    await wall.locator('.case-desk[data-status="CLOSED"]').waitFor({ timeout: 10_000 });

    // 5. The resident sees it closed and rates it with a comment.
    await resident.reload();
    const closedRow = resident.locator(`[data-list="own-cases"] li[data-case-id="${id}"][data-status="CLOSED"]`);
    await closedRow.waitFor({ timeout: 15_000 });
    expect(await closedRow.locator('.status-chip').textContent()).toBe('已结案');
    await closedRow.locator('[data-action="open-case"]').click();
    const rate = resident.locator('[data-form="rate-case"]');
    await rate.locator('select[name="rating"]').selectOption('4', { timeout: 10_000 });
    await rate.locator('textarea[name="comment"]').fill('处理及时，谢谢');
    await rate.locator('[data-action="rate"]').click();
    await resident.locator(`.case-panel[data-case-id="${id}"] [data-rated]`).waitFor({ timeout: 10_000 });
    expect((await caseRow(id)).status).toBe('RATED');

    // The timeline, on the resident's page, with the readable number: every step, in Chinese.
    await residentPanel.locator('.timeline__item[data-type="RATED"]').waitFor({ timeout: 10_000 });
    expect(await residentPanel.locator('.case-panel__number').textContent()).toBe(number);
    const steps = await residentPanel.locator('.timeline__item').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')));
    expect(steps).toEqual(['REPORTED', 'FILED', 'DISPATCHED', 'STARTED', 'HANDLED', 'CLOSED', 'RATED']);
    const words = await residentPanel.locator('.timeline__what').allTextContents();
    expect(words).toEqual(['上报', '立案', '派遣', '开始处置', '处置反馈', '核查结案', '评价']);
    expect(await residentPanel.textContent()).not.toContain(id);
    mkdirSync(ARTIFACTS, { recursive: true });
    await resident.screenshot({ path: join(ARTIFACTS, 'case-loop-rated.png') });
    expect(e2e.consoleErrors).toEqual([]);
  }, 180_000);
  it('offers the home as the place, checked, when it arrives after the form opened', async () => {
    // The resident's page lists their cases and knows their home from one query, and the report button is there before
    // it answers: a home that arrived after the form opened was offered unchecked, and the form asked for a point.
    const home = await firstHome(e2e);
    await e2e.user({ login: 'late-home-resident', displayName: '李大爷', role: 'RESIDENT', residentId: home.residentId });
    let answer = () => {};
    const held = new Promise<void>((ok) => (answer = ok));
    const page = await signedInTo(e2e, 'late-home-resident', '[data-list="own-cases"] [role="status"]', (tab) =>
      tab.route('**/graphql', async (route) => {
        if (route.request().postData()?.includes('query OwnCases')) await held;
        await route.continue();
      }),
    );
    await page.locator('[data-action="report-case"]').click();
    const form = page.locator('[data-form="report-case"]');
    expect(await form.locator('input[name="where"][value="map"]').isChecked()).toBe(true);
    answer();
    await form.locator('input[name="where"][value="home"]:checked').waitFor({ timeout: 15_000 });
    expect(await form.locator('input[name="where"][value="map"]').isChecked()).toBe(false);
  });
});
