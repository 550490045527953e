import type { Page } from 'playwright-core';
import { clickAt, firstHome, jumpTo, mapIdle, SMALL_CODE, SMALL_POINT, startE2e, submitSignIn, type E2e, type MapHost } from './support';

/** The page's globals a browser-side callback below uses (the e2e project has no DOM types). */
declare const document: {
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
};
declare const localStorage: { removeItem(key: string): void };

/** What the map draws of the party layer: features on each party layer, and a grid's coverage state. */
interface PartyView {
  central: string[];
  posts: string[];
  coverage: number;
  state: unknown;
}

async function partyView(page: Page, gridId: string): Promise<PartyView> {
  return page.evaluate((gridId) => {
    const map = (globalThis as unknown as MapHost).__streetgridMap as unknown as {
      queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
      getFeatureState(f: { source: string; sourceLayer: string; id: string }): Record<string, unknown>;
    };
    const names = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.name));
    return {
      central: names('party-central-households'),
      posts: names('party-service-posts'),
      coverage: map.queryRenderedFeatures({ layers: ['party-coverage'] }).length,
      state: map.getFeatureState({ source: 'grids', sourceLayer: 'grids', id: gridId }).party ?? null,
    };
  }, gridId);
}

// The wall's party layer (e2e-operator): switched on in the legend, it colours the grids by coverage and draws
// the central households and party service posts; the grid panel shows the grid's organisation and leader.
describe('wall screen: party layer (e2e, Chromium)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e();
    const home = await firstHome(e2e);
    await e2e.db.dataSource.query(`UPDATE resident SET is_party_member = true WHERE id = $1`, [home.residentId]);
    await e2e.api(`mutation ($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { id } }`, {
      input: { level: 'CENTRAL_HOUSEHOLD', householdId: home.householdId, name: '王阿姨党员中心户' },
    });
    await e2e.api(`mutation ($input: PartyServicePostInput!) { createPartyServicePost(input: $input) { id } }`, {
      input: { gridId: e2e.smallGridId, name: '红色1平米', kind: 'RED_SQUARE_METRE', ...SMALL_POINT, hours: '每天 9:00–17:00' },
    });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('toggles the party layer in the legend, draws its features, and keeps the switches after a reload', async () => {
    const page = await e2e.signedIn('e2e-operator');
    const switchOf = (layer: string) => page.locator(`.legend [data-layer="${layer}"]`);
    for (const layer of ['PARTY_COVERAGE', 'PARTY_CENTRAL', 'PARTY_POSTS'])
      expect(await switchOf(layer).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.legend [data-group="party"]').textContent()).toContain('党员中心户');

    await jumpTo(page, 15.5, [SMALL_POINT.lng, SMALL_POINT.lat]);
    const off = await partyView(page, e2e.smallGridId);
    expect(off).toMatchObject({ central: [], posts: [], coverage: 0 });

    for (const layer of ['PARTY_COVERAGE', 'PARTY_CENTRAL', 'PARTY_POSTS']) await switchOf(layer).click();
    await page.waitForFunction(() => {
      const map = (globalThis as unknown as MapHost).__streetgridMap;
      return map.queryRenderedFeatures({ layers: ['party-service-posts'] }).length > 0;
    });
    await mapIdle(page);
    const on = await partyView(page, e2e.smallGridId);
    expect(on.central).toEqual(['王阿姨党员中心户']);
    expect(on.posts).toEqual(['红色1平米']);
    expect(on.coverage).toBeGreaterThan(0);
    expect(on.state).toBe('COVERED');

    // The grid panel: the grid's organisation, secretary, leader and party members.
    await clickAt(page, SMALL_POINT);
    const facts = page.locator(`.grid-card__party[data-grid-id="${e2e.smallGridId}"]`);
    await facts.waitFor({ timeout: 10_000 });
    expect(await facts.getAttribute('data-party-status')).toBe('COVERED');
    expect(await facts.locator('[data-fact="organization"] dd').textContent()).not.toBe('暂无');
    expect(await facts.locator('[data-fact="leader"] dd').textContent()).not.toBe('暂无');
    expect(Number(await facts.locator('[data-fact="members"] dd').textContent())).toBeGreaterThanOrEqual(1);

    await page.reload();
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    for (const layer of ['PARTY_COVERAGE', 'PARTY_CENTRAL', 'PARTY_POSTS'])
      expect(await switchOf(layer).getAttribute('aria-pressed')).toBe('true');
    // Off again for the next visit.
    for (const layer of ['PARTY_COVERAGE', 'PARTY_CENTRAL', 'PARTY_POSTS']) await switchOf(layer).click();
    await e2e.closePages();
  });

  it('reads layer data only when shown (party, service, civic: switched on or opened), and 全覆盖 once', async () => {
    const page = await e2e.signedIn('e2e-operator');
    // Every GraphQL operation the page sends, by name, from a fresh load with the default switches.
    const sent: string[] = [];
    page.on('request', (request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const name = (request.postDataJSON() as { operationName?: string } | null)?.operationName;
      if (name) sent.push(name);
    });
    await page.evaluate(() => localStorage.removeItem('streetgrid.wall.layers'));
    await page.reload();
    await page.waitForSelector('.map[data-state="ready"]', { timeout: 30_000 });
    await mapIdle(page);
    // The wall's own first load did happen (the KPI band), and nothing for the layers that are off.
    await page.waitForFunction(() => document.querySelector('.kpi[data-kpi="open"] .kpi__value')?.textContent !== '');
    expect(sent).toContain('CaseKpiSeries');
    const layerData = ['PartyMap', 'ServiceMap', 'Consultations', 'Projects'];
    expect(sent.filter((name) => layerData.includes(name))).toEqual([]);
    // 全覆盖 is computed once for the coverage tile and the statistics' leader rate.
    await page.locator('.wall-stats[data-state="ready"]').waitFor({ timeout: 15_000 });
    expect(sent.filter((name) => name === 'PartyCoverage')).toEqual(['PartyCoverage']);
    // No count beside a service switch before the layer is read (not a misleading 0).
    expect(await page.locator('.service-toggles__count').count()).toBe(0);

    // A service layer switched on: the service map is read and its counts appear.
    await page.locator('.service-toggles [data-layer="OPEN_WISH"]').click();
    await page.locator('.service-toggles [data-layer="OPEN_WISH"] .service-toggles__count').waitFor({ timeout: 10_000 });
    expect(sent).toContain('ServiceMap');
    await page.locator('.service-toggles [data-layer="OPEN_WISH"]').click();
    // The civic list opened: consultations and projects are read.
    await page.locator('[data-action="civic"]').click();
    await page.locator('[data-civic="wall-list"] h3').first().waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => !document.querySelector('[data-civic="wall-list"]')?.textContent?.includes('正在加载'));
    expect(sent).toEqual(expect.arrayContaining(['Consultations', 'Projects']));
    // A grid's panel: its party facts are read with the party map.
    expect(sent).not.toContain('PartyMap');
    await jumpTo(page, 15.5, [SMALL_POINT.lng, SMALL_POINT.lat]);
    await clickAt(page, SMALL_POINT);
    const facts = page.locator(`.grid-card__party[data-grid-id="${e2e.smallGridId}"]`);
    await facts.waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      (id) => document.querySelector(`.grid-card__party[data-grid-id="${id}"]`)?.getAttribute('data-party-status') === 'COVERED',
      e2e.smallGridId,
      { timeout: 10_000 },
    );
    expect(sent).toContain('PartyMap');
    await e2e.closePages();
  });

  it('lets the street admin manage the street party committee (街道党工委) in the console like the other levels', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.origin);
    await submitSignIn(page, 'e2e-admin');
    await page.locator('[data-action="console"]').click({ timeout: 30_000 });
    await page.locator('[data-tab="organisations"]').click();
    await page.locator('[data-field="org-level"]').selectOption('STREET');
    const row = page.locator('[data-list="organisations"] tr[data-street]');
    await row.first().waitFor({ timeout: 10_000 });
    expect(await row.count()).toBe(1);
    await row.locator('[data-action="edit-org"]').click();
    await page.locator('[data-form="organisation"] [data-field="org-name"]').fill('示例街道党工委（新）');
    await page.locator('[data-form="organisation"] [data-action="save-org"]').click();
    await page.waitForFunction(() => {
      const cells = (globalThis as unknown as { document: { querySelectorAll(s: string): { textContent: string | null }[] } }).document;
      return [...cells.querySelectorAll('[data-list="organisations"] tr[data-street] td')].some((td) =>
        (td.textContent ?? '').includes('示例街道党工委（新）'),
      );
    });
    const [{ name }] = await e2e.db.dataSource.query(
      `SELECT name FROM party_organization WHERE level = 'STREET_COMMITTEE' AND dissolved_at IS NULL`,
    );
    expect(name).toBe('示例街道党工委（新）');
    await e2e.closePages();
  });

  it('lets the street admin make a central household (党员中心户) of a party member’s home in the console, and dissolve it', async () => {
    // Another home of the small grid with a party member: the console offers it, and only homes like it.
    const [[other]] = await e2e.db.dataSource.query(
      `UPDATE resident SET is_party_member = true WHERE id = (
         SELECT r.id FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
          WHERE b.grid_id = $1 AND h.id <> (SELECT household_id FROM party_organization WHERE name = '王阿姨党员中心户')
          ORDER BY h.id DESC, r.id LIMIT 1)
       RETURNING household_id AS "householdId"`,
      [e2e.smallGridId],
    );
    const page = await e2e.newPage();
    await page.goto(e2e.origin);
    await submitSignIn(page, 'e2e-admin');
    await page.locator('[data-action="console"]').click({ timeout: 30_000 });
    await page.locator('[data-tab="organisations"]').click();
    await page.locator('[data-field="org-level"]').selectOption('SMALL');
    await page.locator(`[data-list="organisations"] tr[data-grid="${SMALL_CODE}"] [data-action="central-households"]`).click();
    const form = page.locator('[data-form="central-households"]');
    // The existing one is listed; the new home is among the candidates, and a home without a party member is not.
    await form.locator('[data-central-household]').first().waitFor({ timeout: 10_000 });
    expect(await form.locator('[data-central-household]').allTextContents()).toEqual([expect.stringContaining('王阿姨党员中心户')]);
    const offered = await form
      .locator('select[data-field="central-household"] option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    const members: { id: string }[] = await e2e.db.dataSource.query(
      `SELECT DISTINCT h.id FROM household h JOIN building b ON b.id = h.building_id JOIN resident r ON r.household_id = h.id
        WHERE b.grid_id = $1 AND (r.is_party_member OR r.is_in_service_party_member)
          AND h.id NOT IN (SELECT household_id FROM party_organization WHERE household_id IS NOT NULL AND dissolved_at IS NULL)`,
      [e2e.smallGridId],
    );
    expect([...offered].sort()).toEqual(members.map((m) => m.id).sort());
    await form.locator('select[data-field="central-household"]').selectOption(other.householdId);
    expect(await form.locator('[data-field="central-name"]').inputValue()).toMatch(/党员中心户$/);
    await form.locator('[data-field="central-name"]').fill('李师傅党员中心户');
    await form.locator('[data-action="create-central"]').click();
    await form.locator(`[data-central-household="${other.householdId}"]`).waitFor({ timeout: 10_000 });
    const [created] = await e2e.db.dataSource.query(
      `SELECT id, name, parent_id IS NOT NULL AS "underGroup" FROM party_organization
        WHERE household_id = $1 AND level = 'CENTRAL_HOUSEHOLD' AND dissolved_at IS NULL`,
      [other.householdId],
    );
    expect(created).toMatchObject({ name: '李师傅党员中心户', underGroup: true });

    await form.locator(`[data-central-household="${other.householdId}"] [data-action="dissolve-central"]`).click();
    await form.locator(`[data-central-household="${other.householdId}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    const [gone] = await e2e.db.dataSource.query(`SELECT dissolved_at IS NOT NULL AS dissolved FROM party_organization WHERE id = $1`, [
      created.id,
    ]);
    expect(gone.dissolved).toBe(true);
    expect(e2e.consoleErrors).toEqual([]);
    await e2e.closePages();
  });
});
