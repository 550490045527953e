import 'reflect-metadata';
import { PassThrough, Readable } from 'node:stream';
import { createApp, type App } from '@streetgrid/api/app/server';
import { createTestDatabase, testConfig, type TestDatabase } from '../../api/__integration-tests__/harness';
import { commands } from '../src/cli/commands';
import { runCli } from '../src/cli/run';

const LOGIN = `mutation ($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken refreshToken user { login role } } }`;
const REFRESH = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken } }`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let db: TestDatabase;
let app: App;
let url: string;

/** `pnpm cli user …` against the test database, with `input` on stdin. */
async function cli(args: string[], input?: string): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(['user', ...args, '--database-url', db.url], commands, {
    env: { USER: 'ops' },
    stdin: input === undefined ? undefined : Readable.from([input]),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: Record<string, { accessToken: string; refreshToken: string; user: unknown; login: string }>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const signIn = (login: string, password: string) => gql(LOGIN, { l: login, p: password });
const counts = async () =>
  (
    await db.dataSource.query(`SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM account_audit)::int AS audit`)
  )[0];

// An installation as production starts it (SEED_DEMO=false): migrations only, no street, no account.
beforeAll(async () => {
  db = await createTestDatabase();
  app = await createApp(testConfig({ seedDemo: false }), db);
  url = await app.listen();
});
afterAll(async () => {
  await app.stop();
  await db.close();
});

describe('pnpm cli user: the first street admin of an empty installation', () => {
  it('creates a STREET_ADMIN with a password from stdin, who then signs in over GraphQL', async () => {
    expect(await counts()).toEqual({ users: 0, audit: 0 });
    const run = await cli(
      ['create', '--login', 'Chief', '--name', '王主任', '--role', 'STREET_ADMIN', '--password-stdin'],
      'first-secret-1\n',
    );
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('created chief (STREET_ADMIN)');
    expect(run.stderr).not.toContain('first-secret-1');

    const answer = await signIn('chief', 'first-secret-1');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.login.user).toEqual({ login: 'chief', role: 'STREET_ADMIN' });
    const me = await gql(`{ me { login displayName role } }`, {}, answer.data!.login.accessToken);
    expect(me.data!.me).toEqual({ login: 'chief', displayName: '王主任', role: 'STREET_ADMIN' });

    const [row] = await db.dataSource.query(`SELECT actor, action, detail, reason FROM account_audit`);
    expect(row).toMatchObject({ actor: 'cli:ops', action: 'CREATED', reason: 'command line' });
    expect(JSON.stringify(row.detail)).not.toContain('first-secret-1');
  });

  it('generates a password when none is piped in and prints it once, alone, on stdout', async () => {
    const run = await cli(['create', '--login', 'duty', '--name', '值班员', '--role', 'OPERATOR', '--reason', 'night shift']);
    expect(run.code).toBe(0);
    const password = run.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(run.stderr).not.toContain(password);
    expect((await signIn('duty', password)).errors).toBeUndefined();
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const before = await counts();
    const badRole = await cli(['create', '--login', 'x1', '--name', 'X', '--role', 'KING', '--password-stdin'], 'long-enough-1\n');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('input.role: must be one of STREET_ADMIN');
    const taken = await cli(['create', '--login', 'chief', '--name', 'X', '--role', 'OPERATOR', '--password-stdin'], 'long-enough-1\n');
    expect(taken.stderr).toContain('input.login: is taken');
    const short = await cli(['create', '--login', 'x2', '--name', 'X', '--role', 'OPERATOR', '--password-stdin'], 'short\n');
    expect(short.stderr).toContain('input.password: must be 8 to 200 characters');
    const leaderWithoutGrid = await cli(['create', '--login', 'x3', '--name', 'X', '--role', 'GRID_LEADER']);
    expect(leaderWithoutGrid.stderr).toContain('input.gridIds: a GRID_LEADER leads at least one grid');
    const unknownGrid = await cli(['create', '--login', 'x4', '--name', 'X', '--role', 'GRID_LEADER', '--grid', '110101001001']);
    expect(unknownGrid.stderr).toContain('no grid with the code 110101001001');
    const usage = await cli(['create', '--name', 'X', '--role', 'OPERATOR']);
    expect(usage.code).toBe(2);
    expect(await counts()).toEqual(before);
  });

  it('lists accounts without secrets', async () => {
    const run = await cli(['list']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['chief\t王主任\tSTREET_ADMIN\t-\tactive', 'duty\t值班员\tOPERATOR\t-\tactive']);
    expect((await cli(['list', '--role', 'OPERATOR'])).stdout).not.toContain('chief');
  });

  it('disable ends the account’s sign-ins and enable lets it back in', async () => {
    const session = await signIn('duty', (await cli(['reset-password', 'duty'])).stdout.trim());
    const refreshToken = session.data!.login.refreshToken;
    const disabled = await cli(['disable', 'duty', '--reason', 'left the job']);
    expect(disabled).toMatchObject({ code: 0, stdout: '' });
    expect((await gql(REFRESH, { t: refreshToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await gql(`{ me { login } }`, {}, session.data!.login.accessToken)).errors![0].message).toContain('disabled');

    expect((await cli(['enable', 'duty'])).code).toBe(0);
    await cli(['reset-password', 'duty', '--password-stdin'], 'back-again-22\n');
    expect((await signIn('duty', 'back-again-22')).errors).toBeUndefined();
    const actions = await db.dataSource.query(`SELECT action, reason FROM account_audit WHERE detail->>'login' = 'duty' ORDER BY id`);
    expect(actions).toEqual([
      { action: 'CREATED', reason: 'night shift' },
      { action: 'PASSWORD_RESET', reason: 'command line' },
      { action: 'DISABLED', reason: 'left the job' },
      { action: 'ENABLED', reason: 'command line' },
      { action: 'PASSWORD_RESET', reason: 'command line' },
    ]);
  });

  it('answers an unknown login with exit code 1', async () => {
    expect(await cli(['disable', 'nobody'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no account "nobody"') });
  });

  it('creates a DEPARTMENT_STAFF account for a department by its code, and refuses one without or with an unknown code', async () => {
    const before = await counts();
    expect(await cli(['create', '--login', 'sfs-zhao', '--name', '赵', '--role', 'DEPARTMENT_STAFF'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('works for one department'),
    });
    expect(
      await cli(['create', '--login', 'sfs-zhao', '--name', '赵', '--role', 'DEPARTMENT_STAFF', '--department', 'NOPE']),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such department'),
    });
    expect(await counts()).toEqual(before);
    const run = await cli(
      ['create', '--login', 'sfs-zhao', '--name', '赵', '--role', 'DEPARTMENT_STAFF', '--department', 'SFS', '--password-stdin'],
      'staff-secret-1\n',
    );
    expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining('created sfs-zhao (DEPARTMENT_STAFF)') });
    const [row] = await db.dataSource.query(
      `SELECT d.code FROM app_user u JOIN department d ON d.id = u.department_id WHERE u.login = 'sfs-zhao'`,
    );
    expect(row).toEqual({ code: 'SFS' });
    expect((await signIn('sfs-zhao', 'staff-secret-1')).data!.login.user).toEqual({ login: 'sfs-zhao', role: 'DEPARTMENT_STAFF' });
  });

  it('refuses an ORGANIZATION_STAFF account without an organisation or with an unknown one, writing nothing', async () => {
    const before = await counts();
    const args = ['create', '--login', 'wuye-sun', '--name', '孙', '--role', 'ORGANIZATION_STAFF'];
    expect(await cli(args)).toMatchObject({ code: 1, stderr: expect.stringContaining('works for one organisation') });
    expect(await cli([...args, '--organization', '5b6c1f0e-3d2a-4c1b-9e8f-7a6b5c4d3e2f'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such organisation'),
    });
    expect(await cli([...args.slice(0, 6), 'RESIDENT', '--organization', '5b6c1f0e-3d2a-4c1b-9e8f-7a6b5c4d3e2f'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('only an ORGANIZATION_STAFF account works for an organisation'),
    });
    expect(await counts()).toEqual(before);
  });
});
