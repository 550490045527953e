import { Agent, request } from 'node:http';

/**
 * The load generator's HTTP client for reads measured against a floor (`pnpm bench api`): a
 * POST on node:http over keep-alive connections. Node's `fetch` (undici behind WHATWG streams and
 * Headers) spends several times the CPU of the server's own work on a small answer, on the same two
 * cores as the server: `{ __typename }` measured 1,124–1,451 req/s through it against 3,883–4,066
 * through this at concurrency 1 (BENCHMARKS.md). The floor's own client is pg, as lean as a client
 * gets, so the HTTP side gets a lean one too. BENCH_HTTP_CLIENT=fetch measures with `fetch` instead.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export const httpClient: 'http' | 'fetch' = process.env.BENCH_HTTP_CLIENT === 'fetch' ? 'fetch' : 'http';

export async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  if (httpClient === 'fetch') {
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }
  return new Promise((ok, fail) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
