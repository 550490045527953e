import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import express from 'express';
import proxyaddr from 'proxy-addr';
import type { GraphQLLimits } from './armor';

/**
 * POST /graphql served by Apollo straight from node:http, in front of express (issue #15).
 * express 5's request and response objects, its router and `res.send` (which hashes every
 * body for an ETag) cost as much as the rest of a small request: Apollo with this schema
 * answered `{ __typename }` 1.7× as fast on node:http as through express at concurrency 1,
 * 1.25× at 16 (BENCHMARKS.md). The same parts as the express route, in the same order: the
 * JSON body (same parser, limit and charsets), the nesting check before Apollo's parser,
 * the caller from the same headers and client address (`trust proxy` as express computes
 * it), and errors as JSON with their status. GET /graphql and every other request go on to
 * express; `handle` answers false for them.
 */
export function graphqlOverHttp<C extends BaseContext>(opts: {
  apollo: ApolloServer<C>;
  limits: Pick<GraphQLLimits, 'maxMessageBytes' | 'checkNesting'>;
  /** express's compiled `trust proxy fn`: which hops' X-Forwarded-For to believe. */
  trustProxy: Parameters<typeof proxyaddr>[1];
  context(req: IncomingMessage, clientAddress: string | undefined): Promise<C>;
}): { handle(req: IncomingMessage, res: ServerResponse): boolean } {
  const parseJson = express.json({ limit: opts.limits.maxMessageBytes });
  return {
    handle(req, res) {
      if (req.method !== 'POST' || !isGraphqlPath(req.url)) return false;
      const parsed = (error?: unknown) => {
        if (error) return sendError(res, error);
        void answer(req as IncomingMessage & { body?: unknown }, res).catch((e: unknown) => sendError(res, e));
      };
      if (isPlainJson(req, opts.limits.maxMessageBytes)) readPlainJson(req, parsed);
      else parseJson(req as express.Request, res as express.Response, parsed);
      return true;
    },
  };

  async function answer(req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void> {
    const body = req.body as { query?: unknown } | undefined;
    const tooDeep = typeof body?.query === 'string' ? opts.limits.checkNesting(body.query) : undefined;
    if (tooDeep) return sendJson(res, 400, { errors: [tooDeep.toJSON()] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const query = req.url!.indexOf('?');
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : req.url!.slice(query), body },
      context: () => opts.context(req, proxyaddr(req, opts.trustProxy)),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * The body every client sends: `application/json` in UTF-8, not encoded, its length given and
 * within the limit. It is read without body-parser (its type, charset and encoding checks, its
 * stream decoder: 6–10 % of the API's CPU in profiles of the cases page and gridAt,
 * BENCHMARKS.md); any other body goes to express.json, which answers its errors (413, 415, a
 * chunked or gzipped body) as before.
 */
function isPlainJson(req: IncomingMessage, limit: number): boolean {
  const type = req.headers['content-type'];
  const length = Number(req.headers['content-length']);
  return (
    (type === 'application/json' || (type !== undefined && /^application\/json;\s*charset=utf-8$/i.test(type))) &&
    req.headers['content-encoding'] === undefined &&
    Number.isInteger(length) &&
    length <= limit
  );
}

/** Reads a plain JSON body into `req.body` as express.json does (strict: an object or an array), or answers its 400. */
function readPlainJson(req: IncomingMessage & { body?: unknown }, done: (error?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    chunks.push(chunk);
  });
  req.on('error', done);
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch (error) {
      return done(badBody((error as Error).message));
    }
    if (body === null || typeof body !== 'object') return done(badBody('the body must be a JSON object or array'));
    req.body = body;
    done();
  });
}

function badBody(message: string) {
  return Object.assign(new Error(message), { status: 400, expose: true });
}

function isGraphqlPath(url: string | undefined): boolean {
  return url === '/graphql' || url?.startsWith('/graphql?') === true;
}

/**
 * An error before Apollo (a body that is not JSON, too large, in an unknown charset): its
 * status, its message when it may be shown, as GraphQL's `errors` — as the express app's
 * `jsonErrors` answers under /graphql.
 */
export function errorResponse(error: { status?: number; statusCode?: number; expose?: boolean; message?: string }): {
  status: number;
  message: string;
  code: string;
} {
  const given = error.status ?? error.statusCode ?? 500;
  const status = given >= 400 && given < 600 ? given : 500;
  const message = status < 500 && error.expose !== false && error.message ? error.message : 'internal error';
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  return { status, message, code };
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, message, code } = errorResponse((error ?? {}) as Parameters<typeof errorResponse>[0]);
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
