/** One option of a command, as `util.parseArgs` takes it plus what `--help` shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once (the value is then an array). */
  multiple?: boolean;
  /** Placeholder shown after the flag in help, e.g. `N` in `--streets N`. */
  valueName?: string;
  description: string;
}

/** What a command's `run` receives. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  env: NodeJS.ProcessEnv;
  /** What the command may read (e.g. a password with `--password-stdin`); absent, nothing. */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** A `streetgrid` subcommand. Add one by writing a `*.command.ts` and listing it in `commands.ts`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments as shown in usage, e.g. `<file>`; none when omitted. */
  arguments?: string;
  /** Paragraphs shown under the usage line of the command's help. */
  description: string;
  options: Record<string, OptionSpec>;
  /** Resolves to the process exit code (0 when nothing is returned). */
  run(context: CommandContext): Promise<number | void>;
}

/** A mistake in how the command was called: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A whole-number option within bounds, or its default when absent. */
export function intOption(values: CommandContext['values'], name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** A string option, or `undefined` when absent. */
export function stringOption(values: CommandContext['values'], name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}
