import 'reflect-metadata';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { appendServiceEvent } from '../src/domains/service/service.events';
import { WishService } from '../src/domains/service/wishes/wish.service';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';
import { createApp, type App } from '../src/app/server';
import { createTestDatabase, startTestApi, type TestApi, type TestDatabase, testConfig } from './harness';
import { RedisServer } from './redis-server';

process.env.CASE_SWEEP_MS = '0';

const LEADER = { role: 'GRID_LEADER', name: '社区书记' };
const COMMUNITY_1 = stableId('330106001001');
const SMALL_1 = '3301060010010010001';
const SMALL_OUTSIDE = '3301060010020010001'; // in community 330106001002
const household = (smallCode: string, h: number) => stableId(`${smallCode}/household/${h}`);
const TUE_9_11 = { weekday: 2, startMinute: 540, endMinute: 660 };
const UPDATES = `subscription ($gridId: ID) { serviceUpdates(gridId: $gridId) { id subject subjectId type gridId at } }`;

interface Update {
  id: string;
  subject: string;
  subjectId: string;
  type: string;
  gridId: string | null;
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

async function raiseNeed(householdId: string, gql: TestApi['gql'] = api.gql): Promise<string> {
  const res = await gql<{ raiseNeed: { id: string } }>(
    `mutation ($input: NeedInput!, $a: ActorInput) { raiseNeed(input: $input, actor: $a) { id } }`,
    {
      input: { householdId, type: 'REPAIR', source: 'GRID_LEADER', window: TUE_9_11 },
      a: LEADER,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.raiseNeed.id;
}

/** A graphql-ws subscriber that collects what arrives. */
function subscriber(variables: Record<string, unknown>, token: string, url = api.url) {
  const received: Update[] = [];
  const errors: unknown[] = [];
  // A non-lazy client reports a connection it loses through onNonLazyError (console.error by default).
  const client: Client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: token },
    onNonLazyError: (e) => errors.push(e),
  });
  const unsubscribe = client.subscribe<{ serviceUpdates: Update }>(
    { query: UPDATES, variables },
    {
      next: (r) => (r.errors ? errors.push(r.errors) : received.push(r.data!.serviceUpdates)),
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
        if (Date.now() > end) throw new Error(`timed out with ${received.length} updates, errors ${JSON.stringify(errors)}`);
        await new Promise((ok) => setTimeout(ok, 20));
      }
    },
    /** Live subscriptions have no replay: raise needs inside until one arrives, so the subscription is known to be listening. */
    async live(gql?: TestApi['gql']): Promise<void> {
      for (let i = 0; ; i++) {
        const probe = await raiseNeed(household(SMALL_1, 1), gql);
        try {
          await this.until((r) => r.some((u) => u.subjectId === probe), 500);
          return;
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

describe('serviceUpdates', () => {
  it('a leader subscribed to their grid receives the need raised in it and nothing of a need outside it', async () => {
    const leader = await api.userToken({ login: 'svc-sub-leader', role: 'GRID_LEADER', gridCodes: ['330106001001'] });
    const ofGrid = subscriber({ gridId: COMMUNITY_1 }, leader);
    const ofScope = subscriber({}, leader);
    const admin = subscriber({}, api.adminToken);
    for (const sub of [ofGrid, ofScope, admin]) await sub.live();

    const outside = await raiseNeed(household(SMALL_OUTSIDE, 0));
    const inside = await raiseNeed(household(SMALL_1, 0));
    for (const sub of [ofGrid, ofScope, admin]) await sub.until((r) => r.some((u) => u.subjectId === inside));
    const [smallGrid] = await api.db.dataSource.query(`SELECT id FROM grid WHERE code = $1`, [SMALL_1]);
    for (const sub of [ofGrid, ofScope]) {
      expect(sub.received.find((u) => u.subjectId === inside)).toMatchObject({ subject: 'NEED', type: 'RAISED', gridId: smallGrid.id });
      expect(sub.received.map((u) => u.subjectId)).not.toContain(outside);
      expect(sub.errors).toEqual([]);
    }
    // Street staff see the whole street.
    expect(admin.received.map((u) => u.subjectId)).toContain(outside);
    for (const sub of [ofGrid, ofScope, admin]) await sub.close();
  });

  it('publishes after commit only: a rolled-back transaction or savepoint announces nothing', async () => {
    const admin = subscriber({}, api.adminToken);
    await admin.live();
    const need = await raiseNeed(household(SMALL_1, 1));
    const actor = { role: 'SYSTEM', name: 'test' };
    await expect(
      api.db.dataSource.transaction(async (m) => {
        await appendServiceEvent(m, 'NEED', need, 'ROLLED_BACK', actor);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await api.db.dataSource.transaction(async (m) => {
      await appendServiceEvent(m, 'NEED', need, 'KEPT_OUTER', actor);
      await m
        .transaction(async (inner) => {
          await appendServiceEvent(inner, 'NEED', need, 'SAVEPOINT_ROLLED_BACK', actor);
          throw new Error('roll back the savepoint');
        })
        .catch(() => undefined);
      await m.transaction((inner) => appendServiceEvent(inner, 'NEED', need, 'KEPT_SAVEPOINT', actor));
      // Not yet committed: nothing may have arrived.
      await new Promise((ok) => setTimeout(ok, 100));
      expect(admin.received.filter((u) => u.type.startsWith('KEPT'))).toEqual([]);
    });
    await admin.until((r) => r.some((u) => u.type === 'KEPT_SAVEPOINT'));
    expect(admin.received.filter((u) => u.subjectId === need).map((u) => u.type)).toEqual(['RAISED', 'KEPT_OUTER', 'KEPT_SAVEPOINT']);
    await admin.close();
  });

  it('announces the claim-expiry sweep, which writes its events in bulk', async () => {
    const admin = subscriber({}, api.adminToken);
    await admin.live();
    const A = `mutation ($input: WishInput!, $a: ActorInput) { postWish(input: $input, actor: $a) { id version } }`;
    const posted = await api.gql<{ postWish: { id: string; version: number } }>(A, {
      input: { householdId: household(SMALL_1, 0), title: '会过期的认领', description: 'x', posterName: 'y' },
      a: LEADER,
    });
    const wishId = posted.data!.postWish.id;
    await api.gql(`mutation ($id: ID!, $v: Int!, $a: ActorInput) { reviewWish(id: $id, version: $v, publish: true, actor: $a) { id } }`, {
      id: wishId,
      v: posted.data!.postWish.version,
      a: LEADER,
    });
    const reg = await api.gql<{ registerForService: { id: string } }>(
      `mutation ($input: RegistrationInput!, $a: ActorInput) { registerForService(input: $input, actor: $a) { id } }`,
      {
        input: {
          kind: 'VOLUNTEER',
          name: '认领人',
          communityId: COMMUNITY_1,
          householdId: household(SMALL_1, 1),
          skills: ['REPAIR'],
          radiusM: 1000,
          weeklyCapacity: 1,
          availability: [TUE_9_11],
        },
        a: { role: 'VOLUNTEER', name: 'x' },
      },
    );
    const claimed = await api.gql(
      `mutation ($id: ID!, $r: ID!, $a: ActorInput) { claimWish(id: $id, registrationId: $r, actor: $a) { id } }`,
      { id: wishId, r: reg.data!.registerForService.id, a: { role: 'VOLUNTEER', name: 'x' } },
    );
    expect(claimed.errors).toBeUndefined();
    expect(await new WishService(api.db.dataSource.manager).expireClaims(new Date(Date.now() + 73 * 3_600_000))).toContain(wishId);
    await admin.until((r) => r.some((u) => u.subjectId === wishId && u.type === 'CLAIM_EXPIRED'));
    expect(admin.received.find((u) => u.subjectId === wishId && u.type === 'CLAIM_EXPIRED')).toMatchObject({
      subject: 'WISH',
      gridId: stableId(SMALL_1),
    });
    await admin.close();
  });

  it('announces the proposals of a matching run, which it writes in bulk', async () => {
    const admin = subscriber({}, api.adminToken);
    await admin.live();
    await api.gql(`mutation ($input: RegistrationInput!, $a: ActorInput) { registerForService(input: $input, actor: $a) { id } }`, {
      input: {
        kind: 'VOLUNTEER',
        name: '匹配人',
        communityId: COMMUNITY_1,
        householdId: household(SMALL_1, 1),
        skills: ['REPAIR'],
        radiusM: 2000,
        weeklyCapacity: 1,
        availability: [TUE_9_11],
      },
      a: { role: 'VOLUNTEER', name: 'x' },
    });
    const run = await api.gql<{ proposeMatches: { proposals: { id: string }[] } }>(
      `mutation ($g: ID!, $a: ActorInput) { proposeMatches(gridId: $g, period: "2026-12-07", actor: $a) { proposals { id } } }`,
      { g: stableId(SMALL_1), a: LEADER },
    );
    const ids = run.data!.proposeMatches.proposals.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(0);
    await admin.until((r) => ids.every((id) => r.some((u) => u.subjectId === id && u.type === 'PROPOSED')));
    await admin.close();
  });

  it('residents and volunteers get no live service feed', async () => {
    const volunteer = await api.userToken({ login: 'svc-sub-volunteer', role: 'VOLUNTEER' });
    const sub = subscriber({}, volunteer);
    await sub.until(() => sub.errors.length > 0);
    expect(JSON.stringify(sub.errors)).toContain('FORBIDDEN');
    await sub.close();
  });
});

describe('serviceUpdates across two API processes sharing Redis', () => {
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
      upsertUser(m, { login: 'svc-admin', displayName: '街道', password: 'x', role: 'STREET_ADMIN' }),
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

  it('delivers a need raised on A to a subscriber on B, once', async () => {
    const onB = subscriber({ gridId: COMMUNITY_1 }, token, urlB);
    const gqlA: TestApi['gql'] = async (query, variables) =>
      (await (
        await fetch(`${urlA}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as never;
    await onB.live(gqlA); // live only: B listens before the need that counts is raised
    const need = await raiseNeed(household(SMALL_1, 0), gqlA);
    await onB.until((r) => r.some((u) => u.subjectId === need));
    await new Promise((ok) => setTimeout(ok, 200));
    expect(onB.received.filter((u) => u.subjectId === need).map((u) => u.type)).toEqual(['RAISED']);
    await onB.close();
  });
});

describe("serviceUpdates through an outage of Redis (a redis-server of this test's own)", () => {
  let db: TestDatabase;
  let redis: RedisServer;
  const apps: App[] = [];
  const urls: string[] = [];
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    const userId = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'svc-outage-admin', displayName: '街道', password: 'x', role: 'STREET_ADMIN' }),
    );
    token = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', jwtSecret())}`;
    redis = await RedisServer.onFreePort();
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await redis.close();
    await db.close();
  });

  const gqlOn =
    (url: string): TestApi['gql'] =>
    async (query, variables) =>
      (await (
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as never;

  it("processes start with Redis down and serve at once; one's commits reach the other's subscribers once Redis answers", async () => {
    const config = testConfig({ redisUrl: redis.url });
    const started = Date.now();
    const a = await createApp(config, db);
    apps.push(a);
    const b = await createApp(config, db);
    apps.push(b);
    const startMs = Date.now() - started;
    // The bus waits 3 s for Redis before serving without it (the old bus waited for ever).
    expect(startMs).toBeLessThan(20_000);
    urls.push(await a.listen(), await b.listen());
    const [urlA, urlB] = urls;
    const onB = subscriber({ gridId: COMMUNITY_1 }, token, urlB);
    // No probe can show B listening while Redis is down: the two apps share this process's DataSource, whose service
    // changes go out on the first app's bus only. B's gauge counts the subscription once B has taken it in.
    const subscriptionsOn = async (url: string) =>
      Number(/^streetgrid_subscribers\{kind="subscriptions"\} (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
    for (const end = Date.now() + 10_000; (await subscriptionsOn(urlB)) < 1;) {
      if (Date.now() > end) throw new Error('B did not take the subscription in within 10 s');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    const need = await raiseNeed(household(SMALL_1, 0), gqlOn(urlA));
    await new Promise((ok) => setTimeout(ok, 500));
    expect(onB.received.some((u) => u.subjectId === need)).toBe(false); // no Redis: A's subscribers only

    await redis.start();
    await onB.until((r) => r.some((u) => u.subjectId === need), 15_000);
    expect(onB.received.find((u) => u.subjectId === need)?.type).toBe('RAISED');
    // And the bus carries B's live changes to A's subscribers again.
    const onA = subscriber({ gridId: COMMUNITY_1 }, token, urlA);
    await onA.live(gqlOn(urlA));
    const after = await raiseNeed(household(SMALL_1, 1), gqlOn(urlB));
    await onA.until((r) => r.some((u) => u.subjectId === after));
    await onA.close();
    await onB.close();
  });

  it("Redis killed under two processes: a change committed meanwhile reaches the other process's subscribers when it is back", async () => {
    const [urlA, urlB] = urls;
    const onB = subscriber({ gridId: COMMUNITY_1 }, token, urlB);
    await onB.live(gqlOn(urlB));
    await redis.stop();
    await new Promise((ok) => setTimeout(ok, 300));
    const need = await raiseNeed(household(SMALL_1, 0), gqlOn(urlA));
    await redis.start();
    await onB.until((r) => r.some((u) => u.subjectId === need), 15_000);
    await onB.close();
  });
});
