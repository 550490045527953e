import 'reflect-metadata';
import { createClient, type Client } from 'graphql-ws';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import WebSocket from 'ws';
import { MemoryBus, OrderedBus } from '../src/platform/events/bus';
import type { CaseEvent } from '../src/domains/case/case.entity';
import { EVENT_COLUMNS, CASE_EVENTS } from '../src/domains/case/case.events';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';
import { createApp, type App } from '../src/app/server';
import { createTestDatabase, startTestApi, type TestApi, type TestDatabase, testConfig } from './harness';

process.env.CASE_SWEEP_MS = '0';

const LARGE_1 = stableId('330106001001'); // lng 120.10–120.11
const REPORTER = { role: 'REPORTER', name: '张居民' };
const CC = { role: 'COMMAND_CENTRE', name: '指挥中心' };
const REPORT = `mutation ($input: ReportCaseInput!, $actor: ActorInput!) {
  reportCase(input: $input, actor: $actor) { case { id version } }
}`;
const UPDATES = `subscription ($gridId: ID, $bbox: [Float!], $after: ID) {
  caseUpdates(gridId: $gridId, bbox: $bbox, after: $after) { id caseId type toStatus version case { id status } } }`;

interface Update {
  id: string;
  caseId: string;
  type: string;
  toStatus: string;
  case: { id: string; status: string };
}

type Gql = TestApi['gql'];

let n = 0;
async function report(gql: Gql, lng = 120.102, lat = 30.255): Promise<{ id: string; version: number }> {
  const res = await gql<{ reportCase: { case: { id: string; version: number } } }>(REPORT, {
    input: { clientKey: `sub-${Date.now()}-${n++}`, category: 'ENVIRONMENT', source: 'RESIDENT', lng, lat, description: '积水' },
    actor: REPORTER,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.reportCase.case;
}

/** A graphql-ws subscriber that collects what arrives. */
function subscriber(httpUrl: string, variables: Record<string, unknown>, token: string) {
  const received: Update[] = [];
  const errors: unknown[] = [];
  // A non-lazy client reports a connection it loses through onNonLazyError (console.error by default).
  const client: Client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: token },
    onNonLazyError: (e) => errors.push(e),
  });
  const unsubscribe = client.subscribe<{ caseUpdates: Update }>(
    { query: UPDATES, variables },
    {
      next: (r) => (r.errors ? errors.push(r.errors) : received.push(r.data!.caseUpdates)),
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    async until(predicate: (r: Update[]) => boolean, ms = 10_000): Promise<void> {
      const end = Date.now() + ms;
      while (!predicate(received)) {
        if (Date.now() > end)
          throw new Error(
            `timed out with ${received.length} updates (${received.map((u) => u.type).join(', ')}), errors ${JSON.stringify(errors)}`,
          );
        await new Promise((ok) => setTimeout(ok, 20));
      }
    },
    /**
     * A subscription without a cursor has no replay: reports cases at (lng, lat) through `gql` until one arrives,
     * so the subscription is known to be listening (a fixed wait was not enough on a loaded machine).
     */
    async live(gql: Gql, lng?: number, lat?: number): Promise<void> {
      for (let i = 0; ; i++) {
        const probe = await report(gql, lng, lat);
        try {
          return await this.until((r) => r.some((u) => u.caseId === probe.id), 500);
        } catch (error) {
          if (i >= 20) throw error;
        }
      }
    },
    async close(): Promise<void> {
      unsubscribe();
      await client.dispose();
    },
  };
}

async function eventIdsAfter(db: TestDatabase, after: string): Promise<string[]> {
  const rows: { id: string }[] = await db.dataSource.query(
    `SELECT e.id::text AS id FROM case_event e WHERE e.id > $1 AND e.grid_path <@ (SELECT path FROM grid WHERE id = $2) ORDER BY e.id`,
    [after, LARGE_1],
  );
  return rows.map((r) => r.id);
}

describe('caseUpdates on one process', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fixtureStreet());
  });
  afterAll(() => api.close());

  it('streams live events in the subscribed grid subtree only', async () => {
    const sub = subscriber(api.url, { gridId: LARGE_1, after: '0' }, api.adminToken);
    const inside = await report(api.gql);
    const outside = await report(api.gql, 120.115, 30.255); // in LARGE 2: filtered out
    const filed = await api.gql(`mutation ($id: ID!, $v: Int!, $a: ActorInput!) { fileCase(id: $id, version: $v, actor: $a) { id } }`, {
      id: inside.id,
      v: inside.version,
      a: CC,
    });
    expect(filed.errors).toBeUndefined();
    await sub.until((r) => r.some((u) => u.caseId === inside.id && u.type === 'FILED'));
    const mine = sub.received.filter((u) => u.caseId === inside.id);
    expect(mine.map((u) => u.type)).toEqual(['REPORTED', 'FILED']);
    expect(mine[1].case).toEqual({ id: inside.id, status: 'FILED' });
    expect(sub.received.map((u) => u.caseId)).not.toContain(outside.id);
    const ids = sub.received.map((u) => Number(u.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await sub.close();
  });

  it('gives a leader only the events of their subtree, live and replayed, whatever they subscribe to', async () => {
    const leader = await api.userToken({ login: 'sub-leader', role: 'GRID_LEADER', gridCodes: ['330106001002'] });
    const live = subscriber(api.url, {}, leader);
    await live.live(api.gql, 120.115, 30.255);
    const replayed = subscriber(api.url, { after: '0' }, leader);
    const west = await report(api.gql);
    const east = await report(api.gql, 120.115, 30.255);
    await live.until((r) => r.some((u) => u.caseId === east.id));
    await replayed.until((r) => r.some((u) => u.caseId === east.id));
    for (const sub of [live, replayed]) {
      expect(sub.received.map((u) => u.caseId)).not.toContain(west.id);
      await sub.close();
    }
    // No credentials, no subscription.
    let lost: unknown;
    const anonymous = createClient({
      url: `${api.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (e) => (lost = e),
    });
    const closed = await new Promise<unknown>((ok) => {
      anonymous.subscribe({ query: UPDATES }, { next: () => {}, error: (e) => ok(e), complete: () => ok('complete') });
    });
    expect(closed).toMatchObject({ code: 4403, reason: 'Forbidden' }); // onConnect said no
    expect(lost).toBe(closed);
    await anonymous.dispose();
  });

  it('replays after the cursor on reconnect, then streams live, with no gap and no duplicate', async () => {
    const first = subscriber(api.url, { gridId: LARGE_1, after: '0' }, api.adminToken);
    for (let i = 0; i < 3; i++) await report(api.gql);
    const expectedSoFar = await eventIdsAfter(api.db, '0');
    await first.until((r) => r.length >= expectedSoFar.length);
    const cursor = first.received[first.received.length - 1].id;
    await first.close();

    // While disconnected: more events.
    for (let i = 0; i < 5; i++) await report(api.gql);

    // Reconnect with the cursor while reports keep coming, so replay and live overlap.
    const writing = (async () => {
      for (let i = 0; i < 10; i++) await report(api.gql, 120.101 + i * 0.0005, 30.252);
    })();
    const second = subscriber(api.url, { gridId: LARGE_1, after: cursor }, api.adminToken);
    await writing;
    const expected = await eventIdsAfter(api.db, cursor);
    expect(expected.length).toBeGreaterThanOrEqual(15);
    await second.until((r) => r.length >= expected.length);
    await new Promise((ok) => setTimeout(ok, 200)); // anything extra would be a duplicate
    expect(second.received.map((u) => u.id)).toEqual(expected);
    expect(second.errors).toEqual([]);
    await second.close();
  });

  it('gives a reporter their own case and a department’s staff its dispatched case, live, wherever it lies, no one else’s', async () => {
    const [{ id: sfs }] = await api.db.dataSource.query(`SELECT id FROM department WHERE code = 'SFS'`);
    const residentToken = await api.userToken({ login: 'sub-resident', role: 'RESIDENT' });
    const staffToken = await api.userToken({ login: 'sub-sfs', role: 'DEPARTMENT_STAFF', departmentCode: 'SFS' });
    // From the newest event on: what happens while the subscriptions are being set up is replayed, not missed.
    const [{ after }] = await api.db.dataSource.query(`SELECT coalesce(max(id), 0)::text AS after FROM case_event`);
    const resident = subscriber(api.url, { after }, residentToken);
    const staff = subscriber(api.url, { after }, staffToken);
    const own = await api.gqlAs<{ reportCase: { case: { id: string; version: number } } }>(
      residentToken,
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } } }`,
      {
        input: {
          clientKey: `sub-own-${Date.now()}`,
          category: 'DISPUTE',
          source: 'RESIDENT',
          lng: 120.115,
          lat: 30.265,
          description: '噪音',
        },
      },
    );
    expect(own.errors).toBeUndefined();
    const mine = own.data!.reportCase.case;
    const someoneElses = await report(api.gql, 120.103, 30.256);
    const filed = await api.gql<{ fileCase: { version: number } }>(
      `mutation ($id: ID!, $v: Int!) { fileCase(id: $id, version: $v) { version } }`,
      { id: mine.id, v: mine.version },
    );
    const dispatched = await api.gql(
      `mutation ($id: ID!, $v: Int!, $d: ID!) { dispatchCase(id: $id, version: $v, departmentId: $d) { id } }`,
      {
        id: mine.id,
        v: filed.data!.fileCase.version,
        d: sfs,
      },
    );
    expect(dispatched.errors).toBeUndefined();
    await resident.until((r) => r.some((u) => u.type === 'DISPATCHED'));
    await staff.until((r) => r.some((u) => u.type === 'DISPATCHED'));
    await new Promise((ok) => setTimeout(ok, 300));
    // The reporter follows their case from the report on; the staff from its dispatch to them; neither sees the other case.
    expect(resident.received.map((u) => [u.caseId, u.type])).toEqual([
      [mine.id, 'REPORTED'],
      [mine.id, 'FILED'],
      [mine.id, 'DISPATCHED'],
    ]);
    expect(staff.received.map((u) => u.caseId)).not.toContain(someoneElses.id);
    expect(staff.received.map((u) => u.type)).toContain('DISPATCHED');
    expect([...resident.errors, ...staff.errors]).toEqual([]);
    await Promise.all([resident.close(), staff.close()]);
  });

  it('answers BAD_USER_INPUT for a malformed cursor', async () => {
    const sub = subscriber(api.url, { after: 'abc' }, api.adminToken);
    await sub.until(() => sub.errors.length > 0);
    expect(JSON.stringify(sub.errors)).toMatch(/BAD_USER_INPUT/);
    await sub.close();
  });
});

describe('the ordered bus', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fixtureStreet());
  });
  afterAll(() => api.close());

  it('hands events on in id order, waiting for late ones and filling lost ones from the table', async () => {
    const [{ last }] = await api.db.dataSource.query(`SELECT coalesce(max(id), 0)::text AS last FROM case_event`);
    for (let i = 0; i < 5; i++) await report(api.gql);
    const rows: CaseEvent[] = await api.db.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM case_event WHERE id > $1 ORDER BY case_event.id`,
      [last],
    );
    expect(rows).toHaveLength(5);
    const [a, b, c, d, e] = rows;
    const bus = new OrderedBus(new MemoryBus(), CASE_EVENTS, api.db.dataSource, BigInt(last));
    const seen: string[] = [];
    bus.subscribe(CASE_EVENTS, (ev) => seen.push(ev.id));
    await bus.publish(CASE_EVENTS, [c, a]);
    expect(seen).toEqual([a.id]);
    await bus.publish(CASE_EVENTS, [b, a]);
    expect(seen).toEqual([a.id, b.id, c.id]);
    await bus.publish(CASE_EVENTS, [e]); // d was never published: the table fills it in
    expect(seen).toEqual([a.id, b.id, c.id]);
    for (const end = Date.now() + 10_000; seen.length < 5 && Date.now() < end;) await new Promise((ok) => setTimeout(ok, 20));
    expect(seen).toEqual([a.id, b.id, c.id, d.id, e.id]);
    await bus.close();
  });
});

describe('caseUpdates across two API processes sharing Redis', () => {
  let db: TestDatabase;
  let a: App;
  let b: App;
  let urlA: string;
  let urlB: string;
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const userId = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'cc', displayName: '指挥中心', password: 'x', role: 'STREET_ADMIN' }),
    );
    token = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', jwtSecret())}`;
    const config = testConfig({ redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    a = await createApp(config, db);
    b = await createApp(config, db);
    urlA = await a.listen();
    urlB = await b.listen();
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.close();
  });

  it('delivers a case reported on A to a subscriber on B', async () => {
    const onB = subscriber(urlB, { gridId: LARGE_1 }, token);
    const gqlA: Gql = async (query, variables) =>
      (await (
        await fetch(`${urlA}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as never;
    await onB.live(gqlA); // B listens before the case that counts is reported (no cursor)
    const c = await report(gqlA);
    await onB.until((r) => r.some((u) => u.caseId === c.id));
    expect(onB.received.filter((u) => u.caseId === c.id).map((u) => u.type)).toEqual(['REPORTED']);
    await onB.close();
  });
});
