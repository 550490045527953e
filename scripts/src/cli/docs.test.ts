import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { commands } from './commands';
import { runCli } from './run';

const ROOT = resolve(__dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

async function help(command: string): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  expect(await runCli([command, '--help'], commands, { env: {}, stdout, stderr: new PassThrough() })).toBe(0);
  return out;
}

/** The logins of the README's "Demo accounts" table (the department's API key row aside). */
function readmeLogins(): string[] {
  const section = README.split('### Demo accounts')[1].split('\n## ')[0];
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

/** The README and the CLI's help say the same things a newcomer reads first. */
describe('docs agree with the CLI', () => {
  it('the README’s demo-login table and `token --help` list the same logins', async () => {
    const text = (await help('token')).replace(/\s+/g, ' ');
    const listed = /The demo accounts `pnpm start` seeds: ([^.]+)\./.exec(text)?.[1];
    expect(listed).toBeDefined();
    const fromHelp = listed!.split(/, | and /);
    expect(readmeLogins()).toEqual(fromHelp);
    expect(fromHelp).toContain('volunteer');
  });

  it('`seed --help` and the README give the residents of 20 streets that BENCHMARKS.md measured', async () => {
    // `pnpm bench seed` generates and loads 20 streets (BENCH_STREETS=1,20); generating them here would take ~20 s.
    const measured = /^\| 20 \| ([\d,]+) \|/m.exec(readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8'))?.[1];
    expect(measured).toBeDefined();
    const millions = `${(Number(measured!.replace(/,/g, '')) / 1e6).toFixed(1)} million`;
    expect(await help('seed')).toContain(`20 ≈ ${millions} residents`);
    expect(README).toContain(`N = 20 ≈ ${millions} residents`);
  });

  it('every image the Markdown shows is a committed file (not one in the git-ignored artifacts/)', () => {
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n'));
    const documents = [...tracked].filter((f) => f.endsWith('.md'));
    const images = documents.flatMap((doc) =>
      [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
        .filter((m) => !/^https?:/.test(m[1]))
        .map((m) => ({ doc, image: relative(ROOT, resolve(ROOT, dirname(doc), m[1])) })),
    );
    expect(images.length).toBeGreaterThan(1);
    expect(images.filter(({ image }) => !tracked.has(image))).toEqual([]);
  });
});
