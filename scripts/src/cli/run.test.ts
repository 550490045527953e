import { PassThrough } from 'node:stream';
import { intOption, type Command } from './command';
import { commands } from './commands';
import { ProgressBar } from './progress';
import { runCli } from './run';

/** Runs the CLI with captured output. */
async function cli(argv: string[], list: readonly Command[] = commands) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(argv, list, { env: {}, stdout, stderr });
  return { code, out, err };
}

const echo: Command = {
  name: 'echo',
  summary: 'Prints its arguments',
  arguments: '<words…>',
  description: 'Echoes.',
  options: { times: { type: 'string', valueName: 'N', description: 'Repeat N times' } },
  async run({ values, positionals, stdout }) {
    stdout.write(
      `${Array(intOption(values, 'times', 1, 1, 3))
        .fill(positionals.join(' '))
        .join('|')}\n`,
    );
    return positionals.length ? 0 : 1;
  },
};

describe('streetgrid CLI', () => {
  it('lists its commands with --help, and seed among them', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}seed +Generate/m);
  });

  it('shows a command’s usage and options with --help, without running it', async () => {
    const { code, out } = await cli(['seed', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: streetgrid seed [options]');
    expect(out).toMatch(/--streets N +Streets side by side/);
    expect(out).toMatch(/--database-url URL/);
    expect((await cli(['help', 'seed'])).out).toBe(out);
  });

  it('runs a command with its options and positionals, passing its exit code on', async () => {
    expect(await cli(['echo', '--times', '2', 'a', 'b'], [echo])).toEqual({ code: 0, out: 'a b|a b\n', err: '' });
    expect((await cli(['echo'], [echo])).code).toBe(1);
  });

  it('answers exit code 2 with a hint for an unknown command, an unknown option or a bad value', async () => {
    expect((await cli(['nope'])).code).toBe(2);
    const unknown = await cli(['seed', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Run "streetgrid seed --help"');
    const bad = await cli(['seed', '--streets', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--streets must be a whole number');
    expect((await cli([])).code).toBe(2);
  });
});

describe('ProgressBar', () => {
  it('prints plain lines (no carriage returns) when the stream is not a terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    const bar = new ProgressBar(stream);
    bar.update(50, 200, 'street 1/2');
    bar.update(60, 200, 'street 1/2'); // within the interval: skipped
    bar.update(200, 200, 'street 2/2', true);
    bar.finish();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ *25% {2}50\/200 rows {2}[\d,.]+ rows\/s {2}street 1\/2$/);
    expect(text).not.toContain('\r');
  });

  it('names its unit, and a slow rate with one decimal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    const bar = new ProgressBar(stream, 'files');
    bar.update(0, 20, '330105001', true);
    expect(text).toMatch(/^ *0% {2}0\/20 files {2}0\.0 files\/s {2}330105001\n$/);
  });
});
