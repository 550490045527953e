import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { signAccessToken } from '@streetgrid/api';

/** The secret benchmark processes sign and verify with (never a deployment's). */
const BENCH_SECRET = 'streetgrid-bench-only';

/**
 * A benchmark account and an `Authorization` header for it, signed with `secret` (the API under
 * test must verify with the same): `bench-admin`, a street admin; or `bench-leader`, who leads the
 * first small grid (by code), so nearly every case of the street lies outside their grids.
 */
export async function benchAuthorization(
  databaseUrl: string,
  secret: Parameters<typeof signAccessToken>[2] = new TextEncoder().encode(process.env.JWT_SECRET ?? BENCH_SECRET),
  as: 'admin' | 'leader' = 'admin',
): Promise<string> {
  const role = as === 'admin' ? 'STREET_ADMIN' : 'GRID_LEADER';
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ($1, 'bench', 'scrypt$disabled', $2)
       ON CONFLICT (login) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
      [`bench-${as}`, role],
    );
    if (as === 'leader') {
      await client.query(
        `INSERT INTO user_grid (user_id, grid_id)
         SELECT $1, id FROM grid WHERE level = 'SMALL' ORDER BY code LIMIT 1 ON CONFLICT DO NOTHING`,
        [rows[0].id],
      );
    }
    return `Bearer ${await signAccessToken(rows[0].id, role, secret)}`;
  } finally {
    await client.end();
  }
}

/**
 * The built API (`api/dist/main.js`) in a child process on a free loopback port, with a
 * street admin's `authorization` header for requests to it.
 */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  mainJs?: string,
): Promise<{ url: string; pid: number; authorization: string; stop(): Promise<void> }> {
  const secret = env.JWT_SECRET ?? process.env.JWT_SECRET ?? BENCH_SECRET;
  // BENCH_API_MAIN: another build's api/dist/main.js, to compare two builds against the same floor.
  const main = mainJs ?? process.env.BENCH_API_MAIN ?? resolve(__dirname, '../../../api/dist/main.js');
  const server = await startServerProcess(
    'API',
    main,
    { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', JWT_SECRET: secret, ...env },
    /on (http:\/\/\S+)\/graphql/,
  );
  return { ...server, authorization: await benchAuthorization(databaseUrl, new TextEncoder().encode(secret)) };
}

/**
 * A server script in a child process (`node <main>` with `env` added to this one's), once its
 * standard output shows the URL `announces` captures (within 60 s); `stop` sends SIGTERM and
 * waits for it to exit.
 */
export async function startServerProcess(
  name: string,
  main: string,
  env: Record<string, string>,
  announces: RegExp,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 60 s`)), 60_000);
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const match = announces.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
