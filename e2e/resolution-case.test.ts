import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, firstHome, startE2e, type E2e } from './support';

// 议事协商 → 新案件 in the browser: at a 圆桌会 of one compound, its leader (e2e-compound) records the resolution "fix the
// broken streetlight" carried out as a CASE, reports that new case right there in the one report form (pre-filled with the
// resolution's text, at the consultation's place), and sees the case's number and status on the consultation.
describe('a resolution carried out as a new case (e2e, Chromium)', () => {
  let e2e: E2e;
  const TOPIC = '小区夜间照明（e2e）';
  const TEXT = '修复 3 号楼前损坏的路灯（e2e）';

  beforeAll(async () => {
    e2e = await startE2e();
    const home = await firstHome(e2e);
    const [compound] = await e2e.db.dataSource.query(
      `SELECT m.id FROM grid m JOIN grid s ON s.path <@ m.path WHERE s.id = $1 AND m.level = 'MEDIUM'`,
      [e2e.smallGridId],
    );
    const { token } = await e2e.user({ login: 'e2e-compound', displayName: '小区网格长', role: 'GRID_LEADER', gridIds: [compound.id] });
    const { conveneConsultation: c } = await e2e.apiAs<{
      conveneConsultation: { id: string; version: number; invitees: { id: string }[] };
    }>(token, `mutation ($input: ConveneConsultationInput!) { conveneConsultation(input: $input) { id version invitees { id } } }`, {
      input: {
        gridId: compound.id,
        kind: 'ROUND_TABLE',
        topic: TOPIC,
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        address: '小区红色议事亭',
        invitees: [{ kind: 'RESIDENT', residentId: home.residentId, role: '业委会主任' }],
      },
    });
    await e2e.apiAs(
      token,
      `mutation ($id: ID!, $v: Int!, $input: RecordConsultationInput!) { recordConsultation(id: $id, version: $v, input: $input) { id } }`,
      { id: c.id, v: c.version, input: { attended: c.invitees.map((i) => i.id), minutes: '3 号楼前路灯坏了半个月' } },
    );
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('the compound leader turns a resolution into a new case and sees its number on the consultation', async () => {
    const leader = await e2e.signedIn('e2e-compound');
    await leader.locator('[role="tab"][data-tab="civic"]').click();
    const card = leader.locator(`article[data-consultation="${TOPIC}"][data-status="HELD"]`);
    await card.waitFor({ timeout: 15_000 });

    const form = card.locator('form[data-civic="resolution"]');
    await form.locator('input[name="resolutionText"]').fill(TEXT);
    await form.locator('select[name="carriedAs"]').selectOption('CASE');
    await form.locator('input[name="ownerName"]').fill('物业');
    await form.locator('input[name="dueOn"]').fill('2027-01-31');
    await form.locator('button[type="submit"]').click();
    const resolved = card.locator(`[data-resolution="${TEXT}"]`);
    await resolved.waitFor({ timeout: 15_000 });
    expect(await resolved.textContent()).toContain('尚未上报案件');

    // The one report form, pre-filled with the resolution's text, at the consultation's place.
    await resolved.locator('[data-action="report-resolution-case"]').click();
    const report = resolved.locator('form[data-form="report-case"]');
    await report.waitFor({ timeout: 10_000 });
    expect(await report.locator('textarea[name="description"]').inputValue()).toBe(TEXT);
    await report.locator('select[name="category"]').selectOption('PUBLIC_FACILITY');
    await report.locator('[data-action="submit-case"]').click();

    const chip = resolved.locator('[data-case-number]');
    await chip.waitFor({ timeout: 15_000 });
    const [made] = await e2e.db.dataSource.query(
      `SELECT x.number, x.description, x.category, x.source FROM resolution r JOIN "case" x ON x.id = r.case_id WHERE r.text = $1`,
      [TEXT],
    );
    expect(made).toEqual({
      number: await chip.getAttribute('data-case-number'),
      description: TEXT,
      category: 'PUBLIC_FACILITY',
      source: 'GRID_PATROL',
    });
    expect(await chip.textContent()).toBe(`案件 ${made.number} · 已上报`);
    expect(await resolved.getAttribute('data-done')).toBe('false');
    expect(await resolved.locator('[data-action="report-resolution-case"]').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await leader.screenshot({ path: join(ARTIFACTS, 'civic-resolution-case.png'), fullPage: true }).catch(() => undefined);
  });
});
