import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { openDatabase } from '../src/app/database';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { fixtureStreet, stableId } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'api', 'dist', 'main.js');
const SECRET = 'streetgrid-shutdown-test';
const WORKERS = 4;
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`;
const GRID_AT = `{ gridAt(lng: 120.102, lat: 30.252) { code } }`;
/** pg_control's DBState: 1 = shut down cleanly (checkpointed), 6 = in production (a crash leaves this). */
const DB_SHUTDOWNED = 1;

/** What one request came to: an HTTP answer, refused before being accepted, or cut off (the failure this test is about). */
type Outcome =
  | { kind: 'answered'; status: number; caseId?: string; inFlightAtSignal: boolean }
  | { kind: 'refused' }
  | { kind: 'cut'; error: string; inFlightAtSignal: boolean };

/**
 * `api/dist/main.js` on the embedded database in a temporary DATA_DIR, stopped with SIGTERM
 * while four clients send queries and case reports back to back and one subscribes.
 */
describe('graceful shutdown', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'api')], { stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'streetgrid-shutdown-'));
    const db = await openDatabase({ dataDir });
    await db.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
    await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'load', displayName: 'load', password: 'load-password', role: 'STREET_ADMIN' }),
    );
    await db.close();
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'on SIGTERM under load: every accepted request is answered, the websocket closes with 1001, one line, exit 0, ' +
      'the database reopens with every reported case',
    async () => {
      const { DATABASE_URL: _ignored, ...env } = process.env;
      child = spawn(process.execPath, [MAIN], {
        env: {
          ...env,
          DATA_DIR: dataDir,
          STORAGE_DIR: join(dataDir, 'photos'),
          PORT: '0',
          HOST: '127.0.0.1',
          JWT_SECRET: SECRET,
          SEED_DEMO: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk) => (stdout += chunk));
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
        child!.once('exit', (code, signal) => ok({ code, signal })),
      );
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`the app did not start within 60 s:\n${stdout}\n${stderr}`)), 60_000);
        child!.stdout!.on('data', () => {
          const match = /on (http:\/\/\S+)\/graphql/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            ok(match[1]);
          }
        });
        void exited.then(({ code }) => fail(new Error(`the app exited with ${code} before listening:\n${stderr}`)));
      });

      const db = await openDatabase({ dataDir }); // connects to the running app's database (pglite.url)
      const [{ id: userId }]: { id: string }[] = await db.dataSource.query(`SELECT id FROM app_user WHERE login = 'load'`);
      await db.dataSource.destroy();
      const authorization = `Bearer ${await signAccessToken(userId, 'STREET_ADMIN', new TextEncoder().encode(SECRET))}`;

      const ws = createClient({
        url: `${url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        connectionParams: { authorization },
        onNonLazyError: () => {},
      });
      const closed = new Promise<number>((ok) => ws.on('closed', (event) => ok((event as { code: number }).code)));
      const updates: string[] = [];
      ws.subscribe<{ caseUpdates: { caseId: string } }>(
        {
          query: `subscription ($gridId: ID) { caseUpdates(gridId: $gridId) { caseId } }`,
          variables: { gridId: stableId('330106001001') },
        },
        { next: (r) => r.data && updates.push(r.data.caseUpdates.caseId), error: () => {}, complete: () => {} },
      );
      await new Promise<void>((ok) => ws.on('connected', () => ok()));

      let signalled = false;
      let inFlight = 0;
      const outcomes: Outcome[] = [];
      const send = async (worker: number, i: number): Promise<Outcome> => {
        const report = i % 3 === 0;
        const body = report
          ? {
              query: REPORT,
              variables: {
                input: {
                  clientKey: `load-${worker}-${i}`,
                  category: 'ENVIRONMENT',
                  source: 'RESIDENT',
                  lng: 120.102,
                  lat: 30.252,
                  description: '停止测试',
                },
              },
            }
          : { query: GRID_AT };
        const before = signalled;
        inFlight++;
        try {
          const res = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as { data?: { reportCase?: { case: { id: string } } }; errors?: unknown[] };
          if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors)}`);
          return { kind: 'answered', status: res.status, caseId: json.data?.reportCase?.case.id, inFlightAtSignal: !before && signalled };
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          if (cause?.code === 'ECONNREFUSED' && signalled) return { kind: 'refused' };
          return {
            kind: 'cut',
            error: `${(error as Error).message} (${cause?.code ?? 'no code'})`,
            inFlightAtSignal: !before && signalled,
          };
        } finally {
          inFlight--;
        }
      };
      const workers = Array.from({ length: WORKERS }, async (_, worker) => {
        for (let i = 0; ; i++) {
          const outcome = await send(worker, i);
          outcomes.push(outcome);
          if (outcome.kind !== 'answered') return;
        }
      });

      // Let the load run, then signal while requests are in flight.
      while (outcomes.filter((o) => o.kind === 'answered').length < 30) await new Promise((ok) => setTimeout(ok, 10));
      while (inFlight === 0) await new Promise((ok) => setImmediate(ok));
      const stopAt = Date.now();
      signalled = true;
      child.kill('SIGTERM');
      const exit = await exited;
      const stopMs = Date.now() - stopAt;
      await Promise.all(workers);
      const closeCode = await closed;
      await ws.dispose();

      expect(exit).toEqual({ code: 0, signal: null });
      expect(outcomes.filter((o) => o.kind === 'cut')).toEqual([]);
      const answered = outcomes.filter((o): o is Extract<Outcome, { kind: 'answered' }> => o.kind === 'answered');
      expect(answered.every((o) => o.status === 200)).toBe(true);
      expect(answered.filter((o) => o.inFlightAtSignal).length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(WORKERS);
      expect(closeCode).toBe(1001);
      expect(stderr).toBe('');
      const lines = stdout.trim().split('\n');
      expect(lines.slice(2)).toEqual([
        expect.stringMatching(/^started in \d+ ms: database \d+ ms, app \d+ ms$/),
        expect.stringMatching(
          /^streetgrid stopped \(SIGTERM\) in \d+ ms: \d+ requests? finished, 1 websocket closed, embedded database closed$/,
        ),
      ]);
      expect(stopMs).toBeLessThan(5_000);
      console.log(
        `shutdown under load: ${answered.length} answered (${answered.filter((o) => o.inFlightAtSignal).length} in flight at SIGTERM), ` +
          `exit after ${stopMs} ms; ${lines[3]}`,
      );

      // Closed cleanly: pg_control says shut down, the URL file is gone, and every reported case is there.
      expect(readFileSync(join(dataDir, 'pglite', 'global', 'pg_control')).readUInt32LE(16)).toBe(DB_SHUTDOWNED);
      expect(existsSync(join(dataDir, 'pglite.url'))).toBe(false);
      const reported = answered.flatMap((o) => (o.caseId ? [o.caseId] : []));
      expect(reported.length).toBeGreaterThan(0);
      expect(updates.length).toBeGreaterThan(0);
      const reopened = await openDatabase({ dataDir });
      try {
        const [{ n }]: { n: number }[] = await reopened.dataSource.query(
          `SELECT count(*)::int AS n FROM "case" WHERE id = ANY($1::uuid[])`,
          [reported],
        );
        expect(n).toBe(reported.length);
      } finally {
        await reopened.close();
      }
    },
  );
});
