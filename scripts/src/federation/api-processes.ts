import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface ApiProcess {
  /** `http://host:port` (GraphQL at `/graphql`). */
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM (graceful: in-flight requests answered), resolved on exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-request, as on a crash. */
  kill(): Promise<void>;
}

/** The built API (`api/dist/main.js`). */
export const API_MAIN = resolve(__dirname, '../../../api/dist/main.js');

/**
 * One API process on a free loopback port (PORT=0), its output prefixed with `name`; answers once
 * it listens. `env` is added to this process's environment (DATABASE_URL, REDIS_URL, JWT_SECRET…).
 */
export function startApi(
  name: string,
  env: Record<string, string | undefined>,
  opts: { host?: string; quiet?: boolean } = {},
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, PORT: '0', HOST: opts.host ?? '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  let output = '';
  /** The output so far, its last 16 kB once long (a process may run for days behind the dev gateway). */
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (output.length > 64_000) output = output.slice(-16_000);
  };
  let listening = false;
  let ending = false;
  // A process that dies on its own once it listened says so, with the end of its output, even when quiet: a crash
  // under a fault test otherwise shows only as refused connections.
  child.once('exit', (code, signal) => {
    if (listening && !ending)
      process.stderr.write(`${name} exited on its own (${signal ?? `code ${code}`}):\n${prefix(Buffer.from(output.slice(-4_000)))}`);
  });
  return new Promise<ApiProcess>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${name} did not start within 60 s:\n${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (!opts.quiet) process.stderr.write(prefix(chunk));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (!opts.quiet) process.stdout.write(prefix(chunk));
      const match = /on (http:\/\/\S+)\/graphql/.exec(output);
      if (match && !listening) {
        listening = true;
        clearTimeout(timer);
        ok({
          url: match[1],
          pid: child.pid!,
          child,
          stop: () => ((ending = true), child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'), exited),
          kill: () => ((ending = true), child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), exited),
        });
      }
    });
  });
}
