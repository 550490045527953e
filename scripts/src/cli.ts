import { commands } from './cli/commands';
import { runCli } from './cli/run';

/** `streetgrid` (`pnpm cli <command>`): the operator CLI. Commands live in `cli/`. */
runCli(process.argv.slice(2), commands, {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
