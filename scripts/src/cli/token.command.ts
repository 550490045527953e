import { jwtSecret, signAccessToken } from '@streetgrid/api';
import { DEMO_LOGINS } from '../seed-users';
import { intOption, UsageError, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';

/** `streetgrid token <login>`: a bearer token for an existing user, for development and tests. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'Print a bearer token for a user (development and tests)',
  arguments: '<login>',
  description: [
    'Signs an access token for the user with this login, with the same secret the API uses',
    '($JWT_SECRET, or the development default), and prints it on stdout. Use it as',
    '`Authorization: Bearer <token>`. While `pnpm start` runs on the embedded database, this',
    'connects to it rather than opening its files. The demo accounts `pnpm start` seeds:',
    `${DEMO_LOGINS.slice(0, -1).join(', ')} and ${DEMO_LOGINS[DEMO_LOGINS.length - 1]}.`,
  ].join('\n'),
  options: {
    minutes: { type: 'string', valueName: 'M', description: 'Lifetime in minutes (default 60, at most 1440)' },
    ...databaseOptions,
  },
  async run(context) {
    const [login, ...extra] = context.positionals;
    if (!login || extra.length) throw new UsageError('give exactly one login');
    const minutes = intOption(context.values, 'minutes', 60, 1, 1440);
    const db = await openCliDatabase(context);
    try {
      const [user]: { id: string; role: string; disabled: boolean }[] = await db.dataSource.query(
        `SELECT id, role, disabled FROM app_user WHERE login = $1`,
        [login],
      );
      if (!user || user.disabled) {
        context.stderr.write(`no active user "${login}"\n`);
        return 1;
      }
      context.stdout.write(`${await signAccessToken(user.id, user.role, jwtSecret(context.env), minutes * 60)}\n`);
      context.stderr.write(`token for ${login} (${user.role}), valid ${minutes} min\n`);
    } finally {
      await db.close();
    }
  },
};
