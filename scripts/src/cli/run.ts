import { parseArgs } from 'node:util';
import { UsageError, type Command, type CommandContext, type OptionSpec } from './command';

const PROGRAM = 'streetgrid';

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

/** The whole CLI's help: commands and how to get each one's. */
export function programHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${PROGRAM} — operator commands for a streetgrid installation`,
    '',
    `Usage: ${PROGRAM} <command> [options]     (from the repository root: pnpm cli <command> [options])`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

/** One command's help: usage, description and options. */
export function commandHelp(command: Command): string {
  const options: Record<string, OptionSpec> = { ...command.options, help: HELP_OPTION };
  const flags = Object.entries(options).map(([name, spec]) => {
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}${spec.multiple ? '…' : ''}` : '';
    return [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `Usage: ${PROGRAM} ${command.name}${command.arguments ? ` ${command.arguments}` : ''} [options]`,
    '',
    command.description,
    '',
    'Options:',
    ...flags.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    '',
  ].join('\n');
}

/**
 * Parses `argv` (without node and script), runs the chosen command and resolves to the
 * exit code: 0 done, 1 the command failed, 2 the call was wrong (unknown command or
 * option, bad value).
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  io: Omit<CommandContext, 'values' | 'positionals'>,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    (name === undefined ? io.stderr : io.stdout).write(topic ? commandHelp(topic) : programHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${PROGRAM}: unknown command "${name}"\n\n${programHelp(commands)}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        Object.entries({ ...command.options, help: HELP_OPTION }).map(([key, spec]) => [
          key,
          { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: command.arguments !== undefined,
      strict: true,
    });
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return (await command.run({ ...io, values: values as CommandContext['values'], positionals })) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${PROGRAM} ${command.name}: ${(error as Error).message}\nRun "${PROGRAM} ${command.name} --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}
