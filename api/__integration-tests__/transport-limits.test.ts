import WebSocket from 'ws';
import { signAccessToken } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi } from './harness';

process.env.CASE_SWEEP_MS = '0';

const UPDATES = `subscription { caseUpdates { id } }`;
/** Depth 23 (the measured bomb): grid → parent → parent → … */
const DEEP = `{ grids(first: 1) { nodes { ${'parent { '.repeat(20)}code${' }'.repeat(20)} } } }`;
/** 1,000 aliases of one field (armor does not count `__typename`'s). */
const ALIASES = `{ streets { ${Array.from({ length: 1000 }, (_, i) => `a${i}: code`).join(' ')} } }`;
/** ~12,000 tokens. */
const TOKENS = `{ ${Array.from({ length: 3000 }, () => 'streets { code }').join(' ')} }`;
/** Estimated cost ~1.2 M (armor: × `first`, × 1.5 per level), inside the depth and alias limits. */
const COSTLY = `{
  grids(first: 100) { nodes { buildings(first: 100) { households { residents { household { building { households { id } } } } } } } }
}`;

interface Message {
  id?: string;
  type: string;
  payload?: unknown;
}

/** A graphql-transport-ws socket driven by hand, to see every message and the close code. */
class RawSocket {
  readonly messages: Message[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    this.closed = new Promise((ok) => socket.on('close', (code, reason) => ok({ code, reason: String(reason) })));
  }

  static async open(httpUrl: string, authorization: string): Promise<RawSocket> {
    const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((ok, fail) => socket.once('open', ok).once('error', fail));
    const raw = new RawSocket(socket);
    raw.send({ type: 'connection_init', payload: { authorization } });
    await raw.until((m) => m.type === 'connection_ack');
    return raw;
  }

  send(message: Message): void {
    this.socket.send(JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The first message for operation `id` that is not a `complete`. */
  async answer(id: string): Promise<Message> {
    return this.until((m) => m.id === id && m.type !== 'complete');
  }

  async until(predicate: (m: Message) => boolean, ms = 10_000): Promise<Message> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > end || this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`no such message; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((ok) => setTimeout(ok, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

function errorsOf(message: Message): { message: string; extensions?: Record<string, unknown> }[] {
  if (message.type === 'error') return message.payload as never;
  return ((message.payload as { errors?: never[] }).errors ?? []) as never;
}

describe('the websocket applies the same limits as HTTP', () => {
  let api: TestApi;
  let socket: RawSocket;
  beforeAll(async () => {
    api = await startTestApiOn({ config: { wsRecheckMs: 200 } }, fixtureStreet());
    socket = await RawSocket.open(api.url, api.adminToken);
  });
  afterAll(async () => {
    socket.close();
    await api.close();
  });

  async function http(query: string) {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: api.adminToken },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string }[] } };
  }

  it.each([
    ['depth 23', DEEP, /depth/i],
    ['1,000 aliases', ALIASES, /alias/i],
    ['~12,000 tokens', TOKENS, /tokens/i],
    ['a cost of ~1.2 M', COSTLY, /cost/i],
  ])('refuses %s on both transports, and the socket stays usable', async (name, query, reason) => {
    const over = await http(query);
    expect(over.status).toBe(400);
    expect(over.body.errors![0].message).toMatch(reason);

    const id = `limit-${name}`;
    socket.subscribe(id, query);
    const answer = await socket.answer(id);
    expect(answer.type).toBe('error');
    expect(errorsOf(answer)[0].message).toMatch(reason);
    // The same socket still answers a small query.
    socket.subscribe(`${id}-after`, '{ streets { code } }');
    expect(errorsOf(await socket.answer(`${id}-after`))).toEqual([]);
  });

  it('answers a syntax error as an error message, not by closing the socket', async () => {
    socket.subscribe('syntax', '{ streets { ');
    const answer = await socket.answer('syntax');
    expect(answer.type).toBe('error');
    expect(errorsOf(answer)[0].message).toMatch(/Syntax Error/);
    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a document nested thousands deep before parsing it, on both transports', async () => {
    const query = `{ grids(intersects: { type: "Polygon", coordinates: ${'['.repeat(1900)}1${']'.repeat(1900)} }) { totalCount } }`;
    const over = await http(query);
    expect(over.status).toBe(400);
    expect(over.body.errors![0].message).toMatch(/nests deeper than 64/);
    socket.subscribe('nested', query);
    expect(errorsOf(await socket.answer('nested'))[0].message).toMatch(/nests deeper than 64/);
  });

  it('serves sign-in over HTTP only', async () => {
    socket.subscribe('login', 'mutation { login(login: "test-admin", password: "wrong") { accessToken } }');
    const answer = await socket.answer('login');
    expect(answer.type).toBe('error');
    expect(errorsOf(answer)[0].message).toMatch(/HTTP only/);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM login_failure`))[0].n).toBe(0);
  });

  it('closes a socket that sends a message over 2 MB (1009), as HTTP refuses such a body (413)', async () => {
    const big = await RawSocket.open(api.url, api.adminToken);
    big.subscribe('big', '{ streets { code } }', { pad: 'x'.repeat(10 * 1024 * 1024) });
    expect((await big.closed).code).toBe(1009);
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: api.adminToken },
      body: JSON.stringify({ query: '{ streets { code } }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
  });

  it('runs at most 20 operations at once on one socket', async () => {
    const many = await RawSocket.open(api.url, api.adminToken);
    for (let i = 0; i < 25; i++) many.subscribe(`s${i}`, UPDATES);
    const refused = await many.until((m) => m.type === 'error');
    expect(errorsOf(refused)[0]).toMatchObject({
      message: expect.stringMatching(/at most 20 operations/),
      extensions: { code: 'RATE_LIMITED' },
    });
    await new Promise((ok) => setTimeout(ok, 300));
    const errors = many.messages.filter((m) => m.type === 'error').map((m) => m.id);
    expect(errors.sort()).toEqual(['s20', 's21', 's22', 's23', 's24']);
    // Ending one makes room for another.
    many.send({ id: 's0', type: 'complete' });
    many.subscribe('again', UPDATES);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(many.messages.filter((m) => m.id === 'again' && m.type === 'error')).toEqual([]);
    many.close();
  });

  it('closes a socket with 4401 when its access token expires', async () => {
    const [{ id }] = await api.db.dataSource.query(`SELECT id FROM app_user WHERE login = 'test-admin'`);
    const shortLived = `Bearer ${await signAccessToken(id, 'STREET_ADMIN', jwtSecret(), 2)}`;
    const started = Date.now();
    const expiring = await RawSocket.open(api.url, shortLived);
    expiring.subscribe('live', UPDATES);
    const { code } = await expiring.closed;
    expect(code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('closes a socket with 4403 once its account is disabled', async () => {
    const token = await api.userToken({ login: 'ws-disabled', role: 'OPERATOR' });
    const doomed = await RawSocket.open(api.url, token);
    doomed.subscribe('live', UPDATES);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(doomed.socket.readyState).toBe(WebSocket.OPEN);
    await api.db.dataSource.query(`UPDATE app_user SET disabled = true WHERE login = 'ws-disabled'`);
    const { code } = await doomed.closed;
    expect(code).toBe(4403);
  });
});

describe('in production, on both transports', () => {
  let api: TestApi;
  let socket: RawSocket;
  beforeAll(async () => {
    api = await startTestApiOn({ config: { production: true } }, fixtureStreet());
    socket = await RawSocket.open(api.url, api.adminToken);
  });
  afterAll(async () => {
    socket.close();
    await api.close();
  });

  async function http(query: string) {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: api.adminToken },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  }

  it('refuses introspection', async () => {
    const query = '{ __schema { types { name } } }';
    expect((await http(query)).errors![0].message).toMatch(/introspection/i);
    socket.subscribe('schema', query);
    const answer = await socket.answer('schema');
    expect(answer.type).toBe('error');
    expect(errorsOf(answer)[0].message).toMatch(/introspection/i);
  });

  it('does not suggest field names', async () => {
    const query = '{ streets { nmae } }';
    const overHttp = (await http(query)).errors![0].message;
    expect(overHttp).toMatch(/Cannot query field "nmae"/);
    expect(overHttp).not.toMatch(/Did you mean|"name"/);
    socket.subscribe('typo', query);
    const overWs = errorsOf(await socket.answer('typo'))[0].message;
    expect(overWs).toMatch(/Cannot query field "nmae"/);
    expect(overWs).not.toMatch(/Did you mean|"name"/);
  });
});
