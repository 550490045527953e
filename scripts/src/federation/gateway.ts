import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse, type DocumentNode } from 'graphql';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { useUpstreamPool } from './pool-plugin';
import { UpstreamPool, type UpstreamState } from './upstreams';

export interface GatewayOptions {
  /** Every API process's GraphQL endpoint (`http://host:port/graphql`). */
  upstreams: string[];
  /** The streetgrid subgraph's SDL (`schema/subgraph.graphql`). */
  subgraphSdl: string;
  /** Departments' subgraphs composed beside ours. */
  departments: { name: string; typeDefs: DocumentNode; url: string }[];
  port: number;
  host: string;
  log?: (line: string) => void;
}

export interface RunningGateway {
  url: string;
  upstreams(): UpstreamState[];
  stop(): Promise<void>;
}

/** The supergraph of our subgraph and the departments' (composed here, at start). */
export function composeSupergraph(subgraphSdl: string, departments: GatewayOptions['departments'], streetgridUrl: string): string {
  const composed = composeServices([
    { name: 'streetgrid', typeDefs: parse(subgraphSdl), url: streetgridUrl },
    ...departments.map((d) => ({ name: d.name, typeDefs: d.typeDefs, url: d.url })),
  ]);
  if (composed.errors?.length) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl!;
}

export function readSubgraphSdl(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * A Hive Gateway (federation router) on `host:port`: `/graphql` over HTTP and graphql-ws, the
 * streetgrid subgraph load-balanced over `upstreams`, departments' subgraphs beside it. The
 * caller's `authorization` header (or connectionParams over a websocket) is passed on to the
 * subgraphs. `/upstreams` answers each process's state (healthy, requests routed).
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const log = opts.log ?? console.log;
  const pool = new UpstreamPool(opts.upstreams, log);
  pool.startProbes();
  const runtime = createGatewayRuntime({
    supergraph: composeSupergraph(opts.subgraphSdl, opts.departments, opts.upstreams[0]),
    logging: 'warn',
    maskedErrors: false,
    transportEntries: {
      streetgrid: {
        // Chosen per operation by the pool (useUpstreamPool); subscriptions on the same process, by websocket.
        location: '{context.upstream}',
        options: {
          subscriptions: {
            kind: 'ws',
            // A subscription whose process went away ends with an error: the client resumes it
            // with its cursor (on another process), which a silent re-subscribe would lose.
            options: { retryAttempts: 0, connectionParams: { authorization: '{context.connectionParams.authorization}' } },
          },
        },
      },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request?.headers.get('authorization') ?? null }),
    },
    plugins: () => [useUpstreamPool(pool)],
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/upstreams') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pool.snapshot()));
      return;
    }
    if (req.url === '/healthz') {
      const up = pool.snapshot().some((s) => s.healthy);
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: up }));
      return;
    }
    void runtime(req, res);
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const ws = useServer(
    getGraphQLWSOptions<Record<string, unknown>, Extra>(runtime, (ctx) => ({ req: ctx.extra.request, socket: ctx.extra.socket })),
    wss,
  );
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, ok);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}`;
  return {
    url,
    upstreams: () => pool.snapshot(),
    async stop() {
      pool.stop();
      for (const client of wss.clients) client.terminate();
      await ws.dispose();
      await new Promise<void>((ok) => wss.close(() => ok()));
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await runtime[Symbol.asyncDispose]();
    },
  };
}
