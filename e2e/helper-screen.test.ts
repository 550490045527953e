import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS,
  clearServices,
  clickAt,
  confirmedTapTask,
  firstHome,
  LEADER_POINT,
  outsideOrigin,
  PNG_1PX,
  publishedRadioWish,
  registerVolunteer,
  startE2e,
  teamActivity,
  type E2e,
  type Home,
  type MapHost,
  type PageDocument,
} from './support';

declare const document: PageDocument;

// The helper's screen (志愿服务工作台) of 志愿者小李 (e2e-volunteer, who lives in the first household of the leader's
// grid): registering (双报到), a task confirmed by the leader (accept, then done with the hours), a wish nearby (claim,
// then fulfil with a note and a photo), a team activity (sign up). Each test starts from no service data at all and
// makes through the API what the leaders would have done.
describe("the helper's screen (e2e, Chromium)", () => {
  let e2e: E2e;
  let home: Home;
  /** 志愿者小李's bearer token, for the steps a test only needs done. */
  let volunteer: string;

  beforeAll(async () => {
    e2e = await startE2e();
    home = await firstHome(e2e);
    ({ token: volunteer } = await e2e.user({
      login: 'e2e-volunteer',
      displayName: '志愿者小李',
      role: 'VOLUNTEER',
      residentId: home.residentId,
    }));
  });

  beforeEach(async () => {
    await clearServices(e2e);
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('registers a volunteer on the helper screen (双报到), starting from a point clicked on the map', async () => {
    // Starting from a point clicked on the map rather than their home (so the task line to a household in need has a length).
    const helper = await e2e.signedIn('e2e-volunteer');
    expect(await helper.locator('.app__title').textContent()).toBe('志愿服务工作台');
    const form = helper.locator('[data-list="register"]');
    await form.waitFor({ timeout: 15_000 });
    await form.locator('[data-action="register"]').click();
    expect(await form.locator('[role="alert"]').getAttribute('data-field-at-fault')).toBe('input.skills');
    await form.locator('input[name="skill"][value="REPAIR"]').check();
    await form.locator('[data-window="0"] select').selectOption('2');
    await form.locator('[data-window="0"] input[type="time"]').first().fill('09:00');
    await form.locator('[data-window="0"] input[type="time"]').last().fill('11:00');
    await form.locator('input[name="radiusM"]').fill('3000');
    await form.locator('input[name="weeklyCapacity"]').fill('3');
    await clickAt(helper, LEADER_POINT);
    await helper.waitForFunction(
      () => document.querySelector('[data-list="register"] [data-field="start"]')?.textContent?.match(/120\.103\d+.*30\.253\d+/),
      undefined,
      { timeout: 5_000 },
    );
    await form.locator('[data-action="register"]').click();
    await helper.locator('[data-list="registration"]').waitFor({ timeout: 10_000 });
    const [reg]: { id: string }[] = await e2e.db.dataSource.query(
      `SELECT r.id FROM service_registration r JOIN app_user u ON u.id = r.user_id
        WHERE u.login = 'e2e-volunteer' AND r.community_id = $1 AND r.skills = '{REPAIR}' AND r.radius_m = 3000
          AND r.weekly_capacity = 3 AND ST_DWithin(r.location, ST_SetSRID(ST_MakePoint($2, $3), 4326), 0.0001)
          AND EXISTS (
            SELECT 1 FROM service_availability a
             WHERE a.registration_id = r.id AND a.weekday = 2 AND a.start_minute = 540 AND a.end_minute = 660
          )`,
      [home.communityId, LEADER_POINT.lng, LEADER_POINT.lat],
    );
    expect(reg).toBeDefined();
  });

  it('accepts the task the leader confirmed (its address, need and booked hour, its line on the map) and records its hours', async () => {
    const reg = await registerVolunteer(e2e, volunteer);
    const task = await confirmedTapTask(e2e, home, reg);
    const helper = await e2e.signedIn('e2e-volunteer');
    const row = helper.locator(`[data-list="tasks"] [data-match-id="${task.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-status')).toBe('CONFIRMED');
    expect(await row.locator('[data-field="address"]').textContent()).toContain('示例路');
    expect(await row.textContent()).toContain('水龙头漏水（e2e）');
    // Booked for an hour of the Tuesday 9–11 window the need and the helper share.
    expect(await row.locator('[data-field="when"]').textContent()).toBe('周二 09:00–10:00');
    // The line from the helper to the task is drawn on the map.
    await helper.waitForFunction(
      (id) =>
        (globalThis as unknown as MapHost).__streetgridMap
          .queryRenderedFeatures({ layers: ['service-matches'] })
          .some((f) => f.properties.matchId === id),
      task.id,
      { timeout: 15_000 },
    );
    await row.locator('[data-action="accept-match"]').click();
    await helper.locator(`[data-match-id="${task.id}"][data-status="ACCEPTED"]`).waitFor({ timeout: 10_000 });
    await row.locator('[data-action="complete-match"]').click();
    await row.locator('input[name="hours"]').fill('1.5');
    await row.locator('[data-action="send-complete"]').click();
    await helper.waitForFunction((id) => !document.querySelector(`[data-list="tasks"] [data-match-id="${id}"]`), task.id, {
      timeout: 10_000,
    });
    await helper.waitForFunction(() => document.querySelector('[data-field="hours"]')?.textContent?.includes('1.5'), undefined, {
      timeout: 10_000,
    });
    const [{ status: matchStatus, hours }] = await e2e.db.dataSource.query(
      `SELECT x.status, (SELECT sum(hours)::float8 FROM service_record WHERE match_id = x.id) AS hours
         FROM service_match x WHERE x.id = $1`,
      [task.id],
    );
    expect({ matchStatus, hours }).toEqual({ matchStatus: 'DONE', hours: 1.5 });
  });

  it('claims a published wish nearby and fulfils it with a note and a photo', async () => {
    await registerVolunteer(e2e, volunteer);
    const wish = await publishedRadioWish(e2e, home);
    const helper = await e2e.signedIn('e2e-volunteer');
    const nearby = helper.locator(`[data-list="nearby-wishes"] [data-wish-id="${wish.id}"]`);
    await nearby.waitFor({ timeout: 10_000 });
    await nearby.locator('[data-action="claim-wish"]').click();
    const mine = helper.locator(`[data-list="my-wishes"] [data-wish-id="${wish.id}"]`);
    await mine.waitFor({ timeout: 10_000 });
    expect(await mine.locator('[data-field="address"]').textContent()).toContain('示例路');
    await mine.locator('input[aria-label="完成情况"]').fill('送去了一台收音机');
    await mine
      .locator('input[type="file"]')
      .setInputFiles({ name: 'radio.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
    await mine.locator('[data-action="fulfil-wish"]').click();
    await helper.waitForFunction((id) => !document.querySelector(`[data-list="my-wishes"] [data-wish-id="${id}"]`), wish.id, {
      timeout: 10_000,
    });
    const [fulfilled] = await e2e.db.dataSource.query(
      `SELECT status, fulfil_note, photo IS NOT NULL AS "hasPhoto" FROM micro_wish WHERE id = $1`,
      [wish.id],
    );
    expect(fulfilled).toEqual({ status: 'FULFILLED', fulfil_note: '送去了一台收音机', hasPhoto: true });
  });

  it('signs up for a team activity of the community while places are left', async () => {
    await registerVolunteer(e2e, volunteer);
    const activity = await teamActivity(e2e, home);
    const helper = await e2e.signedIn('e2e-volunteer');
    const activityRow = helper.locator(`[data-list="activities"] [data-activity-id="${activity}"]`);
    await activityRow.waitFor({ timeout: 10_000 });
    expect(await activityRow.textContent()).toContain('剩余 2/2 个名额');
    await activityRow.locator('[data-action="sign-up"]').click();
    await helper.locator(`[data-activity-id="${activity}"][data-joined="true"]`).waitFor({ timeout: 10_000 });
    expect(await helper.locator(`[data-activity-id="${activity}"]`).textContent()).toContain('剩余 1/2 个名额');
    expect(await helper.locator('.workspace__side [role="alert"]').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await helper.screenshot({ path: join(ARTIFACTS, 'helper.png') });
  });

  it('sends no request outside its own origin', async () => {
    // At least the sign-in page, whatever else this file opened.
    const page = await e2e.newPage();
    await page.goto(e2e.origin);
    await page.waitForSelector('input[name="login"]', { timeout: 30_000 });
    expect(e2e.requests.length).toBeGreaterThan(0);
    // Same host and port (http for pages, tiles and GraphQL; ws for subscriptions), or data:/blob: made in the page.
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });
});
