import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: its path, idempotency key and JSON body. */
export interface Received {
  path: string;
  key: string | undefined;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** How the receiver answers the n-th request (from 1): accept, fail with HTTP 500, or hold it unanswered until released. */
export type Behaviour = (n: number, request: Received) => 'ok' | 'fail' | 'hold';

/**
 * A local HTTP receiver standing in for an SMS provider and a WeCom group robot
 * (127.0.0.1, a random port). It dedupes on the `Idempotency-Key` header as a receiver that
 * honours it would: `delivered` holds each key's message once, however often it was sent.
 */
export async function startReceiver(behaviour: Behaviour = () => 'ok') {
  const requests: Received[] = [];
  const delivered = new Map<string, Received>();
  const held: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = {
        path: req.url ?? '',
        key: req.headers['idempotency-key'] as string | undefined,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      };
      requests.push(received);
      const answer = behaviour(requests.length, received);
      // Accepted once it is in: a held request has reached the receiver, whatever happens to the answer.
      if (answer !== 'fail' && received.key && !delivered.has(received.key)) delivered.set(received.key, received);
      waiters.splice(0).forEach((w) => w());
      if (answer === 'hold') return void held.push(res);
      if (answer === 'fail') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"busy"}');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(received.path.startsWith('/wecom') ? '{"errcode":0,"errmsg":"ok"}' : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    delivered,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number): Promise<void> {
      while (requests.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    /** Answers the held requests (their senders may be gone). */
    release(): void {
      for (const res of held.splice(0)) if (!res.destroyed) res.writeHead(200).end('{}');
    },
    close(): Promise<void> {
      held.splice(0).forEach((r) => r.destroy());
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
