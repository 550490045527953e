import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  firstHome,
  PNG_1PX,
  reportCase,
  SMALL_POINT,
  startE2e,
  submitSignIn,
  type E2e,
  type Home,
  type MapHost,
} from './support';

// 议事协商 → 项目清单 → 回音壁 in the browser (#16): residents' complaints about EV charging in one compound; its leader
// (e2e-compound) convenes a 圆桌会 from those cases in the workspace, inviting the owners' committee head (a resident), the
// property company and two registered party members; records attendance and minutes and a resolution; makes the project,
// records pledged money and labour and milestones, completes it; the echo wall shows it with who contributed. The head
// sees the invitation on their own page; the wall screen shows the consultation as a layer and in its list.
describe('consultations and projects (e2e, Chromium)', () => {
  let e2e: E2e;
  let home: Home;
  let compound: { id: string; name: string };
  let community: { code: string };
  let headName: string;
  const cases: string[] = [];
  const TOPIC = '小区电动汽车充电桩（e2e）';
  const PROJECT = '一期充电桩建设（e2e）';

  beforeAll(async () => {
    e2e = await startE2e();
    home = await firstHome(e2e);
    [compound] = await e2e.db.dataSource.query(
      `SELECT m.id, m.name FROM grid m JOIN grid s ON s.path <@ m.path WHERE s.id = $1 AND m.level = 'MEDIUM'`,
      [e2e.smallGridId],
    );
    [community] = await e2e.db.dataSource.query(`SELECT code FROM grid WHERE id = $1`, [home.communityId]);
    [{ name: headName }] = await e2e.db.dataSource.query(`SELECT name FROM resident WHERE id = $1`, [home.residentId]);
    await e2e.user({ login: 'e2e-compound', displayName: '小区网格长', role: 'GRID_LEADER', gridIds: [compound.id] });
    await e2e.user({ login: 'e2e-head', displayName: '业委会主任', role: 'RESIDENT', residentId: home.residentId });
    await e2e.api(`mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
      input: { gridId: compound.id, kind: 'PROPERTY_COMPANY', name: '绿城物业（e2e）', published: true },
    });
    for (const [i, name] of ['在职党员甲（e2e）', '在职党员乙（e2e）'].entries())
      await e2e.api(`mutation ($input: RegistrationInput!, $a: ActorInput) { registerForService(input: $input, actor: $a) { id } }`, {
        input: {
          kind: 'MEMBER',
          name,
          communityId: home.communityId,
          lng: SMALL_POINT.lng + i * 0.0005,
          lat: SMALL_POINT.lat,
          skills: ['REPAIR'],
          radiusM: 2000,
          weeklyCapacity: 3,
          availability: [{ weekday: 2, startMinute: 540, endMinute: 660 }],
        },
        a: { role: 'VOLUNTEER', name: 'e2e' },
      });
    for (const [i, description] of ['小区没有充电桩（e2e）', '电动车飞线充电很危险（e2e）'].entries()) {
      const made = await reportCase(e2e, {
        clientKey: `e2e-ev-${i}-${Date.now()}`,
        category: 'PROPERTY',
        lng: SMALL_POINT.lng + i * 0.0003,
        lat: SMALL_POINT.lat,
        description,
      });
      cases.push(made.id);
    }
  });

  afterEach(async () => {
    await e2e.closePages();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
  }

  it('walks cases → 圆桌会 → attendance and minutes → resolution → project with money and labour → milestones → echo wall', async () => {
    const leader = await e2e.signedIn('e2e-compound');
    await leader.locator('[role="tab"][data-tab="civic"]').click();
    await leader.locator('[data-civic="open-convene"]').click();
    const form = leader.locator('form[data-civic="convene"]');
    await form.locator('select[name="gridId"]').selectOption(compound.id);
    await form.locator('select[name="kind"]').selectOption('ROUND_TABLE');
    // Bad input is refused in words, and nothing is convened.
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="alert"]').waitFor({ timeout: 10_000 });
    expect(await form.locator('[role="alert"]').textContent()).toContain('时间');
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const local = new Date(soon.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    await form.locator('input[name="startsAt"]').fill(local);
    await form.locator('input[name="address"]').fill('小区红色议事亭');
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="alert"]', { hasText: '议题' }).waitFor({ timeout: 10_000 });
    expect(await e2e.db.dataSource.query(`SELECT id FROM consultation`)).toEqual([]);
    await form.locator('input[name="topic"]').fill(TOPIC);
    for (const id of cases) await form.locator(`input[data-case-id="${id}"]`).check({ timeout: 15_000 });
    await form.locator('input[data-organization="绿城物业（e2e）"]').check();
    await form.locator('input[data-member="在职党员甲（e2e）"]').check();
    await form.locator('input[data-member="在职党员乙（e2e）"]').check();
    await form.locator('input[name="residentSearch"]').fill(headName);
    await form.locator(`[data-invite-resident="${headName}"]`).first().click();
    await form.locator('input[name="residentRole-0"]').fill('业委会主任');
    await form.locator('button[type="submit"]').click();

    const card = leader.locator(`article[data-consultation="${TOPIC}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-status')).toBe('PLANNED');
    expect(await card.textContent()).toContain('圆桌会');
    expect(await card.textContent()).toContain('由 2 件事件发起');

    // Attendance and minutes: the head, the property company and one member came.
    for (const name of [headName, '绿城物业（e2e）', '在职党员甲（e2e）']) await card.locator(`input[data-attended="${name}"]`).check();
    await card.locator('textarea[name="minutes"]').fill('业委会、物业与党员商定在地面停车场建设充电桩，费用由物业承担。');
    await card.locator('form[data-civic="record"] button[type="submit"]').click();
    await leader.locator(`article[data-consultation="${TOPIC}"][data-status="HELD"]`).waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('缺席');

    // A resolution carried out as a project.
    const resolution = card.locator('form[data-civic="resolution"]');
    await resolution.locator('input[name="resolutionText"]').fill('建设 10 个充电桩');
    await resolution.locator('input[name="ownerName"]').fill('绿城物业（e2e）');
    await resolution.locator('input[name="dueOn"]').fill('2027-03-31');
    await resolution.locator('button[type="submit"]').click();
    const resolved = card.locator('[data-resolution="建设 10 个充电桩"]');
    await resolved.waitFor({ timeout: 15_000 });
    expect(await resolved.getAttribute('data-done')).toBe('false');
    await resolved.locator('[data-civic="open-project"]').click();
    const projectForm = resolved.locator('form[data-civic="project"]');
    await projectForm.locator('input[name="projectTitle"]').fill(PROJECT);
    await projectForm.locator('select[name="leadOrganization"]').selectOption({ label: '绿城物业（e2e）' });
    await projectForm.locator('button[type="submit"]').click();
    await card.locator('[data-resolution="建设 10 个充电桩"]', { hasText: PROJECT }).waitFor({ timeout: 15_000 });
    await shot(leader, 'civic-consultation');

    // The project: money from the property company, labour from the party members, two milestones.
    await leader.locator('[data-civic-tab="projects"]').click();
    const project = leader.locator(`article[data-project="${PROJECT}"]`);
    await project.waitFor({ timeout: 15_000 });
    const pledge = project.locator('form[data-civic="pledge"]');
    await pledge.locator('select[name="pledgeKind"]').selectOption('MONEY');
    await pledge.locator('input[name="amount"]').fill('20000');
    await pledge.locator('input[name="unit"]').fill('元');
    await pledge.locator('select[name="pledgerKind"]').selectOption('ORGANIZATION');
    await pledge.locator('select[name="pledgerOrganization"]').selectOption({ label: '绿城物业（e2e）' });
    await pledge.locator('button[type="submit"]').click();
    await project.locator('[data-pledge="MONEY"]').waitFor({ timeout: 15_000 });
    // A pledge without an amount is refused in words and nothing is recorded.
    await pledge.locator('select[name="pledgeKind"]').selectOption('PEOPLE');
    await pledge.locator('select[name="pledgerKind"]').selectOption('PARTY_MEMBER');
    await pledge.locator('input[name="pledgerName"]').fill('在职党员志愿者（e2e）');
    await pledge.locator('input[name="unit"]').fill('人天');
    await pledge.locator('button[type="submit"]').click();
    await project.locator('[role="alert"]').waitFor({ timeout: 10_000 });
    expect(await project.locator('[role="alert"]').textContent()).toContain('数量');
    expect(await project.locator('[data-pledge]').count()).toBe(1);
    await pledge.locator('input[name="amount"]').fill('12');
    await pledge.locator('button[type="submit"]').click();
    await project.locator('[data-pledge="PEOPLE"]').waitFor({ timeout: 15_000 });
    expect(await project.locator('[data-pledge="MONEY"]').textContent()).toContain('20,000');

    const milestone = project.locator('form[data-civic="milestone"]');
    for (const [title, due] of [
      ['选址与电力增容', '2027-01-15'],
      ['安装通电', '2027-03-15'],
    ]) {
      await milestone.locator('input[name="milestoneTitle"]').fill(title);
      await milestone.locator('input[name="milestoneDue"]').fill(due);
      await milestone.locator('button[type="submit"]').click();
      await project.locator(`[data-milestone="${title}"]`).waitFor({ timeout: 15_000 });
    }
    // A progress photo goes with the first milestone done.
    await project.locator('input[name="progressPhotos"]').setInputFiles({
      name: 'progress.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_1PX, 'base64'),
    });
    await project.locator('label', { hasText: '已选 1 张' }).waitFor({ timeout: 10_000 });
    for (const title of ['选址与电力增容', '安装通电']) {
      await project.locator(`[data-milestone="${title}"] [data-civic="milestone-done"]`).click();
      await project.locator(`[data-milestone="${title}"][data-status="DONE"]`).waitFor({ timeout: 15_000 });
    }
    await project.locator('input[name="summary"]').fill('建成 10 个充电桩并通电（e2e）');
    await project.locator('form[data-civic="complete"] button[type="submit"]').click();
    await leader.locator(`article[data-project="${PROJECT}"][data-status="COMPLETED"]`).waitFor({ timeout: 15_000 });
    await project.locator('[data-photo] img').waitFor({ timeout: 15_000 });
    await shot(leader, 'civic-project');

    // The consultation shows its resolution done.
    await leader.locator('[data-civic-tab="consultations"]').click();
    await leader.locator(`[data-resolution="建设 10 个充电桩"][data-done="true"]`).waitFor({ timeout: 15_000 });

    // The echo wall, public: the completed project, what was done and who contributed.
    const visitor = await e2e.newPage();
    await visitor.goto(`${e2e.origin}/echo?community=${community.code}`);
    const item = visitor.locator('.echo__item[data-kind="PROJECT"]');
    await item.waitFor({ timeout: 30_000 });
    const text = await item.textContent();
    expect(text).toContain(PROJECT);
    expect(text).toContain('建成 10 个充电桩并通电（e2e）');
    expect(await item.locator('[data-contributors]').textContent()).toContain('绿城物业（e2e）、在职党员志愿者（e2e）');
    await shot(visitor, 'civic-echo');

    // The owners' committee head sees the invitation and the project on their own page.
    const head = await e2e.newPage();
    await head.goto(e2e.origin);
    await submitSignIn(head, 'e2e-head');
    const invitation = head.locator(`[data-list="invitations"] [data-consultation="${TOPIC}"]`);
    await invitation.waitFor({ timeout: 30_000 });
    expect(await invitation.textContent()).toContain('业委会主任');
    await head.locator(`[data-list="projects"] [data-project="${PROJECT}"]`).waitFor({ timeout: 15_000 });

    // The wall screen: the upcoming consultation in the list and as a point of the civic layer.
    const wall = await e2e.signedIn('e2e-operator');
    await wall.locator('[data-action="civic"]').click();
    await wall.locator(`[data-civic="wall-list"] [data-consultation="${TOPIC}"]`).waitFor({ timeout: 15_000 });
    await wall.locator('[data-layer="CIVIC_CONSULTATIONS"]').click();
    await wall.waitForFunction(
      () =>
        (globalThis as unknown as MapHost).__streetgridMap
          .queryRenderedFeatures({ layers: ['civic-consultations'] })
          .some((f) => String(f.properties.name).includes('e2e')),
      undefined,
      { timeout: 30_000 },
    );
    await shot(wall, 'civic-wall');
  }, 240_000);
});
