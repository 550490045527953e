import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { trackConnections } from './shutdown';

// Draining a real HTTP server on loopback, with a raw client so that when its bytes arrive is the test's to choose.

let server: Server;
let port: number;

beforeEach(async () => {
  server = createServer((req, res) => res.end(`answered ${req.url}`));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
});
afterEach(() => new Promise<void>((ok) => server.close(() => ok())));

/** Everything the client reads until the server closes the connection. */
function readAll(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk));
  return new Promise((ok) => socket.once('close', () => ok(text)));
}

const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`;

describe('draining the HTTP server', () => {
  it('answers a request that was sent on a kept-alive connection before the drain began, and then closes it', async () => {
    const connections = trackConnections(server);
    const client = connect(port, '127.0.0.1');
    const everything = readAll(client);
    client.write(request('/first'));
    await new Promise((ok) => client.once('data', ok));
    // The connection has been quiet for longer than the drain waits for.
    await new Promise((ok) => setTimeout(ok, 300));
    // Sent, and the drain begins in the same turn: the server (this thread) has not read it yet.
    client.write(request('/second'));
    const result = await connections.drain(5_000);
    const text = await everything;
    expect(text).toContain('answered /first');
    expect(text).toContain('answered /second');
    expect(text).toMatch(/answered \/second$/);
    expect(text.split('\r\n').filter((line) => /^connection: close$/i.test(line))).toHaveLength(1);
    expect(result).toEqual({ finished: 1, cancelled: 0 });
  });
});
