import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import expressStaticGzip from 'express-static-gzip';
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DOMAINS } from '../domains';
import type { Config } from '../platform/config';
import type { Database } from '../platform/db/data-source';
import { DbSession } from '../platform/db/session';
import type { DomainDeps } from '../platform/domain';
import { createEventBus } from '../platform/events/bus';
import { graphqlLimits } from '../platform/graphql/armor';
import { type Context, type ContextDeps, createContext } from '../platform/graphql/context';
import { endSessionPlugin, readReplicaPlugin } from '../platform/graphql/end-session';
import { formatError } from '../platform/graphql/format-error';
import { errorResponse, graphqlOverHttp } from '../platform/graphql/http';
import { compiledReads } from '../platform/graphql/compiled-read';
import { serveGraphqlWs } from '../platform/graphql/ws';
import { AuthService, Scope } from '../platform/identity';
import { dbIdentity } from '../platform/identity/db-identity';
import { requireSignInPlugin } from '../platform/identity/require-sign-in';
import { startJobs } from '../platform/jobs';
import { Metrics, metricsRoute } from '../platform/metrics';
import { buildFederatedSchema } from './schema';

export interface App {
  httpServer: Server;
  /** The express application behind the server: every route but POST /graphql (see graphql/http.ts). */
  express: express.Express;
  apollo: ApolloServer<Context>;
  /** Listens on config.port/host (0 = any free port) and answers the URL. */
  listen(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The composition root: every domain of `DOMAINS` on one HTTP server — GraphQL at
 * /graphql over HTTP and graphql-ws (one set of limits), the domains' routes (tiles,
 * photos, exports, Open311), /healthz, and the built web app (when present) on the same
 * origin; the event bus for the domains' topics (Redis when REDIS_URL is set), their jobs
 * (sweeps) and start hooks.
 */
export async function createApp(config: Config, db: Database): Promise<App> {
  // One AuthService for every entry point: GraphQL, subscriptions, Open311, tiles, photos.
  const auth = new AuthService(db.dataSource, config.jwtSecret);
  // Its listener starts first and is awaited below, once the schema and Apollo are ready: its
  // probe may wait up to 2 s (on the embedded database it always does, never heard), and the
  // schema's build takes about as long, so start-up pays for one of them, not both.
  const authStarted = auth.start();
  authStarted.catch(() => {}); // awaited (and so thrown) below
  try {
    return await assemble(config, db, auth, authStarted);
  } catch (error) {
    await auth.stop();
    throw error;
  }
}

async function assemble(config: Config, db: Database, auth: AuthService, authStarted: Promise<void>): Promise<App> {
  const { schema } = await buildFederatedSchema();
  compiledReads.enabled = config.compiledReads;
  const app = express();
  // POST /graphql is answered before express (graphql/http.ts); everything else by express.
  const graphqlPost: { route?: ReturnType<typeof graphqlOverHttp> } = {};
  const httpServer = createServer((req, res) => {
    if (!graphqlPost.route?.handle(req, res)) app(req, res);
  });
  // Bounded request time: a slow client cannot hold a socket forever.
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  // One set of limits for HTTP and the websocket.
  const limits = graphqlLimits(config.production);
  // Sources the scrape reads are bound below (the websocket server starts after Apollo).
  let subscribers = () => ({ connections: 0, subscriptions: 0 });
  const replicas = db.replicas;
  const metrics = new Metrics({ ds: db.dataSource, subscribers: () => subscribers(), replicas, statements: () => db.counter.count });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    allowBatchedHttpRequests: false,
    // run.ts owns SIGINT/SIGTERM: Apollo's own handler re-raises the signal after stopping,
    // killing the process before the database is closed.
    stopOnTerminationSignals: false,
    formatError: formatError(config.production),
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used: without this, Apollo wraps every field's resolver to collect them (issue #15).
      ApolloServerPluginCacheControlDisabled(),
      requireSignInPlugin(),
      endSessionPlugin(),
      metrics.plugin(),
      // With read replicas: a query's reads go there (a mutation's stay on the primary).
      ...(replicas ? [readReplicaPlugin()] : []),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.get('/healthz', (_req, res) => {
    const ok = db.dataSource.isInitialized;
    // With read replicas, the details: is the primary answering, and each replica's state and lag.
    const details = replicas ? { primary: { up: replicas.primaryUp }, replicas: replicas.status() } : {};
    res.status(ok ? 200 : 503).json({ ok, ...details });
  });
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));
  await authStarted;
  const bus = await createEventBus(
    db.dataSource,
    DOMAINS.flatMap((d) => d.topics ?? []),
    { redisUrl: config.redisUrl, observer: metrics.busObserver() },
  );
  const deps: DomainDeps = { config, ds: db.dataSource, bus, auth };
  const contextDeps: ContextDeps = {
    ds: db.dataSource,
    bus,
    auth,
    loaders: DOMAINS.flatMap((d) => (d.loaders ? [d.loaders] : [])),
    sync: config.sync,
  };
  const undoHooks = DOMAINS.flatMap((d) => (d.start ? [d.start(deps)] : []));
  const stopJobs = startJobs(
    DOMAINS.flatMap((d) => d.jobs ?? []),
    deps,
    (job, seconds, ok) => metrics.jobRun(job, seconds, ok),
  );
  const ws = serveGraphqlWs(httpServer, {
    schema,
    context: contextDeps,
    limits,
    production: config.production,
    recheckMs: config.wsRecheckMs,
  });
  subscribers = ws.subscribers;
  const viewerContext = async (headers: IncomingHttpHeaders, clientAddress: string | undefined) => {
    const apiKey = headers['x-api-key'];
    return createContext(
      contextDeps,
      await auth.viewerFrom(headers.authorization, Array.isArray(apiKey) ? apiKey.join(', ') : apiKey),
      clientAddress,
    );
  };
  graphqlPost.route = graphqlOverHttp({
    apollo,
    limits,
    trustProxy: app.get('trust proxy fn') as Parameters<typeof graphqlOverHttp>[0]['trustProxy'],
    context: (req, clientAddress) => viewerContext(req.headers, clientAddress),
  });
  // GET /graphql (POST is answered above, by the same Apollo with the same limits and caller).
  app.use(
    '/graphql',
    express.json({ limit: limits.maxMessageBytes }),
    (req, res, next) => {
      // Before Apollo's parser, whose recursion a deeply nested document would overflow.
      const query: unknown = req.body?.query ?? req.query.query;
      const tooDeep = typeof query === 'string' ? limits.checkNesting(query) : undefined;
      if (tooDeep) res.status(400).json({ errors: [tooDeep.toJSON()] });
      else next();
    },
    expressMiddleware(apollo, { context: ({ req }) => viewerContext(req.headers, req.ip) }),
  );
  // The domains' routes; signed-in ones with the same credentials and scope as GraphQL (MapLibre sends the header via transformRequest).
  const signedIn: express.RequestHandler = async (req, res, next) => {
    try {
      const viewer = await auth.viewerFrom(req.headers.authorization, req.header('x-api-key'));
      if (viewer.kind === 'anonymous') {
        res.status(401).json({ error: 'sign in: Authorization: Bearer <token>' });
        return;
      }
      // Cancelled while the token was checked (a browser drops tiles it no longer shows): the
      // response's 'close' has already fired, so a session opened now would never be closed.
      if (res.destroyed) return;
      res.locals.scope = new Scope(viewer);
      // The route's statements run as the caller (row-level security); the connection goes back when the response is done.
      const session = new DbSession(db.dataSource, dbIdentity(viewer));
      // Reads (tiles, photos, exports, reports) may go to a read replica; a write inside still moves to the primary.
      if (replicas && (req.method === 'GET' || req.method === 'HEAD')) session.preferReplica();
      res.locals.db = session.manager;
      res.once('close', () => void session.close());
      next();
    } catch {
      res.status(401).json({ error: 'invalid or expired credentials' });
    }
  };
  const routes = DOMAINS.flatMap((d) => d.routes ?? []);
  for (const route of routes) app.use(route.path, ...(route.signedIn ? [signedIn] : []), route.router(deps));

  const webDist = config.webDist ? resolve(config.webDist) : undefined;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    // Source maps stay on disk for whoever debugs a release; nobody is sent one.
    app.use((req, res, next) => (req.path.endsWith('.map') ? res.status(404).end() : next()));
    app.use(
      expressStaticGzip(webDist, {
        index: 'index.html',
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        serveStatic: {
          // Hashed file names under assets/ never change: cached for a year; the rest (index.html) revalidated each time.
          setHeaders(res, path) {
            if (path.endsWith('.mjs')) res.setHeader('Content-Type', 'text/javascript');
            const hashed = path.startsWith(join(webDist, 'assets'));
            res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
          },
        },
      }),
    );
    // Any other path is the web app's (its router decides), never one the API serves.
    const apiPaths = ['graphql', 'healthz', 'metrics', ...routes.map((r) => r.path.slice(1).split('/')[0])];
    app.get(new RegExp(`^/(?!(?:${apiPaths.join('|')})(?:/|$)).*`), (_req, res) =>
      res.setHeader('Cache-Control', 'no-cache').sendFile(join(webDist, 'index.html')),
    );
  }
  app.use(jsonErrors());

  return {
    httpServer,
    express: app,
    apollo,
    listen: () =>
      new Promise((ok, fail) => {
        httpServer.once('error', fail);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          ok(`http://${config.host}:${port}`);
        });
      }),
    async stop() {
      await stopJobs();
      await ws.dispose();
      for (const undo of undoHooks) undo();
      await bus.close();
      await auth.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((ok) => httpServer.close(() => ok()));
    },
  };
}

/**
 * Errors no route answered itself — a body that is not JSON, too large, in an unknown
 * charset — as JSON with their status (GraphQL's `errors` shape under /graphql), never
 * express's HTML page with a stack trace. Anything unexpected is a 500 that says no more.
 */
function jsonErrors(): express.ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; expose?: boolean; message?: string }, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, message, code } = errorResponse(error);
    if (req.originalUrl.startsWith('/graphql')) res.status(status).json({ errors: [{ message, extensions: { code } }] });
    else res.status(status).json({ error: message });
  };
}
