import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS,
  clearServices,
  firstHome,
  outsideOrigin,
  publishedRadioWish,
  registerVolunteer,
  startE2e,
  submitSignIn,
  type E2e,
  type Home,
  type PageDocument,
} from './support';

declare const document: PageDocument;

// The residents' side: the echo wall (回音壁), public, without signing in; and a resident's own page (e2e-resident, the
// first household of the leader's grid): thanking the helper for a fulfilled wish, posting a wish, asking for help.
// Each test starts from no service data at all (an echo wall of this street has nothing on it).
describe('the resident’s page and the echo wall (e2e, Chromium)', () => {
  let e2e: E2e;
  let home: Home;
  /** 志愿者小李's bearer token: the helper who fulfils the household's wish. */
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
    await e2e.user({ login: 'e2e-resident', displayName: '王奶奶', role: 'RESIDENT', residentId: home.residentId });
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

  it(
    'opens the echo wall (回音壁) from the sign-in page without signing in: the communities by name, then one community’s wall; ' +
      'a QR code’s link (/echo?community=<code>) opens it directly',
    async () => {
      const { db, origin, smallGridId } = e2e;
      const communities: { code: string; name: string }[] = await db.dataSource.query(
        `SELECT code, name FROM grid WHERE level = 'LARGE' ORDER BY code`,
      );
      const [mine] = await db.dataSource.query(
        `SELECT code, name FROM grid WHERE level = 'LARGE' AND path @> (SELECT path FROM grid WHERE id = $1)`,
        [smallGridId],
      );
      const visitor = await e2e.newPage(); // a new tab: no session (it lives in sessionStorage)
      /** What the echo page says, without the language switch (which names the other language). */
      const echoText = async () => (await visitor.locator('.echo').innerText()).replace(/English/g, '');
      const settled = () =>
        visitor.waitForFunction(() => !document.querySelector('.echo')?.textContent?.includes('加载中'), undefined, { timeout: 30_000 });

      await visitor.goto(origin);
      await visitor.locator('.login__echo').click();
      await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
      expect(new URL(visitor.url()).pathname).toBe('/echo');
      expect(await visitor.locator('.echo__communities a').allTextContents()).toEqual(communities.map((c) => c.name));
      expect(await visitor.locator('input').count()).toBe(0); // no box asking for an id
      let text = await echoText();
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
      expect(text).not.toMatch(/[A-Za-z]/);

      await visitor.locator(`.echo__communities a[data-community="${mine.code}"]`).click();
      await visitor.waitForSelector(`.echo[data-community="${mine.code}"]`, { timeout: 30_000 });
      await settled();
      expect(visitor.url()).toBe(`${origin}/echo?community=${mine.code}`);
      expect(await visitor.locator('.echo__title').textContent()).toBe(`${mine.name}回音壁`);
      expect(await visitor.locator('.echo [role="alert"]').count()).toBe(0);
      text = await echoText();
      expect(text).not.toMatch(/[A-Za-z]/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);

      // Scanned from a QR code at the community's door: straight to the wall.
      await visitor.goto(`${origin}/echo?community=${mine.code}`);
      await visitor.waitForSelector(`.echo[data-community="${mine.code}"]`, { timeout: 30_000 });
      await settled();
      expect(await visitor.locator('.echo__title').textContent()).toBe(`${mine.name}回音壁`);

      // A code that is wrong says so in Chinese and offers the list.
      await visitor.goto(`${origin}/echo?community=123`);
      await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
      expect(await visitor.locator('.echo [role="alert"]').textContent()).toBe('链接中的社区编码有误，请从下面选择');
      await visitor.goto(`${origin}/echo?community=330106001999`);
      await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
      expect(await visitor.locator('.echo [role="alert"]').textContent()).toBe('没有编码为 330106001999 的社区，请从下面选择');
      expect(await visitor.locator('input[name="login"]').count()).toBe(0);
    },
  );

  it('the household thanks the helper on its own page for a fulfilled wish, and asks for more: a new wish, a need', async () => {
    // 志愿者小李 claimed the household's published wish and fulfilled it.
    const reg = await registerVolunteer(e2e, volunteer);
    const wish = await publishedRadioWish(e2e, home);
    const { claimWish } = await e2e.apiAs<{ claimWish: { version: number } }>(
      volunteer,
      `mutation ($id: ID!, $r: ID!) { claimWish(id: $id, registrationId: $r) { version } }`,
      { id: wish.id, r: reg },
    );
    await e2e.apiAs(
      volunteer,
      `mutation ($id: ID!, $v: Int!, $r: ID!) { fulfilWish(id: $id, version: $v, registrationId: $r, note: "送去了一台收音机") { id } }`,
      { id: wish.id, v: claimWish.version, r: reg },
    );

    const resident = await e2e.newPage();
    await resident.goto(e2e.origin);
    await submitSignIn(resident, 'e2e-resident');
    const fulfilled = resident.locator(`[data-list="own-wishes"] [data-wish-id="${wish.id}"][data-status="FULFILLED"]`);
    await fulfilled.waitFor({ timeout: 15_000 });
    expect(await fulfilled.textContent()).toContain('送去了一台收音机');
    await fulfilled.locator('input[name="thanks"]').fill('谢谢小李，收音机很好用');
    await fulfilled.locator('[data-action="thank-wish"]').click();
    await resident.locator(`[data-wish-id="${wish.id}"][data-status="THANKED"]`).waitFor({ timeout: 10_000 });
    const wishForm = resident.locator('[data-form="post-wish"]');
    await wishForm.locator('input[name="title"]').fill('想要一副老花镜（e2e）');
    await wishForm.locator('textarea[name="description"]').fill('看报纸看不清');
    await wishForm.locator('[data-action="post-wish"]').click();
    await resident.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-list="own-wishes"] [data-status="SUBMITTED"]')].some((e) => e.textContent?.includes('老花镜')),
      undefined,
      { timeout: 10_000 },
    );
    const needForm = resident.locator('[data-form="raise-need"]');
    const needsBefore = await resident.locator('[data-list="own-needs"] [data-need-id]').count();
    await needForm.locator('select[name="type"]').selectOption('ELDERLY_CARE');
    await needForm.locator('[data-action="raise-need"]').click();
    await resident.waitForFunction(
      (n) => [...document.querySelectorAll('[data-list="own-needs"] [data-need-id]')].length === n + 1,
      needsBefore,
      { timeout: 10_000 },
    );
    const [asked] = await e2e.db.dataSource.query(
      `SELECT (SELECT status FROM micro_wish WHERE id = $1) AS thanked,
              (SELECT count(*)::int FROM micro_wish WHERE household_id = $2 AND title = '想要一副老花镜（e2e）') AS wishes,
              (SELECT count(*)::int FROM service_need WHERE household_id = $2 AND type = 'ELDERLY_CARE' AND source = 'RESIDENT') AS needs`,
      [wish.id, home.householdId],
    );
    expect(asked).toEqual({ thanked: 'THANKED', wishes: 1, needs: 1 });
    expect(await resident.locator('[role="alert"]').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await resident.screenshot({ path: join(ARTIFACTS, 'resident.png') });
  });

  it('sends no request outside its own origin', async () => {
    // At least the echo wall, whatever else this file opened.
    const visitor = await e2e.newPage();
    await visitor.goto(`${e2e.origin}/echo`);
    await visitor.waitForSelector('.echo__communities a', { timeout: 30_000 });
    expect(e2e.requests.length).toBeGreaterThan(0);
    // Same host and port (http for pages, tiles and GraphQL; ws for subscriptions), or data:/blob: made in the page.
    expect(outsideOrigin(e2e.requests, e2e.origin)).toEqual([]);
  });
});
