import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';

/**
 * The floor over HTTP (`pnpm bench api`): a bare `node:http` server in its own process, like the
 * API's, that answers a POST `{ op, params }` with `{"data":{"<key>": …}}` built by the floor's one
 * statement (FLOOR_SQL: a JSON array of the operations' `{ key, sql }`), over a pg pool of
 * FLOOR_POOL. What any HTTP API could reach for a read, whatever its framework: the API's ratio to
 * it is its own cost; the floor's ratio to it is HTTP's.
 */
const statements = JSON.parse(process.env.FLOOR_SQL ?? '[]') as { key: string; sql: string }[];
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL ?? 10), idleTimeoutMillis: 0 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { op, params } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { op: number; params?: unknown[] };
      const { key, sql } = statements[op];
      const { rows } = await pool.query<{ json: unknown }>(sql, params);
      res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8' });
      res.end(JSON.stringify({ data: { [key]: rows[0].json } }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`floor on http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
