import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { type Context, createContext } from '../../graphql/context';
import type { AuthService, Viewer } from '../auth';
import { type CaseBus, createCaseBus } from './case.bus';
import { startOverdueScheduler } from './case.scheduler';
import { publishServiceChanges } from '../service/service.events';
import { startClaimExpiry } from '../service/wish.service';
import { open311Router } from './open311.router';

async function endOperation(contexts: Map<string, Context> | undefined, id: string): Promise<void> {
  const context = contexts?.get(id);
  contexts?.delete(id);
  await context?.session.end();
}

export interface CaseRuntime {
  bus: CaseBus;
  stop(): Promise<void>;
}

/**
 * Everything cases need beside the GraphQL endpoint: the event bus (Redis when
 * `redisUrl` is set; service changes ride on it too), graphql-ws subscriptions on the same HTTP server at /graphql,
 * Open311 at /open311/v2, and the overdue sweep every CASE_SWEEP_MS (default 60 s, 0 = off).
 */
export async function attachCases(
  app: Express,
  httpServer: Server,
  schema: GraphQLSchema,
  ds: DataSource,
  auth: AuthService,
  opts: { redisUrl?: string },
): Promise<CaseRuntime> {
  const bus = await createCaseBus(ds, opts.redisUrl);
  const stopServiceChanges = publishServiceChanges(ds, bus);
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const ws = useServer<{ authorization?: string }, { viewer?: Viewer; contexts?: Map<string, Context> }>(
    {
      schema,
      // Subscribers sign in like everyone else: connectionParams { authorization: "Bearer …" | "ApiKey …" }.
      onConnect: async (ctx) => {
        const viewer = await auth.viewerFrom(ctx.connectionParams?.authorization).catch(() => null);
        if (!viewer || viewer.kind === 'anonymous') return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx, id) => {
        const context = createContext(ds, bus, auth, ctx.extra.viewer);
        (ctx.extra.contexts ??= new Map()).set(id, context);
        return context;
      },
      // A subscription holds no connection while it waits: its session ends once the
      // subscription is set up (replay included) and after each event it delivers.
      onOperation: (ctx, id) => ctx.extra.contexts?.get(id)?.session.end(),
      onNext: (ctx, id) => ctx.extra.contexts?.get(id)?.session.end(),
      onComplete: (ctx, id) => endOperation(ctx.extra.contexts, id),
      onError: async (ctx, id) => {
        await endOperation(ctx.extra.contexts, id);
      },
      onClose: async (ctx) => {
        for (const id of [...(ctx.extra.contexts?.keys() ?? [])]) await endOperation(ctx.extra.contexts, id);
      },
    },
    wss,
  );
  app.use('/open311/v2', open311Router(ds, bus, auth));
  const sweepMs = Number(process.env.CASE_SWEEP_MS ?? 60_000);
  const stopSweep = sweepMs > 0 ? startOverdueScheduler(ds, bus, sweepMs) : () => {};
  const stopClaimExpiry = sweepMs > 0 ? startClaimExpiry(ds, sweepMs) : () => {};
  return {
    bus,
    async stop() {
      stopSweep();
      stopClaimExpiry();
      await ws.dispose();
      await new Promise<void>((ok) => wss.close(() => ok()));
      stopServiceChanges();
      await bus.close();
    },
  };
}
