import {
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Viewer } from '../identity';
import type { GraphQLLimits } from './armor';
import { type Context, type ContextDeps, createContext } from './context';
import { formatError } from './format-error';

/** Top-level fields served over HTTP only: sign-in is throttled per client address, which the websocket does not carry. */
const HTTP_ONLY_FIELDS = new Set(['login', 'refresh']);

export interface GraphqlWsOptions {
  schema: GraphQLSchema;
  /** What each operation's context is made from (the same as HTTP's). */
  context: ContextDeps;
  limits: GraphQLLimits;
  production: boolean;
  /** How often the accounts behind open sockets are looked up again (disabled users, revoked keys); 0 = never. */
  recheckMs: number;
}

/** What a socket carries besides graphql-ws's own `socket` and `request` (a type alias: graphql-ws wants an index-compatible record). */
type SocketState = {
  viewer?: Viewer;
  contexts?: Map<string, Context>;
};

/**
 * graphql-ws on the HTTP server at /graphql, under the same rules as HTTP: a message at
 * most `limits.maxMessageBytes` (ws closes a larger one with 1009), every document parsed
 * and validated with the same limits (tokens, depth, cost, aliases, directives; in
 * production no introspection and no suggestions), errors formatted as over HTTP, at most
 * `limits.maxOperationsPerSocket` operations at once. A socket signs in once
 * (connectionParams `authorization`) and is closed with 4401 when its token expires and
 * with 4403 once its account is disabled or its key revoked (looked up every `recheckMs`).
 */
export function serveGraphqlWs(
  httpServer: Server,
  opts: GraphqlWsOptions,
): { dispose(): Promise<void>; subscribers(): { connections: number; subscriptions: number } } {
  const { schema, limits } = opts;
  const { auth } = opts.context;
  const format = formatError(opts.production);
  const formatted = (error: GraphQLError): GraphQLFormattedError => {
    const out = format(error.toJSON(), error);
    return { ...out, message: limits.hideSuggestions(out.message) };
  };
  const rules = [...specifiedRules, ...limits.validationRules];
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: limits.maxMessageBytes });
  /** Open, signed-in sockets: who they are, and the timer that closes them when their token expires. */
  const open = new Map<WebSocket, { viewer: Viewer; expiry?: NodeJS.Timeout; state: SocketState }>();

  const forget = (socket: WebSocket) => {
    clearTimeout(open.get(socket)?.expiry);
    open.delete(socket);
  };
  const recheck = async () => {
    const sockets = [...open.keys()];
    const valid = await auth.stillValid(sockets.map((s) => open.get(s)!.viewer)).catch(() => sockets.map(() => true));
    sockets.forEach((socket, i) => {
      if (valid[i]) return;
      forget(socket);
      socket.close(CloseCode.Forbidden, 'Forbidden: the account is disabled or the key revoked');
    });
  };
  const recheckTimer = opts.recheckMs > 0 ? setInterval(() => void recheck(), opts.recheckMs) : undefined;
  recheckTimer?.unref();

  const server = useServer<{ authorization?: string }, SocketState>(
    {
      schema,
      // Subscribers sign in like everyone else: connectionParams { authorization: "Bearer …" | "ApiKey …" }.
      onConnect: async (ctx) => {
        const credential = await auth.credentialFrom(ctx.connectionParams?.authorization).catch(() => null);
        if (!credential || credential.viewer.kind === 'anonymous') return false;
        const { socket } = ctx.extra;
        ctx.extra.viewer = credential.viewer;
        const entry: { viewer: Viewer; expiry?: NodeJS.Timeout; state: SocketState } = { viewer: credential.viewer, state: ctx.extra };
        if (credential.expiresAt !== null) {
          // setTimeout takes at most 2^31 - 1 ms; an access token lives 15 minutes.
          const ms = Math.min(Math.max(credential.expiresAt - Date.now(), 0), 2 ** 31 - 1);
          entry.expiry = setTimeout(() => {
            forget(socket);
            socket.close(CloseCode.Unauthorized, 'Unauthorized: the access token expired; reconnect with a fresh one');
          }, ms);
        }
        open.set(socket, entry);
        socket.once('close', () => forget(socket));
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        // ctx.subscriptions already holds this operation.
        if (Object.keys(ctx.subscriptions).length > limits.maxOperationsPerSocket) {
          return [
            new GraphQLError(`at most ${limits.maxOperationsPerSocket} operations at once on one connection`, {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        const tooDeep = limits.checkNesting(payload.query);
        if (tooDeep) return [tooDeep];
        let document;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        const httpOnly = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD && HTTP_ONLY_FIELDS.has(s.name.value));
        if (httpOnly?.kind === Kind.FIELD) {
          return [
            new GraphQLError(`${httpOnly.name.value} is served over HTTP only (POST /graphql)`, { extensions: { code: 'BAD_REQUEST' } }),
          ];
        }
        const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables };
        return args;
      },
      context: (ctx, id, _payload, args) => {
        const context = createContext(opts.context, ctx.extra.viewer);
        // With read replicas, a query's reads go to a replica as over HTTP (readReplicaPlugin); a subscription's
        // (its replay of what was missed) and a mutation's stay on the primary.
        if (getOperationAST(args.document, args.operationName)?.operation === 'query') context.session.preferReplica();
        (ctx.extra.contexts ??= new Map()).set(id, context);
        return context;
      },
      // A subscription holds no connection while it waits: its session ends once the
      // subscription is set up (replay included) and after each event it delivers.
      onOperation: (ctx, id) => ctx.extra.contexts?.get(id)?.session.end(),
      onNext: async (ctx, id, _payload, _args, result) => {
        await ctx.extra.contexts?.get(id)?.session.end();
        if (!result.errors?.length) return undefined;
        return { ...result, errors: result.errors.map(formatted) };
      },
      onComplete: (ctx, id) => endOperation(ctx.extra.contexts, id),
      onError: async (ctx, id, _payload, errors) => {
        await endOperation(ctx.extra.contexts, id);
        return errors.map(formatted);
      },
      onClose: async (ctx) => {
        forget(ctx.extra.socket);
        for (const id of [...(ctx.extra.contexts?.keys() ?? [])]) await endOperation(ctx.extra.contexts, id);
      },
    },
    wss,
  );
  return {
    /** For the metrics: open signed-in sockets and the operations (subscriptions) running on them. */
    subscribers: () => ({
      connections: open.size,
      subscriptions: [...open.values()].reduce((n, e) => n + (e.state.contexts?.size ?? 0), 0),
    }),
    async dispose() {
      clearInterval(recheckTimer);
      for (const socket of open.keys()) forget(socket);
      await server.dispose();
    },
  };
}

async function endOperation(contexts: Map<string, Context> | undefined, id: string): Promise<void> {
  const context = contexts?.get(id);
  contexts?.delete(id);
  await context?.session.close();
}
