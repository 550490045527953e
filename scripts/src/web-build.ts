import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * `pnpm start`'s web build, skipped when nothing it reads has changed: the inputs (web's
 * sources, its config, geo's sources, the lockfile) are hashed and the hash is kept beside
 * the bundle (web/dist/.inputs-hash). A restart of an unchanged checkout then starts in
 * seconds instead of waiting on vite. FORCE_WEB_BUILD=1 builds anyway.
 */
const ROOT = resolve(__dirname, '../..');
const INPUTS = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'web/tsconfig.json', 'geo/src', 'pnpm-lock.yaml'];
const STAMP = join(ROOT, 'web/dist/.inputs-hash');

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function webInputsHash(root = ROOT): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(root, p)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

if (require.main === module) {
  const started = Date.now();
  const hash = webInputsHash();
  const built = existsSync(STAMP) && existsSync(join(ROOT, 'web/dist/index.html')) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (built === hash && !process.env.FORCE_WEB_BUILD) {
    console.log(`web bundle up to date (inputs unchanged; checked in ${Date.now() - started} ms)`);
  } else {
    const run = spawnSync('pnpm', ['--filter', '@streetgrid/web', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    writeFileSync(STAMP, `${hash}\n`);
    console.log(`web bundle built in ${Date.now() - started} ms`);
  }
}
