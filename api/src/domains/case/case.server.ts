import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import type { GraphQLLimits } from '../../platform/graphql/armor';
import { serveGraphqlWs } from '../../platform/graphql/ws';
import type { AuthService } from '../../platform/identity';
import { type CaseBus, createCaseBus } from '../../platform/events/bus';
import { startOverdueScheduler } from './case.scheduler';
import { publishServiceChanges } from '../service/service.events';
import { startClaimExpiry } from '../service/wish.service';
import { open311Router } from './open311.router';

export interface CaseRuntime {
  bus: CaseBus;
  stop(): Promise<void>;
}

/**
 * Everything cases need beside the GraphQL endpoint: the event bus (Redis when
 * `redisUrl` is set; service changes ride on it too), graphql-ws subscriptions on the same
 * HTTP server at /graphql (under the HTTP endpoint's `limits`; see graphql/ws.ts), Open311
 * at /open311/v2, and the overdue sweep every CASE_SWEEP_MS (default 60 s, 0 = off).
 */
export async function attachCases(
  app: Express,
  httpServer: Server,
  schema: GraphQLSchema,
  ds: DataSource,
  auth: AuthService,
  opts: { redisUrl?: string; limits: GraphQLLimits; production: boolean; wsRecheckMs: number },
): Promise<CaseRuntime> {
  const bus = await createCaseBus(ds, opts.redisUrl);
  const stopServiceChanges = publishServiceChanges(ds, bus);
  const ws = serveGraphqlWs(httpServer, { schema, ds, bus, auth, limits: opts.limits, production: opts.production, recheckMs: opts.wsRecheckMs });
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
      stopServiceChanges();
      await bus.close();
    },
  };
}
