import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { jwtSecret } from '../api/src/platform/config';
import { signLink } from '../api/src/platform/identity/signed-link';
import { ARTIFACTS, firstHome, reportCase, signedInTo, SMALL_CODE, startE2e, type E2e } from './support';

interface Labelled {
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}
declare const document: {
  body: { innerText: string };
  querySelectorAll(selector: string): Iterable<Labelled>;
};

// Every screen in Chinese, walked as its users see it — the sign-in and sign-up pages, the wall with a case open, the leader's
// tabs, the resident's page, the helper's, a department's inbox, the admin console's tabs, a
// public posts board, the echo wall and a work unit's rating page — and every visible text and every label a screen reader
// says (title, aria-label, placeholder) checked: no raw enum value (ENVIRONMENT, IN_PROGRESS), no
// English word, no untranslated i18n key (case.system.x). The data typed by people (names,
// descriptions) in this fixture is Chinese, so any Latin word on a page came from the code.

/**
 * Latin words a Chinese screen may show, each for a reason: the attribution of the map library
 * (its licence asks for it), the units, paper sizes and marks that Chinese text writes in Latin letters, and
 * the language switch, which names the other language in that language.
 */
const ALLOWED = new Set(['MapLibre', 'QR', 'A4', 'km', 'm', 'px', 'English']);
/** A Latin word (digits, dashes and dots inside it kept: e2e-admin is one word), or a capital standing alone (a raw code). */
const LATIN = /[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|\b[A-Z]\b/g;
/** Web addresses shown to be copied or printed (a posts board's own link). */
const URL_TEXT = /https?:\/\/\S+/g;

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 120_000);
afterEach(() => e2e?.closePages());
afterAll(() => e2e?.close());

/** The Latin words on the page outside the allowed ones, each with where it stood (a line of text or an attribute). */
async function latinOn(page: Page): Promise<string[]> {
  const { text, labels } = await page.evaluate(() => {
    const attrs: string[] = [];
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      for (const el of document.querySelectorAll(`[${name}]`)) {
        // The map canvas's own controls are the library's (their titles are set through its locale, checked on the page text).
        if (el.closest('.maplibregl-ctrl-attrib')) continue;
        const v = el.getAttribute(name);
        if (v) attrs.push(v);
      }
    }
    return { text: document.body.innerText, labels: attrs };
  });
  const found: string[] = [];
  for (const line of [...text.split('\n'), ...labels]) {
    // Case numbers, grid codes, dates, hashes and e-mail-less logins are digits; the logins of the fixture accounts are the people's own.
    const words = (line.replace(URL_TEXT, '').match(LATIN) ?? []).filter((w) => !ALLOWED.has(w) && !LOGINS.has(w));
    if (words.length) found.push(`${words.join(', ')}  ←  ${line.trim().slice(0, 120)}`);
  }
  return [...new Set(found)];
}

/** The logins these tests create: a person's chosen account name, not the app's words. */
const LOGINS = new Set(['e2e-admin', 'e2e-operator', 'e2e-leader', 'walk-resident', 'walk-volunteer', 'walk-staff']);

/** Clicks each tab (buttons with data-tab) in turn and collects the Latin words of each view. */
async function walkTabs(page: Page, screen: string, tabs: string): Promise<string[]> {
  const found: string[] = [];
  const count = await page.locator(tabs).count();
  for (let i = 0; i < count; i++) {
    const tab = page.locator(tabs).nth(i);
    const name = (await tab.getAttribute('data-tab')) ?? String(i);
    await tab.click();
    await page.waitForTimeout(600);
    await page
      .locator('[role="status"]')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    found.push(...(await latinOn(page)).map((f) => `${screen}/${name}: ${f}`));
  }
  return found;
}

async function screenshotOnFailure(page: Page, name: string, found: string[]) {
  if (!found.length) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `i18n-${name}.png`), fullPage: true }).catch(() => undefined);
}

describe('the Chinese UI has no raw enum or English (e2e, Chromium)', () => {
  // Long: every screen in turn (the wall's time panel and filter included); 240 s leaves room on a loaded machine.
  it('walks every screen with data on it', async () => {
    const home = await firstHome(e2e);
    const { token: resident } = await e2e.user({
      login: 'walk-resident',
      displayName: '王阿姨',
      role: 'RESIDENT',
      residentId: home.residentId,
    });
    await e2e.user({ login: 'walk-volunteer', displayName: '志愿者小陈', role: 'VOLUNTEER', residentId: home.residentId });
    await e2e.user({ login: 'walk-staff', displayName: '城管队员', role: 'DEPARTMENT_STAFF', departmentCode: 'CGZD' });

    // A case the resident reported, taken through the loop and rated unsatisfied: the rule sends it back
    // as the system, so timelines show every kind of step, the system's included.
    const [{ lng, lat }] = await e2e.db.dataSource.query(
      `SELECT ST_X(b.centroid) AS lng, ST_Y(b.centroid) AS lat FROM building b JOIN household h ON h.building_id = b.id WHERE h.id = $1`,
      [home.householdId],
    );
    const step = async (token: string | null, call: string, c: { id: string; version: number }) => {
      const q = `mutation ($id: ID!, $v: Int!) { c: ${call.replace('(', '(id: $id, version: $v, ')} { id version } }`;
      const vars = { id: c.id, v: c.version };
      const res = token ? await e2e.apiAs<{ c: typeof c }>(token, q, vars) : await e2e.api<{ c: typeof c }>(q, vars);
      return res.c;
    };
    const reported = await e2e.apiAs<{ reportCase: { case: { id: string; version: number } } }>(
      resident,
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
      { input: { clientKey: `walk-${Date.now()}`, category: 'ENVIRONMENT', source: 'RESIDENT', lng, lat, description: '楼道堆放杂物' } },
    );
    let c = reported.reportCase.case;
    c = await step(null, 'fileCase(actor: { role: COMMAND_CENTRE, name: "x" })', c);
    const [dept] = await e2e.db.dataSource.query(`SELECT id FROM department WHERE code = 'CGZD'`);
    c = await step(null, `dispatchCase(departmentId: "${dept.id}", actor: { role: COMMAND_CENTRE, name: "x" })`, c);
    c = await step(null, 'startCase(actor: { role: DEPARTMENT, name: "x" })', c);
    c = await step(null, 'handleCase(feedback: "已清理", actor: { role: DEPARTMENT, name: "x" })', c);
    c = await step(null, 'closeCase(actor: { role: COMMAND_CENTRE, name: "x" })', c);
    c = await step(resident, 'rateCase(rating: 2, comment: "没有清干净")', c);
    // Another, open and overdue-free, in the leader's grid.
    await reportCase(e2e, { clientKey: `walk-open-${Date.now()}`, category: 'PROPERTY', lng, lat, description: '电梯异响' });

    // 宣传 in the leader's grid: a pinned notice, a deed published with consent, a clinic the resident signed up for.
    await e2e.api(`mutation ($input: NoticeInput!) { createNotice(input: $input) { id } }`, {
      input: { gridId: e2e.smallGridId, title: '停水通知', body: '周六停水', status: 'PUBLISHED', isPublic: true, lng, lat },
    });
    await e2e.api(`mutation ($input: DeedInput!) { createExemplaryDeed(input: $input) { id } }`, {
      input: {
        gridId: e2e.smallGridId,
        personName: '网格员老张',
        personKind: 'GRID_WORKER',
        title: '雨夜巡查',
        story: '暴雨中排查隐患',
        consentGiven: true,
        status: 'PUBLISHED',
      },
    });
    const clinicStart = new Date(Date.now() + 86_400_000);
    const clinic = await e2e.api<{ createCommunityActivity: { id: string } }>(
      `mutation ($input: CommunityActivityInput!) { createCommunityActivity(input: $input) { id } }`,
      {
        input: {
          gridId: e2e.smallGridId,
          kind: 'FREE_CLINIC',
          title: '义诊',
          place: '楼下',
          startsAt: clinicStart.toISOString(),
          endsAt: new Date(clinicStart.getTime() + 7_200_000).toISOString(),
          capacity: 10,
          status: 'PUBLISHED',
        },
      },
    );
    await e2e.apiAs(resident, `mutation ($id: ID!) { signUpForCommunityActivity(activityId: $id) { activityId } }`, {
      id: clinic.createCommunityActivity.id,
    });

    const found: string[] = [];

    // The command centre's wall, with the case's panel open (status, timeline, actions).
    const wall = await signedInTo(e2e, 'e2e-operator', '.map[data-state="ready"]');
    const search = wall.locator('.search input');
    await search.fill(c.id);
    await search.press('Enter');
    await wall.locator(`.case-panel[data-case-id="${c.id}"] .timeline__item[data-type="RETURNED"]`).waitFor({ timeout: 15_000 });
    found.push(...(await latinOn(wall)).map((f) => `wall: ${f}`));
    // The ranking (考核排名), a community's score explained input by input.
    await wall.locator('[data-action="assessment"]').click();
    await wall.locator('[data-panel="assessment"] .assessment__row').first().click({ timeout: 15_000 });
    await wall.locator('[data-panel="assessment"] .assessment__explain tr[data-input]').first().waitFor({ timeout: 15_000 });
    found.push(...(await latinOn(wall)).map((f) => `wall ranking: ${f}`));
    // 时间回放 (the heatmap's slider and playback), the statistics and sparklines, and the overdue filter's chip.
    await wall.locator('[data-action="timeline"]').click();
    await wall.locator('.time-panel[data-state="ready"]').waitFor({ timeout: 15_000 });
    await wall.locator('.wall-stats[data-state="ready"]').waitFor({ timeout: 15_000 });
    await wall.locator('button.kpi[data-kpi="overdue"]').click();
    await wall.locator('.filter-chip').waitFor();
    found.push(...(await latinOn(wall)).map((f) => `wall time: ${f}`));
    await screenshotOnFailure(wall, 'wall', found);

    // The grid leader's workspace, tab by tab.
    const leader = await signedInTo(e2e, 'e2e-leader', '.map[data-state="ready"]');
    found.push(...(await walkTabs(leader, 'leader', '[role="tab"][data-tab]')));

    // The resident's page with their case open.
    const res = await signedInTo(e2e, 'walk-resident', '[data-list="own-cases"]');
    await res.locator(`[data-case-id="${c.id}"] [data-action="open-case"]`).click();
    await res.locator('.case-panel .timeline__item').first().waitFor({ timeout: 15_000 });
    found.push(...(await latinOn(res)).map((f) => `resident: ${f}`));

    // The helper's page, the department's inbox.
    const helper = await signedInTo(e2e, 'walk-volunteer', '.app[data-screen="helper"] .app__main');
    await helper.waitForTimeout(1_000);
    found.push(...(await latinOn(helper)).map((f) => `helper: ${f}`));
    const staff = await signedInTo(e2e, 'walk-staff', '.app[data-screen="department"] .app__main');
    await staff.waitForTimeout(1_000);
    found.push(...(await latinOn(staff)).map((f) => `department: ${f}`));

    // The admin console, tab by tab.
    const admin = await signedInTo(e2e, 'e2e-admin', '.map[data-state="ready"]');
    await admin.locator('[data-action="console"]').click();
    found.push(...(await walkTabs(admin, 'console', '.console__tabs [data-tab]')));

    // Signed out: the sign-in page and the invitation sign-up.
    const door = await e2e.newPage();
    await door.goto(e2e.origin);
    await door.waitForSelector('input[name="login"]', { timeout: 30_000 });
    found.push(...(await latinOn(door)).map((f) => `sign-in: ${f}`));
    await door.locator('[data-action="sign-up"]').click();
    await door.waitForSelector('[data-form="sign-up"]');
    found.push(...(await latinOn(door)).map((f) => `sign-up: ${f}`));

    // The public pages: a posts board and the echo wall, signed out.
    const board = await e2e.newPage();
    await board.goto(`${e2e.origin}/p/${SMALL_CODE}`);
    await board.waitForSelector('.app[data-screen="posts"] h1, .app[data-screen="posts"] h2', { timeout: 30_000 });
    await board.waitForTimeout(1_000);
    found.push(...(await latinOn(board)).map((f) => `posts: ${f}`));
    const echo = await e2e.newPage();
    await echo.goto(`${e2e.origin}/echo?community=${SMALL_CODE.slice(0, 12)}`);
    await echo.waitForSelector('.app[data-screen="echo"]', { timeout: 30_000 });
    await echo.waitForTimeout(1_000);
    found.push(...(await latinOn(echo)).map((f) => `echo: ${f}`));
    // A work unit's rating page (双评议), from its signed link: a unit and one member of it.
    const [{ id: communityId }] = await e2e.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [SMALL_CODE.slice(0, 12)]);
    const [{ id: unitId }] = await e2e.db.dataSource.query(
      `INSERT INTO service_registration (kind, name, unit_name, community_id, location, skills, radius_m, weekly_capacity, active)
       VALUES ('UNIT', '区税务局', '区税务局', $1, ST_SetSRID(ST_MakePoint(120.103, 30.253), 4326), '{}', 1000, 0, false) RETURNING id`,
      [communityId],
    );
    await e2e.db.dataSource.query(
      `INSERT INTO service_registration (kind, name, unit_id, community_id, location, skills, radius_m, weekly_capacity, active)
       VALUES ('MEMBER', '王党员', $2, $1, ST_SetSRID(ST_MakePoint(120.103, 30.253), 4326), '{}', 1000, 0, false)`,
      [communityId, unitId],
    );
    const unitPage = await e2e.newPage();
    const token = signLink(jwtSecret(), 'unit-evaluation', [unitId, '2026-11'], new Date(Date.now() + 3_600_000));
    await unitPage.goto(`${e2e.origin}/unit-evaluation#${token}`);
    await unitPage.waitForSelector('.unit__member', { timeout: 30_000 });
    found.push(...(await latinOn(unitPage)).map((f) => `unit-evaluation: ${f}`));

    expect(found).toEqual([]);
  }, 240_000);
});
