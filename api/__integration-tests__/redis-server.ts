import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on loopback (the OS picks it; closed again before it is answered). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * A `redis-server` of a test's own on a loopback port, for outages: `stop` kills it (SIGKILL, as
 * a crash), `start` brings it back on the same port, empty. Killed with the test process.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  /** Kills it now, synchronously (for exit and signal handlers). */
  readonly killNow = () => void this.child?.kill('SIGKILL');

  private constructor(readonly port: number) {
    process.once('exit', this.killNow);
  }

  /** On a free port, not started yet. */
  static async onFreePort(): Promise<RedisServer> {
    return new RedisServer(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`redis-server did not start:\n${out}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          ok();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((ok) => {
      child.once('exit', () => ok());
      child.kill('SIGKILL');
    });
  }

  /** Stops it for good (afterAll). */
  async close(): Promise<void> {
    await this.stop();
    process.removeListener('exit', this.killNow);
  }
}
