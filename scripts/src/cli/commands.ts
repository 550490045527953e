import type { Command } from './command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { reportCommand } from './report.command';
import { seedCommand } from './seed.command';
import { tokenCommand } from './token.command';
import { userCommand } from './user.command';

/** Every `streetgrid` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [seedCommand, importCommand, exportCommand, reportCommand, tokenCommand, userCommand];
