import { Server as NetServer, type Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How long a connection must stay without a request before draining closes it. */
const QUIET_MS = 200;

/** What draining the HTTP server did. */
export interface DrainResult {
  /** Requests answered while draining (in flight when it began, or arriving on an open connection). */
  finished: number;
  /** Requests still running when the grace period ran out: their connections were cut. */
  cancelled: number;
}

/** The HTTP server's connections and requests, tracked from before it listens so it can be drained. */
export interface HttpConnections {
  /** Open websockets (upgraded connections). */
  readonly websockets: number;
  /**
   * Stops accepting connections, lets the requests in flight finish — every answer from now
   * on says `Connection: close`, so no client reuses a connection about to close — closes
   * idle connections once none has had a request for a moment, and after `graceMs` cuts the
   * HTTP connections still busy. Websockets are left to their own close.
   */
  drain(graceMs: number): Promise<DrainResult>;
  /** Destroys every connection left, websockets included (the last resort). */
  destroyAll(): void;
}

/**
 * Tracks `server`'s connections. Node's own `server.close()` drops idle keep-alive
 * connections at once, racing a client that is just sending its next request on one (it
 * would see "other side closed"); here a connection is only closed after answering with
 * `Connection: close`, or after staying quiet.
 */
export function trackConnections(server: Server): HttpConnections {
  const sockets = new Set<Socket>();
  const upgraded = new Set<Socket>();
  const busy = new Map<Socket, number>();
  const responses = new Set<ServerResponse>();
  let draining = false;
  let finished = 0;
  let lastRequest = 0;

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      upgraded.delete(socket);
      busy.delete(socket);
    });
  });
  server.on('upgrade', (req: IncomingMessage) => upgraded.add(req.socket));
  // First among the request listeners, so the header is set before the app answers.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    lastRequest = Date.now();
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    responses.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      responses.delete(res);
      busy.set(socket, (busy.get(socket) ?? 1) - 1);
      if (draining && res.writableFinished) finished++;
    });
  });

  const httpSockets = () => [...sockets].filter((s) => !upgraded.has(s));

  return {
    get websockets() {
      return upgraded.size;
    },
    async drain(graceMs) {
      draining = true;
      const deadline = Date.now() + graceMs;
      for (const res of responses) if (!res.headersSent) res.setHeader('Connection', 'close');
      // net.Server's close stops listening and keeps open connections (http.Server's would drop the idle ones).
      NetServer.prototype.close.call(server);
      const idle = () => !httpSockets().some((s) => (busy.get(s) ?? 0) > 0) && Date.now() - lastRequest >= QUIET_MS;
      for (;;) {
        if (idle()) {
          // Idle only once the data waiting in the sockets has been read (a turn of I/O): a request a client sent
          // before the drain, or while the loop was held (the embedded database holds it), is then running instead
          // of being cut with its connection.
          await new Promise((ok) => setImmediate(ok));
          if (idle()) break;
        }
        if (Date.now() >= deadline) break;
        await new Promise((ok) => setTimeout(ok, 20));
      }
      let cancelled = 0;
      for (const socket of httpSockets()) {
        const requests = busy.get(socket) ?? 0;
        cancelled += requests;
        if (requests > 0) socket.destroy();
        else {
          socket.end();
          setTimeout(() => socket.destroy(), 1000).unref();
        }
      }
      return { finished, cancelled };
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, prints the line it answers and exits 0
 * (1 if it fails or outlasts `hardLimitMs`). A repeated signal — a terminal sends Ctrl-C to
 * the whole process group, and a wrapper such as pnpm may forward it again — changes nothing.
 */
export function exitOnSignals(stop: (signal: NodeJS.Signals) => Promise<string>, hardLimitMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`streetgrid: shutdown did not finish within ${hardLimitMs} ms; exiting`);
      process.exit(1);
    }, hardLimitMs).unref();
    stop(signal).then(
      (line) => {
        console.log(line);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('streetgrid: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
