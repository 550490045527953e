import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The built API (`api/dist/main.js`) in a child process on a free loopback port. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../../api/dist/main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('API did not start within 60 s')), 60_000);
    child.once('exit', (code) => fail(new Error(`API exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /on (http:\/\/\S+)\/graphql/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
