import { userInfo } from 'node:os';
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@streetgrid/api';
import {
  checkRole,
  createAccount,
  findAccount,
  listAccounts,
  resetAccountPassword,
  setAccountDisabled,
  type AccountActor,
  type AccountReach,
  type AccountRecord,
} from '@streetgrid/api/domains/account/user.service';
import { stringOption, UsageError, type Command, type CommandContext } from './command';
import { databaseOptions, openCliDatabase } from './database';

const ACTIONS = ['create', 'list', 'disable', 'enable', 'reset-password'] as const;
type Action = (typeof ACTIONS)[number];
/** The CLI runs as the database's owner: it sees and changes every account. */
const SYSTEM: AccountReach = { seesAll: true };

/** Reads what stdin holds up to its first line break (a password piped in), without the break. */
export async function readSecretLine(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stdin) throw new UsageError('--password-stdin: there is no standard input to read');
  let data = '';
  for await (const chunk of stdin) {
    data += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0];
}

/** The audit log's name for whoever runs the CLI: the operating-system account. */
function cliActor(env: NodeJS.ProcessEnv): AccountActor {
  let name = env.USER || env.LOGNAME || '';
  try {
    name ||= userInfo().username;
  } catch {
    name ||= 'unknown';
  }
  return { label: `cli:${name}`, userId: null };
}

function list(values: CommandContext['values'], name: string): string[] {
  const raw = values[name];
  return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
}

function describeAccount(a: AccountRecord): string {
  return `${a.login} (${a.role}${a.gridCodes.length ? ` of ${a.gridCodes.join(', ')}` : ''})`;
}

/**
 * `streetgrid user <action>`: accounts from the command line, for the first street admin of
 * an installation and for when nobody can sign in. Every change is recorded in the account
 * audit log as `cli:<os user>`. Passwords are never printed, except one the command made
 * itself, once, on stdout.
 */
export const userCommand: Command = {
  name: 'user',
  summary: 'Create, list, disable, enable accounts and reset passwords',
  arguments: '<create|list|disable|enable|reset-password> [login]',
  description: [
    'create          --login L --name N --role ROLE [--grid CODE…] [--department CODE] [--organization ID] [--password-stdin]',
    '                Creates an account. ROLE is STREET_ADMIN, OPERATOR, GRID_LEADER, VOLUNTEER, RESIDENT,',
    '                DEPARTMENT_STAFF or ORGANIZATION_STAFF; a GRID_LEADER names the grids they lead by code',
    '                (--grid, once per grid), a DEPARTMENT_STAFF account its department by its registry code',
    '                (--department, e.g. CGZD), an ORGANIZATION_STAFF account its live organisation by id (--organization).',
    'list            [--role ROLE] [--search TEXT]: login, name, role, grids and whether disabled.',
    'disable <login> Disables the account and ends its sign-ins; enable <login> undoes it.',
    'reset-password <login> [--password-stdin]',
    '                Sets a new password and ends the account’s sign-ins.',
    '',
    'With --password-stdin the password is the first line of standard input',
    '(e.g. `printf %s "$PASSWORD" | pnpm cli user create … --password-stdin`); without it a',
    'password is generated and printed once on stdout (everything else goes to stderr).',
    'Every change is written to the account audit log as cli:<your OS user>, with --reason.',
  ].join('\n'),
  options: {
    login: { type: 'string', valueName: 'L', description: 'The account’s login (or give it after the action)' },
    name: { type: 'string', valueName: 'N', description: 'Display name (create)' },
    role: { type: 'string', valueName: 'ROLE', description: 'Role (create; list: only this role)' },
    grid: { type: 'string', multiple: true, valueName: 'CODE', description: 'A grid a GRID_LEADER leads, by code (create; repeatable)' },
    department: { type: 'string', valueName: 'CODE', description: 'The department a DEPARTMENT_STAFF account works for, by code (create)' },
    organization: {
      type: 'string',
      valueName: 'ID',
      description: 'The organisation (a property company …) an ORGANIZATION_STAFF account works for, by id (create)',
    },
    'password-stdin': { type: 'boolean', description: 'Read the password from the first line of stdin' },
    search: { type: 'string', valueName: 'TEXT', description: 'list: logins or names containing TEXT' },
    reason: { type: 'string', valueName: 'TEXT', description: 'Why, for the audit log (default: "command line")' },
    ...databaseOptions,
  },
  async run(context) {
    const [action, positionalLogin, ...extra] = context.positionals;
    if (!ACTIONS.includes(action as Action)) throw new UsageError(`give an action: ${ACTIONS.join(', ')}`);
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const { values } = context;
    const login = stringOption(values, 'login') ?? positionalLogin;
    if (action !== 'list' && !login) throw new UsageError(`${action}: give the login (--login L)`);
    if (action === 'create') {
      if (!stringOption(values, 'name')) throw new UsageError('create: give a display name (--name N)');
      if (!stringOption(values, 'role')) throw new UsageError('create: give a role (--role ROLE)');
    }
    const password = values['password-stdin'] ? await readSecretLine(context.stdin) : null;
    const reason = stringOption(values, 'reason') ?? 'command line';
    const actor = cliActor(context.env);

    const db = await openCliDatabase(context);
    try {
      return await db.dataSource.transaction(async (m) => {
        switch (action as Action) {
          case 'list':
            return listUsers(m, context);
          case 'create':
            return createUser(m, context, actor, login!, password, reason);
          default:
            return changeUser(m, context, actor, action as Action, login!, password, reason);
        }
      });
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
        context.stderr.write(`user ${action}: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await db.close();
    }
  },
};

async function listUsers(m: EntityManager, { values, stdout }: CommandContext): Promise<number> {
  const role = stringOption(values, 'role');
  const { accounts } = await listAccounts(m, {
    role: role ? checkRole(role, '--role') : null,
    search: stringOption(values, 'search'),
    limit: 100000,
  });
  for (const a of accounts)
    stdout.write(`${[a.login, a.displayName, a.role, a.gridCodes.join(',') || '-', a.disabled ? 'disabled' : 'active'].join('\t')}\n`);
  return 0;
}

async function createUser(
  m: EntityManager,
  { values, stdout, stderr }: CommandContext,
  actor: AccountActor,
  login: string,
  password: string | null,
  reason: string,
): Promise<number> {
  const codes = list(values, 'grid');
  const grids: { id: string; code: string }[] = codes.length
    ? await m.query(`SELECT id, code FROM grid WHERE code = ANY($1)`, [codes])
    : [];
  const unknown = codes.filter((c) => !grids.some((g) => g.code === c));
  if (unknown.length) {
    stderr.write(`user create: no grid with the code ${unknown.join(', ')}\n`);
    return 1;
  }
  const { account, generatedPassword } = await createAccount(
    m,
    actor,
    {
      login,
      displayName: stringOption(values, 'name')!,
      role: stringOption(values, 'role')!,
      gridIds: grids.map((g) => g.id),
      departmentCode: stringOption(values, 'department'),
      organizationId: stringOption(values, 'organization'),
      password,
    },
    reason,
    SYSTEM,
  );
  stderr.write(`created ${describeAccount(account)}\n`);
  if (generatedPassword) {
    stderr.write('its password (shown this once; give it to its owner):\n');
    stdout.write(`${generatedPassword}\n`);
  }
  return 0;
}

async function changeUser(
  m: EntityManager,
  { stdout, stderr }: CommandContext,
  actor: AccountActor,
  action: Action,
  login: string,
  password: string | null,
  reason: string,
): Promise<number> {
  const account = await findAccount(m, { login });
  if (!account) {
    stderr.write(`user ${action}: no account "${login}"\n`);
    return 1;
  }
  if (action === 'reset-password') {
    const reset = await resetAccountPassword(m, actor, account, reason, SYSTEM, password);
    stderr.write(`new password set for ${describeAccount(account)}; its sign-ins are ended\n`);
    if (password == null) {
      stderr.write('its password (shown this once; give it to its owner):\n');
      stdout.write(`${reset.password}\n`);
    }
    return 0;
  }
  const changed = await setAccountDisabled(m, actor, account, action === 'disable', reason, SYSTEM);
  stderr.write(
    `${changed.disabled ? 'disabled' : 'enabled'} ${describeAccount(changed)}${changed.disabled ? '; its sign-ins are ended' : ''}\n`,
  );
  return 0;
}
