import type { Command } from './command';
import { seedCommand } from './seed.command';

/** Every `streetgrid` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [seedCommand];
