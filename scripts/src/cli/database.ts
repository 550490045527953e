import { resolve } from 'node:path';
import type { OpenDatabase } from '@streetgrid/api/platform/db/database';
import { openDatabase } from '@streetgrid/api/app/database';
import { stringOption, type CommandContext, type OptionSpec } from './command';

/** The options every command that touches the database takes. */
export const databaseOptions: Record<'database-url' | 'data-dir', OptionSpec> = {
  'database-url': {
    type: 'string',
    valueName: 'URL',
    description: 'PostgreSQL + PostGIS to use (default: $DATABASE_URL; when neither is set, the embedded database)',
  },
  'data-dir': { type: 'string', valueName: 'DIR', description: 'Directory of the embedded database (default: $DATA_DIR or .data)' },
};

/** Opens (and migrates) the database the options and environment point at, and says which on stderr. */
export async function openCliDatabase({ values, env, stderr }: CommandContext): Promise<OpenDatabase> {
  const databaseUrl = stringOption(values, 'database-url') ?? (env.DATABASE_URL || undefined);
  const dataDir = stringOption(values, 'data-dir') ?? env.DATA_DIR ?? '.data';
  stderr.write(databaseUrl ? `database: PostgreSQL at ${redact(databaseUrl)}\n` : `database: embedded, in ${resolve(dataDir)}\n`);
  return openDatabase({ databaseUrl, dataDir });
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
