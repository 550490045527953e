import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS,
  clearServices,
  clickAt,
  confirmedTapTask,
  firstHome,
  LEADER_POINT,
  mapIdle,
  outsideOrigin,
  PNG_1PX,
  postRadioWish,
  raiseTapNeed,
  registerVolunteer,
  reportCase,
  SMALL_POINT,
  startE2e,
  teamActivity,
  type E2e,
  type Home,
  type MapHost,
  type PageDocument,
} from './support';

declare const document: PageDocument;

// The grid leader's workspace (e2e-leader, the first small grid): the map on their grid, a case reported by clicking
// the map and carried to handled (its extension approved on the wall screen), their lists on a phone; the services tab
// (the matcher, wishes to review, the resources list, a visit); and the community's leader (e2e-community): teams,
// attendance and the month's evaluation sheet. Each test opens its own pages and starts from no service data at all.
describe("the leader's workspace (e2e, Chromium)", () => {
  let e2e: E2e;
  let home: Home;
  /** 志愿者小李, living in `home`: the volunteer the leaders' matcher and sheet are about. */
  let volunteer: string;

  beforeAll(async () => {
    e2e = await startE2e();
    // An open case in the leader's grid, reported through the API: in the leader's list from the start.
    await reportCase(e2e, {
      clientKey: `e2e-${Date.now()}`,
      category: 'ENVIRONMENT',
      lng: SMALL_POINT.lng,
      lat: SMALL_POINT.lat,
      description: '楼道堆放杂物（e2e）',
    });
    home = await firstHome(e2e);
    ({ token: volunteer } = await e2e.user({
      login: 'e2e-volunteer',
      displayName: '志愿者小李',
      role: 'VOLUNTEER',
      residentId: home.residentId,
    }));
    await e2e.user({ login: 'e2e-community', displayName: '社区书记', role: 'GRID_LEADER', gridIds: [home.communityId] });
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

  it('signs a grid leader in on their own grid, with the cases of that grid in their list', async () => {
    const { smallBox } = e2e;
    const leader = await e2e.signedIn('e2e-leader');
    // The map opens on the leader's small grid: centred on it, zoomed in to it.
    const view = await leader.evaluate(() => {
      const map = (globalThis as unknown as MapHost).__streetgridMap;
      return { centre: map.getCenter(), zoom: map.getZoom() };
    });
    expect(view.centre.lng).toBeCloseTo((smallBox.x0 + smallBox.x1) / 2, 4);
    expect(view.centre.lat).toBeCloseTo((smallBox.y0 + smallBox.y1) / 2, 4);
    expect(view.zoom).toBeGreaterThan(14);
    // The case the API reported in this grid is in the leader's list.
    await leader.locator('.case-list__item').first().waitFor({ timeout: 15_000 });
  });

  it(
    'the leader reports a case by clicking the map, accepts it, requests an extension (approved on the wall screen) ' +
      'and handles it with a photo',
    async () => {
      // An open case of the same category ~25 m away: the form shows it as a possible duplicate before submitting.
      const nearby = await reportCase(e2e, {
        clientKey: `e2e-near-${Date.now()}`,
        category: 'PUBLIC_FACILITY',
        lng: LEADER_POINT.lng,
        lat: LEADER_POINT.lat + 0.000225,
        description: '路灯闪烁（e2e）',
      });
      const [{ number: nearbyNumber }] = await e2e.db.dataSource.query(`SELECT number FROM "case" WHERE id = $1`, [nearby.id]);
      const wall = await e2e.signedIn('e2e-operator');
      const leader = await e2e.signedIn('e2e-leader');
      await clickAt(leader, LEADER_POINT);
      const form = leader.locator('.report-form');
      await form.waitFor();
      await leader.waitForFunction(
        () => (document.querySelector('.report-form select') as { options?: { length: number } } | null)?.options?.length,
      );
      await form.locator('select[name="category"]').selectOption('PUBLIC_FACILITY');
      await form.locator('select[name="priority"]').selectOption('HIGH');
      const duplicates = form.locator('.report-form__duplicates');
      await duplicates.waitFor({ timeout: 10_000 });
      expect(await duplicates.locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-case-number')))).toEqual([nearbyNumber]);
      await form.locator('textarea[name="description"]').fill('路灯不亮（网格巡查 e2e）');
      await form.locator('button[type="submit"]').click();
      const panel = leader.locator('.case-panel');
      await panel.locator('.status-chip[data-status="REPORTED"]').waitFor({ timeout: 10_000 });
      const id = await panel.getAttribute('data-case-id');
      const [reported] = await e2e.db.dataSource.query(`SELECT priority, source, category FROM "case" WHERE id = $1`, [id]);
      expect(reported).toEqual({ priority: 'HIGH', source: 'GRID_PATROL', category: 'PUBLIC_FACILITY' });
      await panel.locator('[data-action="accept"]').click();
      await panel.locator('.status-chip[data-status="IN_PROGRESS"]').waitFor({ timeout: 10_000 });
      // The leader asks for more time; the command centre approves it on the wall screen.
      await panel.locator('.case-actions__extend summary').click();
      await panel.locator('.case-actions__extend input:not([type="number"])').fill('需要采购灯具');
      await panel.locator('[data-action="extend"]').click();
      await panel.locator('.case-actions__pending').waitFor({ timeout: 10_000 });
      const search = wall.locator('.search input');
      await search.fill(id!);
      await search.press('Enter');
      const review = wall.locator(`.case-panel[data-case-id="${id}"] .extension-review`);
      await review.waitFor({ timeout: 10_000 });
      expect(await review.textContent()).toContain('需要采购灯具');
      await review.locator('[data-action="approve-extension"]').click();
      await wall.locator(`.case-panel[data-case-id="${id}"] .timeline__item[data-type="EXTENDED"]`).waitFor({ timeout: 10_000 });
      await panel.locator('.timeline__item[data-type="EXTENDED"]').waitFor({ timeout: 10_000 });
      await panel.locator('textarea[name="feedback"]').fill('已更换灯泡');
      // A photo from the file input (the phone camera on a phone), shown as a thumbnail once handled.
      await panel
        .locator('input[name="photo"]')
        .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
      await panel.locator('[data-action="handle"]').click();
      await panel.locator('.timeline__item[data-type="HANDLED"]').waitFor({ timeout: 10_000 });
      await panel.locator('.case-photos__thumb').waitFor({ timeout: 10_000 });
      expect(await panel.locator('.case-photos__thumb').getAttribute('src')).toMatch(/^blob:/);
      await panel.locator('.status-chip[data-status="HANDLED"]').waitFor();
      expect(await panel.locator('.timeline__item').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')))).toEqual([
        'REPORTED',
        'FILED',
        'DISPATCHED',
        'STARTED',
        'EXTENSION_REQUESTED',
        'EXTENDED',
        'HANDLED',
      ]);
      // The wall screen saw the leader's case live too.
      await wall.waitForFunction(
        (id) => [...document.querySelectorAll('.feed__item')].some((e) => e.textContent?.includes('路灯不亮')) && !!id,
        id,
        { timeout: 10_000 },
      );
      await mapIdle(leader);
      mkdirSync(ARTIFACTS, { recursive: true });
      await leader.screenshot({ path: join(ARTIFACTS, 'leader.png') });
    },
  );

  it('works on a phone: lists households by tag and residents; the services tab loads without error', async () => {
    const leader = await e2e.signedIn('e2e-leader');
    // A case open in the panel when the screen becomes a phone's.
    await leader.locator('.case-list__item').first().click();
    const panel = leader.locator('.case-panel');
    await panel.locator('.timeline__item').first().waitFor({ timeout: 10_000 });
    await leader.setViewportSize({ width: 390, height: 844 });
    await panel.locator('button', { hasText: /关闭|Close/ }).click();
    await leader.locator('.workspace__cases').waitFor();
    expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The leader's lists: households of their grid (two, one tagged 独居老人), filtered by tag; residents.
    await leader.locator('[role="tab"][data-tab="households"]').click();
    const households = leader.locator('.tabs__panel[data-tab="households"] .entity-list__item');
    await households.first().waitFor({ timeout: 10_000 });
    expect(await households.count()).toBe(2);
    await leader.locator('.tabs__panel select[name="tag"]').selectOption('ELDERLY_ALONE');
    await leader.waitForFunction(() => [...document.querySelectorAll('.tabs__panel .entity-list__item')].length === 1, undefined, {
      timeout: 10_000,
    });
    expect(await leader.locator('.tabs__panel .tag-chip').first().textContent()).toBe('独居老人');
    expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await leader.locator('[role="tab"][data-tab="residents"]').click();
    await leader.locator('.tabs__panel[data-tab="residents"] .entity-list__item').first().waitFor({ timeout: 10_000 });
    expect(await leader.locator('.tabs__panel[data-tab="residents"] .entity-list__item').count()).toBe(4);
    // The services tab: needs, proposals and visits load from the API without error.
    await leader.locator('[role="tab"][data-tab="services"]').click();
    await leader.waitForFunction(
      () => {
        const panel = document.querySelector('.tabs__panel[data-tab="services"]');
        return (
          !!document.querySelector('.tabs__panel[data-tab="services"] [data-list="visits"]') && !panel?.textContent?.includes('正在加载')
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await leader.locator('.tabs__panel[data-tab="services"] [role="alert"]').count()).toBe(0);
    await leader.locator('[role="tab"][data-tab="cases"]').click();
    await leader.locator('.workspace__cases').waitFor();
    await mapIdle(leader);
    mkdirSync(ARTIFACTS, { recursive: true });
    await leader.screenshot({ path: join(ARTIFACTS, 'leader-phone.png') });
  });

  it(
    "matches a need in the leader's services tab: runs the matcher and confirms the proposal; publishes a wish, " +
      'which the wall screen counts live; lists the volunteer among the resources',
    async () => {
      // 志愿者小李's registration (双报到), a need in the leader's grid, a wish to review.
      const reg = await registerVolunteer(e2e, volunteer);
      await raiseTapNeed(e2e, home);
      const postWish = await postRadioWish(e2e, home);
      const wall = await e2e.signedIn('e2e-operator');
      // The leader runs the matcher, confirms the proposal and publishes the wish in their workspace's services tab.
      const leader = await e2e.signedIn('e2e-leader');
      await leader.locator('[role="tab"][data-tab="services"]').click();
      await leader.locator('[data-action="propose-matches"]').click();
      const proposalRow = leader.locator('[data-list="proposals"] [data-match-id]');
      await proposalRow.first().waitFor({ timeout: 15_000 });
      const [proposal]: { id: string }[] = await e2e.db.dataSource.query(
        `SELECT id FROM service_match WHERE registration_id = $1 AND status = 'PROPOSED'`,
        [reg],
      );
      expect(proposal).toBeDefined();
      const row = leader.locator(`[data-list="proposals"] [data-match-id="${proposal.id}"]`);
      expect(await row.textContent()).toContain('志愿者小李');
      // Helper → need lines only for the selection: none at first, this helper's after 在地图上连线.
      const matchFilter = () =>
        leader.evaluate(() =>
          JSON.stringify(
            (globalThis as unknown as { __streetgridMap: { getFilter(layer: string): unknown } }).__streetgridMap.getFilter(
              'service-matches',
            ),
          ),
        );
      expect(await matchFilter()).not.toContain(proposal.id);
      await row.locator('[data-action="helper-lines"]').click();
      await leader.waitForFunction(
        (id) =>
          JSON.stringify(
            (globalThis as unknown as { __streetgridMap: { getFilter(layer: string): unknown } }).__streetgridMap.getFilter(
              'service-matches',
            ),
          ).includes(id),
        proposal.id,
        { timeout: 5_000 },
      );
      await row.locator('[data-action="confirm-match"]').click();
      await leader.waitForFunction((id) => !document.querySelector(`[data-list="proposals"] [data-match-id="${id}"]`), proposal.id, {
        timeout: 10_000,
      });
      const [{ status: confirmed }] = await e2e.db.dataSource.query(`SELECT status FROM service_match WHERE id = $1`, [proposal.id]);
      expect(confirmed).toBe('CONFIRMED');
      // The wall reads the service layers once one is switched on: the open wishes, with their count.
      const WISH_SWITCH = '.service-toggles [data-layer="OPEN_WISH"]';
      const WISH_COUNT = `${WISH_SWITCH} .service-toggles__count`;
      await wall.locator(WISH_SWITCH).click();
      const wishesBefore = Number(await wall.locator(WISH_COUNT).textContent());
      const pending = leader.locator(`[data-list="wishes-to-review"] [data-wish-id="${postWish.id}"]`);
      await pending.locator('[data-action="publish-wish"]').click();
      await leader.waitForFunction((id) => !document.querySelector(`[data-list="wishes-to-review"] [data-wish-id="${id}"]`), postWish.id, {
        timeout: 10_000,
      });
      // The wall screen counts the newly published wish from the live service feed (its poll is a minute).
      await wall.waitForFunction(
        ({ selector, n }) => Number(document.querySelector(selector)?.textContent) === n + 1,
        { selector: WISH_COUNT, n: wishesBefore },
        { timeout: 10_000 },
      );
      // Off again: the switches are kept for the operator's next visit.
      await wall.locator(WISH_SWITCH).click();
      expect(await leader.locator('[data-list="resources"] [data-registration-id="' + reg + '"]').count()).toBe(1);
    },
  );

  it("records a visit from the leader's visits list, with a need found there going onto the needs list", async () => {
    const leader = await e2e.signedIn('e2e-leader');
    await leader.locator('[role="tab"][data-tab="services"]').click();
    const due = leader.locator('[data-list="visits"] [data-household-id]').first();
    await due.waitFor({ timeout: 10_000 });
    const visitedHousehold = await due.getAttribute('data-household-id');
    await due.locator('[data-action="record-visit"]').click();
    const visitForm = due.locator('[data-form="visit"]');
    await visitForm.locator('[data-action="save-visit"]').click();
    expect(await visitForm.locator('[role="alert"]').getAttribute('data-field-at-fault')).toBe('input.findings');
    await visitForm.locator('textarea[name="findings"]').fill('老人身体尚可，需要有人陪同就医（e2e）');
    await visitForm.locator('input[name="raise-need"]').check();
    await visitForm.locator('select[name="need-type"]').selectOption('MEDICAL');
    await visitForm.locator('[data-action="save-visit"]').click();
    await leader.waitForFunction(() => !document.querySelector('[data-form="visit"]'), undefined, { timeout: 10_000 });
    const [visit] = await e2e.db.dataSource.query(
      `SELECT v.findings,
              (SELECT count(*)::int FROM service_need n WHERE n.visit_id = v.id AND n.type = 'MEDICAL' AND n.status = 'OPEN') AS needs
         FROM household_visit v WHERE v.household_id = $1 ORDER BY v.visited_at DESC LIMIT 1`,
      [visitedHousehold],
    );
    expect(visit).toEqual({ findings: '老人身体尚可，需要有人陪同就医（e2e）', needs: 1 });
  });

  it(
    "the community's leader creates a team, records the volunteer's attendance at its activity and downloads the month's " +
      'evaluation sheet with the hours of the task and the activity',
    async () => {
      // 志愿者小李 did a task this month (1.5 h) and signed up for a team activity of the community.
      const reg = await registerVolunteer(e2e, volunteer);
      const task = await confirmedTapTask(e2e, home, reg);
      const { acceptMatch } = await e2e.apiAs<{ acceptMatch: { version: number } }>(
        volunteer,
        `mutation ($id: ID!, $v: Int!, $r: ID!) { acceptMatch(id: $id, version: $v, registrationId: $r) { version } }`,
        { id: task.id, v: task.version, r: reg },
      );
      await e2e.apiAs(volunteer, `mutation ($id: ID!, $v: Int!) { completeMatch(id: $id, version: $v, hours: 1.5) { status } }`, {
        id: task.id,
        v: acceptMatch.version,
      });
      const activity = await teamActivity(e2e, home);
      await e2e.apiAs(volunteer, `mutation ($x: ID!, $r: ID!) { signUpForActivity(activityId: $x, registrationId: $r) { activityId } }`, {
        x: activity,
        r: reg,
      });

      const community = await e2e.signedIn('e2e-community');
      await community.locator('[role="tab"][data-tab="services"]').click();
      // The community's teams: a new team, and the volunteer's attendance at the activity (2 more hours).
      const teams = community.locator(`[data-list="teams"][data-community-id="${home.communityId}"]`);
      await teams.waitFor({ timeout: 15_000 });
      await teams.locator('input[name="team-name"]').fill('文体服务队（e2e）');
      await teams.locator('select[name="team-kind"]').selectOption('CULTURE_SPORT');
      await teams.locator('[data-action="create-team"]').click();
      await community.waitForFunction(
        () => document.querySelector('[data-list="teams"]')?.textContent?.includes('文体服务队（e2e）'),
        undefined,
        { timeout: 10_000 },
      );
      const attendee = teams.locator(`[data-activity-id="${activity}"] [data-registration-id="${reg}"]`);
      await attendee.locator('input[name="attendance-hours"]').fill('2');
      await attendee.locator('[data-action="attended"]').click();
      await community
        .locator(`[data-activity-id="${activity}"] [data-registration-id="${reg}"][data-attended="true"]`)
        .waitFor({ timeout: 10_000 });
      const exportButton = community.locator(`[data-action="export-evaluations"][data-community-id="${home.communityId}"]`);
      await exportButton.waitFor({ timeout: 15_000 });
      const [download] = await Promise.all([community.waitForEvent('download'), exportButton.click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const line = csv.split('\r\n').find((l) => l.includes('志愿者小李'));
      expect(line).toContain('3.5'); // 1.5 h on the task + 2 h at the activity
    },
  );

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
