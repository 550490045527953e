import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import type { DataSource } from 'typeorm';
import type { NotifyConfig } from '../src/platform/config';
import { CASE_EVENTS } from '../src/domains/case/case.events';
import { runOutbox } from '../src/domains/notify/notify.worker';
import { runOverdueSweep } from '../src/domains/case/case.scheduler';
import { MemoryBus } from '../src/platform/events/bus';
import { elevated } from '../src/platform/db/session';
import { listenInTransaction } from '../src/platform/events/in-transaction';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi } from './harness';
import { startReceiver } from './support/receiver';
import { CLAIM, helperLi, household, LEADER, publishedWish, register, TALK, VOLUNTEER, type Wish } from './service-fixture';

process.env.CASE_SWEEP_MS = '0';

const SMALL_1 = '3301060010010010001';
const LEADER_RESIDENT = stableId(`${SMALL_1}/household/0/resident/0`);
const LEADER_PHONE = '13800000001';

let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** What the receiver answers next: set per test. */
let behaviour: (n: number) => 'ok' | 'fail' | 'hold' = () => 'ok';
let notify: NotifyConfig;
let leader: string;
let otherLeader: string;

beforeAll(async () => {
  receiver = await startReceiver((n) => behaviour(n));
  notify = {
    sms: { url: `${receiver.url}/sms`, apiKey: 'test-key', secret: 'test-secret' },
    wecom: { url: `${receiver.url}/wecom/send?key=robot` },
    // The app's job is off: each test runs the worker itself, so every send is accounted for.
    workerMs: 0,
    maxAttempts: 4,
    backoffMs: 0,
    leaseMs: 1_500,
    // Generous: the receiver answers at once, but it runs on this thread, and a send aborted by a held loop is retried.
    timeoutMs: 10_000,
  };
  api = await startTestApiOn({ config: { notify } }, fixtureStreet());
  leader = await api.userToken({ login: 'leader-s1', role: 'GRID_LEADER', gridCodes: [SMALL_1], residentId: LEADER_RESIDENT });
  otherLeader = await api.userToken({ login: 'leader-s2', role: 'GRID_LEADER', gridCodes: ['3301060010010010002'] });
});
afterAll(async () => {
  await api.close();
  await receiver.close();
});
beforeEach(async () => {
  behaviour = () => 'ok';
  receiver.requests.length = 0;
  receiver.delivered.clear();
  await api.db.dataSource.query(`DELETE FROM notification`);
});

const ds = (): DataSource => api.db.dataSource;

/** A case reported, filed and dispatched to the small grid's leader by the command centre. */
async function dispatchedCase(): Promise<{ id: string; number: string; version: number }> {
  const reported = await api.gql<{ reportCase: { case: { id: string; version: number; number: string } } }>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version number } } }`,
    {
      input: {
        clientKey: `n-${Math.random()}`,
        category: 'ENVIRONMENT',
        source: 'HOTLINE',
        lng: 120.102,
        lat: 30.255,
        description: '垃圾堆积',
      },
    },
  );
  const { id, number } = reported.data!.reportCase.case;
  const filed = await api.gql<{ fileCase: { version: number } }>(
    `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
    {
      id,
      v: reported.data!.reportCase.case.version,
    },
  );
  const dispatched = await api.gql<{ dispatchCase: { version: number } }>(
    `mutation ($id: ID!, $v: Int!, $leaderId: ID) { dispatchCase(id: $id, version: $v, leaderId: $leaderId) { version } }`,
    { id, v: filed.data!.fileCase.version, leaderId: stableId(`${SMALL_1}/leader`) },
  );
  expect(dispatched.errors).toBeUndefined();
  return { id, number, version: dispatched.data!.dispatchCase.version };
}

const INBOX = `query ($unreadOnly: Boolean) {
  notifications(first: 10, unreadOnly: $unreadOnly) { totalCount nodes { id kind subjectType subjectId params readAt } }
  unreadNotificationCount }`;
type Inbox = {
  notifications: {
    totalCount: number;
    nodes: { id: string; kind: string; subjectType: string; subjectId: string; params: Record<string, unknown>; readAt: string | null }[];
  };
  unreadNotificationCount: number;
};

const outbox = async (): Promise<{ channel: string; status: string; attempts: number; last_error: string | null }[]> =>
  ds().query(`SELECT channel, status, attempts, last_error FROM outbox ORDER BY channel`);

describe('消息通知 — a case dispatched to a grid leader', () => {
  beforeEach(() => ds().query(`DELETE FROM outbox`));

  it('puts one notification in their inbox and posts exactly one message per channel to the receiver', async () => {
    const c = await dispatchedCase();
    const inbox = await api.gqlAs<Inbox>(leader, INBOX, {});
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.unreadNotificationCount).toBe(1);
    expect(inbox.data!.notifications.nodes).toEqual([
      expect.objectContaining({
        kind: 'CASE_DISPATCHED',
        subjectType: 'CASE',
        subjectId: c.id,
        params: expect.objectContaining({ number: c.number }),
      }),
    ]);
    // Nobody else's inbox: another leader, the admin who dispatched.
    expect((await api.gqlAs<Inbox>(otherLeader, INBOX, {})).data!.notifications.totalCount).toBe(0);
    expect((await api.gql<Inbox>(INBOX, {})).data!.unreadNotificationCount).toBe(0);

    expect(await runOutbox(ds(), notify)).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(await runOutbox(ds(), notify)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/sms', '/wecom/send?key=robot']);
    const sms = receiver.requests.find((r) => r.path === '/sms')!;
    expect(sms.body).toEqual({ to: LEADER_PHONE, text: `【街区网格】事件 ${c.number} 已派遣给您，请及时处置。`, idempotencyKey: sms.key });
    expect(sms.headers['x-api-key']).toBe('test-key');
    const { createHmac } = await import('node:crypto');
    const signed = createHmac('sha256', 'test-secret')
      .update(`${sms.headers['x-timestamp']}.${JSON.stringify(sms.body)}`)
      .digest('hex');
    expect(sms.headers['x-signature']).toBe(signed);
    const wecom = receiver.requests.find((r) => r.path.startsWith('/wecom'))!;
    expect(wecom.body).toEqual({
      msgtype: 'text',
      text: { content: `【街区网格】事件 ${c.number} 已派遣给您，请及时处置。（leader-s1）` },
    });
    expect((await outbox()).map((o) => [o.channel, o.status, o.attempts])).toEqual([
      ['SMS', 'sent', 1],
      ['WECOM', 'sent', 1],
    ]);
  });

  it('marks read by id or all, and only the reader’s own', async () => {
    await dispatchedCase();
    await dispatchedCase();
    const [first, second] = (await api.gqlAs<Inbox>(leader, INBOX, {})).data!.notifications.nodes;
    const MARK = `mutation ($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }`;
    // Someone else's id is answered like an unknown one, and nothing is marked.
    const others = await api.gqlAs(otherLeader, MARK, { ids: [first.id] });
    expect(others.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.gqlAs(otherLeader, MARK, { ids: ['00000000-0000-4000-8000-000000000000'] })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    // Paging: one a page, newest first, then the next.
    const PAGE = `query ($after: String) { notifications(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await api.gqlAs<{ notifications: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      leader,
      PAGE,
      {},
    );
    expect(p1.data!.notifications).toMatchObject({ nodes: [{ id: first.id }], pageInfo: { hasNextPage: true } });
    const p2 = await api.gqlAs<typeof p1.data>(leader, PAGE, { after: p1.data!.notifications.pageInfo.endCursor });
    expect(p2.data!.notifications).toMatchObject({ nodes: [{ id: second.id }], pageInfo: { hasNextPage: false } });
    expect((await api.gqlAs(leader, MARK, { ids: [first.id] })).data).toEqual({ markNotificationsRead: 1 });
    const unread = await api.gqlAs<Inbox>(leader, INBOX, { unreadOnly: true });
    expect(unread.data!.notifications.nodes.map((n) => n.id)).toEqual([second.id]);
    expect((await api.gqlAs<Inbox>(leader, INBOX, {})).data!.notifications.nodes[0].readAt).not.toBeNull();
    expect(unread.data!.unreadNotificationCount).toBe(1);
    expect((await api.gqlAs(leader, MARK, { all: true })).data).toEqual({ markNotificationsRead: 1 });
    expect((await api.gqlAs<Inbox>(leader, INBOX, {})).data!.unreadNotificationCount).toBe(0);
    for (const [vars, reason] of [
      [{}, /at least one/],
      [{ ids: ['x'] }, /not an id/],
      [{ ids: [first.id], all: true }, /either/],
    ] as const) {
      const res = await api.gqlAs(leader, MARK, vars);
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
        message: expect.stringMatching(reason),
      });
    }
  });

  it('follows the preferences: kinds and channels, and quiet hours hold a message back', async () => {
    const SET = `mutation ($input: NotificationPreferencesInput!) {
      setNotificationPreferences(input: $input) { kinds channels quietStart quietEnd } }`;
    const wecomOnly = await api.gqlAs(leader, SET, { input: { kinds: ['CASE_DISPATCHED'], channels: ['WECOM'] } });
    expect(wecomOnly.errors).toBeUndefined();
    await dispatchedCase();
    expect((await outbox()).map((o) => o.channel)).toEqual(['WECOM']);
    await ds().query(`DELETE FROM outbox`);
    // Quiet all day but a minute: the message waits in the outbox, the inbox has it at once.
    const now = new Date();
    const minute = (now.getUTCHours() * 60 + now.getUTCMinutes() + 480) % 1440;
    await api.gqlAs(leader, SET, {
      input: { kinds: ['CASE_DISPATCHED'], channels: ['WECOM'], quietStart: minute, quietEnd: (minute + 1439) % 1440 },
    });
    await dispatchedCase();
    expect(await runOutbox(ds(), notify)).toEqual({ sent: 0, retried: 0, dead: 0 });
    const [held] = await ds().query(`SELECT status, next_attempt_at > now() + interval '20 hours' AS later FROM outbox`);
    expect(held).toEqual({ status: 'pending', later: true });
    expect((await api.gqlAs<Inbox>(leader, INBOX, {})).data!.unreadNotificationCount).toBe(2);
    // No kind wanted: the inbox still records it; nothing goes out.
    await ds().query(`DELETE FROM outbox`);
    await api.gqlAs(leader, SET, { input: { kinds: [], channels: ['WECOM', 'SMS'] } });
    await dispatchedCase();
    expect(await outbox()).toEqual([]);
    const bad = await api.gqlAs(leader, SET, { input: { kinds: [], channels: [], quietStart: 1440, quietEnd: 0 } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quietStart' });
    await ds().query(`DELETE FROM notification_preference`);
  });

  it('commits with the step: a step whose notice fails is not taken, and writes no notice', async () => {
    const reported = await api.gql<{ reportCase: { case: { id: string; version: number } } }>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
      {
        input: {
          clientKey: `n-${Math.random()}`,
          category: 'ENVIRONMENT',
          source: 'HOTLINE',
          lng: 120.102,
          lat: 30.255,
          description: '垃圾',
        },
      },
    );
    const { id, version } = reported.data!.reportCase.case;
    const filed = await api.gql<{ fileCase: { version: number } }>(`mutation { fileCase(id: "${id}", version: ${version}) { version } }`);
    // Another in-transaction listener of the same events fails after the notify domain wrote its rows.
    let written = 0;
    const undo = listenInTransaction(ds(), CASE_EVENTS, async (m, events) => {
      if (!events.some((e) => e.type === 'DISPATCHED')) return;
      [{ n: written }] = await elevated(m, () => m.query(`SELECT count(*)::int AS n FROM notification`));
      throw new Error('listener failed');
    });
    try {
      const leaderId = stableId(`${SMALL_1}/leader`);
      const dispatch = `mutation { dispatchCase(id: "${id}", version: ${filed.data!.fileCase.version}, leaderId: "${leaderId}") { id } }`;
      expect((await api.gql(dispatch)).errors).toHaveLength(1);
    } finally {
      undo();
    }
    const [c] = await ds().query(`SELECT status FROM "case" WHERE id = $1`, [id]);
    expect(written).toBe(1);
    expect(c.status).toBe('FILED');
    expect(await ds().query(`SELECT id FROM notification`)).toEqual([]);
    expect(await ds().query(`SELECT id FROM outbox`)).toEqual([]);
  });
});

describe('消息通知 — the later steps of a case reach whoever holds it', () => {
  it('tells the compound’s leader of an escalation (上报上级) with its reason, not the small grid’s leader who raised it', async () => {
    const compound = await api.userToken({ login: 'leader-compound', role: 'GRID_LEADER', gridCodes: [SMALL_1.slice(0, 15)] });
    const c = await dispatchedCase();
    await ds().query(`DELETE FROM notification`);
    const raised = await api.gqlAs(
      leader,
      `mutation ($id: ID!, $v: Int!) { escalateCase(id: $id, version: $v, reason: "需小区物业配合") { id } }`,
      {
        id: c.id,
        v: c.version,
      },
    );
    expect(raised.errors).toBeUndefined();
    const theirs = (await api.gqlAs<Inbox>(compound, INBOX)).data!.notifications.nodes;
    expect(theirs.map((n) => ({ kind: n.kind, subjectId: n.subjectId, note: n.params.note, number: n.params.number }))).toEqual([
      { kind: 'CASE_ESCALATED', subjectId: c.id, note: '需小区物业配合', number: c.number },
    ]);
    expect((await api.gqlAs<Inbox>(leader, INBOX)).data!.notifications.nodes).toEqual([]);

    // The overdue sweep escalates a case past its deadline: the compound's leader is told why, in Chinese.
    const late = await dispatchedCase();
    await ds().query(`UPDATE "case" SET due_at = now() - interval '1 hour' WHERE id = $1`, [late.id]);
    expect(await runOverdueSweep(ds(), new MemoryBus())).toBeGreaterThanOrEqual(1);
    const swept = (await api.gqlAs<Inbox>(compound, INBOX)).data!.notifications.nodes.find((n) => n.subjectId === late.id);
    expect(swept).toMatchObject({ kind: 'CASE_ESCALATED', params: { number: late.number, note: '超期未处置，系统自动上报' } });
  });

  it('tells the leader of a return for rework, each extension decision and the reporter’s rating', async () => {
    const reporter = await api.userToken({
      login: 'reporter-r',
      role: 'RESIDENT',
      residentId: stableId(`${SMALL_1}/household/1/resident/0`),
    });
    const reported = await api.gqlAs<{ reportCase: { case: { id: string; version: number; number: string } } }>(
      reporter,
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version number } } }`,
      {
        input: {
          clientKey: `r-${Math.random()}`,
          category: 'ENVIRONMENT',
          source: 'RESIDENT',
          lng: 120.102,
          lat: 30.255,
          description: '路灯坏了',
        },
      },
    );
    expect(reported.errors).toBeUndefined();
    const { id, number } = reported.data!.reportCase.case;
    const version = async () => ((await ds().query(`SELECT version FROM "case" WHERE id = $1`, [id])) as { version: number }[])[0].version;
    const step = async (token: string | null, call: string) => {
      const res = await (token
        ? api.gqlAs(token, `mutation ($v: Int!) { ${call} }`, { v: await version() })
        : api.gql(`mutation ($v: Int!) { ${call} }`, { v: await version() }));
      expect(res.errors).toBeUndefined();
    };
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const LEADER_ACTOR = 'actor: { role: GRID_LEADER, name: "x" }';
    await step(null, `fileCase(id: "${id}", version: $v) { id }`);
    await step(null, `dispatchCase(id: "${id}", version: $v, leaderId: "${stableId(`${SMALL_1}/leader`)}") { id }`);
    await step(leader, `requestCaseExtension(id: "${id}", version: $v, until: "${until}", reason: "材料未到", ${LEADER_ACTOR}) { id }`);
    await step(null, `declineCaseExtension(id: "${id}", version: $v, reason: "时限充足") { id }`);
    await step(leader, `requestCaseExtension(id: "${id}", version: $v, until: "${until}", reason: "仍需等待", ${LEADER_ACTOR}) { id }`);
    await step(null, `extendCaseDeadline(id: "${id}", version: $v, newDueAt: "${until}", reason: "同意") { id }`);
    await step(leader, `startCase(id: "${id}", version: $v, ${LEADER_ACTOR}) { id }`);
    await step(leader, `handleCase(id: "${id}", version: $v, feedback: "已修好", ${LEADER_ACTOR}) { id }`);
    await step(null, `returnCase(id: "${id}", version: $v, reason: "灯还不亮") { id }`);
    await step(leader, `handleCase(id: "${id}", version: $v, feedback: "换了灯泡", ${LEADER_ACTOR}) { id }`);
    await step(null, `closeCase(id: "${id}", version: $v) { id }`);
    await step(reporter, `rateCase(id: "${id}", version: $v, rating: 5) { id }`);

    const inbox = await api.gqlAs<Inbox>(leader, INBOX, {});
    expect(inbox.data!.notifications.nodes.map((n) => [n.kind, n.params])).toEqual([
      ['CASE_RATED', { number, category: 'ENVIRONMENT', rating: 5 }],
      ['CASE_RETURNED', { number, category: 'ENVIRONMENT', note: '灯还不亮' }],
      ['EXTENSION_APPROVED', { number, category: 'ENVIRONMENT', until }],
      ['EXTENSION_DECLINED', { number, category: 'ENVIRONMENT', note: '时限充足' }],
      ['CASE_DISPATCHED', { number, category: 'ENVIRONMENT' }],
    ]);
    // The reporter, the other leader: none of it.
    expect((await api.gqlAs<Inbox>(reporter, INBOX, {})).data!.notifications.totalCount).toBe(0);
    expect((await api.gqlAs<Inbox>(otherLeader, INBOX, {})).data!.notifications.totalCount).toBe(0);
  });
});

describe('消息通知 — community services', () => {
  it('tells a helper when a task is confirmed to them', async () => {
    const { li } = await helperLi(api);
    const raised = await api.gql<{ raiseNeed: { id: string } }>(
      `mutation ($input: NeedInput!, $a: ActorInput!) { raiseNeed(input: $input, actor: $a) { id } }`,
      {
        input: {
          householdId: household(SMALL_1, 0),
          type: 'PSYCHOLOGICAL',
          source: 'GRID_LEADER',
          urgency: 'NORMAL',
          window: TALK,
          recurrence: 'ONCE',
        },
        a: LEADER,
      },
    );
    expect(raised.errors).toBeUndefined();
    const run = await api.gql<{ proposeMatches: { proposals: { id: string; version: number }[] } }>(
      `mutation ($g: ID!, $a: ActorInput!) { proposeMatches(gridId: $g, period: "2026-11-23", actor: $a) { proposals { id version } } }`,
      { g: stableId(SMALL_1), a: LEADER },
    );
    const [proposal] = run.data!.proposeMatches.proposals;
    // Proposed is not yet the helper's business; confirmed is.
    expect((await api.gqlAs<Inbox>(li, INBOX, {})).data!.unreadNotificationCount).toBe(0);
    const confirmed = await api.gql(
      `mutation ($id: ID!, $v: Int!, $a: ActorInput!) { confirmMatch(id: $id, version: $v, actor: $a) { id } }`,
      {
        id: proposal.id,
        v: proposal.version,
        a: LEADER,
      },
    );
    expect(confirmed.errors).toBeUndefined();
    const inbox = await api.gqlAs<Inbox>(li, INBOX, {});
    expect(inbox.data!.notifications.nodes.map((n) => [n.kind, n.subjectType, n.subjectId])).toEqual([
      ['TASK_CONFIRMED', 'MATCH', proposal.id],
    ]);
  });

  it('tells the wish’s household when their micro-wish is claimed and when it is fulfilled', async () => {
    const resident = await api.userToken({
      login: 'wish-home',
      role: 'RESIDENT',
      residentId: stableId(`${SMALL_1}/household/0/resident/1`),
    });
    const helper = await register(api, '帮手甲');
    const wish = await publishedWish(api, '一台收音机');
    const claimed = await api.gql<{ claimWish: Wish }>(CLAIM, { id: wish.id, r: helper, a: VOLUNTEER });
    expect(claimed.errors).toBeUndefined();
    const fulfilled = await api.gql(
      `mutation ($id: ID!, $v: Int!, $r: ID!, $a: ActorInput!) {
        fulfilWish(id: $id, version: $v, registrationId: $r, note: "送到了", actor: $a) { id } }`,
      { id: wish.id, v: claimed.data!.claimWish.version, r: helper, a: VOLUNTEER },
    );
    expect(fulfilled.errors).toBeUndefined();
    const inbox = await api.gqlAs<Inbox>(resident, INBOX, {});
    expect(inbox.data!.notifications.nodes.map((n) => [n.kind, n.subjectId, n.params.title])).toEqual([
      ['WISH_FULFILLED', wish.id, '一台收音机'],
      ['WISH_CLAIMED', wish.id, '一台收音机'],
    ]);
  });
});

describe('the outbox worker', () => {
  beforeEach(() => ds().query(`DELETE FROM outbox`));
  const smsOnly = (): NotifyConfig => ({ ...notify, wecom: undefined });

  it('retries a receiver that fails twice, and it gets the message on the third attempt', async () => {
    behaviour = (n) => (n <= 2 ? 'fail' : 'ok');
    await dispatchedCase();
    await ds().query(`DELETE FROM outbox WHERE channel = 'WECOM'`);
    expect(await runOutbox(ds(), { ...smsOnly(), backoffMs: 60_000 })).toEqual({ sent: 0, retried: 1, dead: 0 });
    // Backing off: not due yet.
    expect(await runOutbox(ds(), smsOnly())).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await outbox()).toEqual([{ channel: 'SMS', status: 'pending', attempts: 1, last_error: 'SMS provider answered HTTP 500' }]);
    await ds().query(`UPDATE outbox SET next_attempt_at = now()`);
    expect(await runOutbox(ds(), smsOnly())).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(1);
    expect(receiver.delivered.size).toBe(1);
    expect(await outbox()).toEqual([{ channel: 'SMS', status: 'sent', attempts: 3, last_error: null }]);
  });

  it('makes a message dead after the last attempt, and sends it no more', async () => {
    behaviour = () => 'fail';
    await dispatchedCase();
    expect(await runOutbox(ds(), notify)).toEqual({ sent: 0, retried: 6, dead: 2 });
    expect(await runOutbox(ds(), notify)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(receiver.requests).toHaveLength(8);
    expect(await outbox()).toEqual([
      { channel: 'SMS', status: 'dead', attempts: 4, last_error: 'SMS provider answered HTTP 500' },
      { channel: 'WECOM', status: 'dead', attempts: 4, last_error: 'WeCom robot answered HTTP 500' },
    ]);
  });

  it('runs as the app’s job: a dispatch reaches the receiver with no one calling the worker', async () => {
    const running = await startTestApiOn({ config: { notify: { ...notify, sms: undefined, workerMs: 100 } } }, fixtureStreet());
    try {
      await running.userToken({ login: 'leader-j', role: 'GRID_LEADER', gridCodes: [SMALL_1], residentId: LEADER_RESIDENT });
      const reported = await running.gql<{ reportCase: { case: { id: string; version: number; number: string } } }>(
        `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version number } } }`,
        { input: { clientKey: 'j', category: 'ENVIRONMENT', source: 'HOTLINE', lng: 120.102, lat: 30.255, description: '垃圾' } },
      );
      const { id, version, number } = reported.data!.reportCase.case;
      const filed = await running.gql<{ fileCase: { version: number } }>(
        `mutation { fileCase(id: "${id}", version: ${version}) { version } }`,
      );
      await running.gql(`mutation { dispatchCase(id: "${id}", version: ${filed.data!.fileCase.version}) { id } }`);
      await receiver.waitFor(1);
      expect(receiver.requests.map((r) => r.body)).toEqual([
        { msgtype: 'text', text: { content: `【街区网格】事件 ${number} 已派遣给您，请及时处置。（leader-j）` } },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await running.close();
    }
  });

  it('sends nothing, and writes no outbox row, when no channel is configured', async () => {
    const none: NotifyConfig = { ...notify, sms: undefined, wecom: undefined };
    const quiet = await startTestApiOn({ config: { notify: none } }, fixtureStreet());
    try {
      const token = await quiet.userToken({ login: 'leader-q', role: 'GRID_LEADER', gridCodes: [SMALL_1], residentId: LEADER_RESIDENT });
      const reported = await quiet.gql<{ reportCase: { case: { id: string; version: number } } }>(
        `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
        { input: { clientKey: 'q', category: 'ENVIRONMENT', source: 'HOTLINE', lng: 120.102, lat: 30.255, description: '垃圾' } },
      );
      const { id, version } = reported.data!.reportCase.case;
      const filed = await quiet.gql<{ fileCase: { version: number } }>(
        `mutation { fileCase(id: "${id}", version: ${version}) { version } }`,
      );
      await quiet.gql(
        `mutation { dispatchCase(id: "${id}", version: ${filed.data!.fileCase.version}, leaderId: "${stableId(`${SMALL_1}/leader`)}") {
          id } }`,
      );
      expect((await quiet.gqlAs<Inbox>(token, INBOX, {})).data!.unreadNotificationCount).toBe(1);
      expect(await quiet.db.dataSource.query(`SELECT id FROM outbox`)).toEqual([]);
      expect(await runOutbox(quiet.db.dataSource, none)).toEqual({ sent: 0, retried: 0, dead: 0 });
      expect(receiver.requests).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('delivers each message exactly once, as the receiver dedupes, when the worker is killed mid-send and restarted', async () => {
    // The receiver takes the first request in and never answers it; the worker process is killed while it waits.
    behaviour = (n) => (n === 1 ? 'hold' : 'ok');
    await dispatchedCase();
    await ds().query(`DELETE FROM outbox WHERE channel = 'WECOM'`);
    // Its send does not time out, and its lease does not end, while this test takes its time: only the kill ends them.
    const child = await spawnWorker(api.db.url, { ...smsOnly(), timeoutMs: 60_000, leaseMs: 60_000 });
    try {
      await receiver.waitFor(1);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    receiver.release();
    // Claimed, not sent: while the dead worker's lease runs, no other worker sends it again.
    expect(await outbox()).toEqual([{ channel: 'SMS', status: 'pending', attempts: 1, last_error: null }]);
    expect(await runOutbox(ds(), smsOnly())).toEqual({ sent: 0, retried: 0, dead: 0 });
    // The restarted worker, once the lease ends (moved to now), sends it again under the same key.
    await ds().query(`UPDATE outbox SET next_attempt_at = now()`);
    expect(await runOutbox(ds(), smsOnly())).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(receiver.requests.map((r) => r.key)).toEqual([receiver.requests[0].key, receiver.requests[0].key]);
    expect(receiver.delivered.size).toBe(1);
    expect(await outbox()).toEqual([{ channel: 'SMS', status: 'sent', attempts: 2, last_error: null }]);
    expect(await runOutbox(ds(), smsOnly())).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(receiver.requests).toHaveLength(2);
  });
});

/**
 * The worker in a process of its own (so it can be killed for real): the worker's two files
 * compiled as they are, over a plain `pg` pool on the test database.
 */
async function spawnWorker(databaseUrl: string, config: NotifyConfig): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'notify-worker-'));
  for (const file of ['notify.worker', 'notify.channels']) {
    const source = readFileSync(join(__dirname, '../src/domains/notify', `${file}.ts`), 'utf8');
    const { code } = transformSync(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
    writeFileSync(join(dir, `${file}.js`), code);
  }
  writeFileSync(
    join(dir, 'main.js'),
    `const { Pool } = require(${JSON.stringify(require.resolve('pg'))});
     const { runOutbox } = require('./notify.worker.js');
     const pool = new Pool({ connectionString: process.env.DB_URL, max: 2 });
     runOutbox({ query: (sql, params) => pool.query(sql, params).then((r) => r.rows) }, JSON.parse(process.env.NOTIFY_CONFIG))
       .then((run) => { console.log(JSON.stringify(run)); return pool.end(); });`,
  );
  const child = spawn(process.execPath, [join(dir, 'main.js')], {
    env: { ...process.env, DB_URL: databaseUrl, NOTIFY_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return child;
}
