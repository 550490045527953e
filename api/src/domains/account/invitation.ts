import { randomInt } from 'node:crypto';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { EntityManager } from 'typeorm';
import { badInput, notFound } from '../../platform/graphql/errors';
import { UUID } from '../../platform/graphql/validate';
import { sha256 } from '../../platform/identity/tokens';
import { checkLogin, checkPassword, createAccount } from './user.service';

/** Letters and digits a person reads off a phone without mistaking one for another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 10 characters of 31: ~8·10¹⁴ codes, each good for days and once. */
const CODE_LENGTH = 10;
const MAX_DAYS = 30;
export enum InvitedRole {
  RESIDENT = 'RESIDENT',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(InvitedRole, { name: 'InvitedRole', description: 'The account an invitation makes: RESIDENT 居民, VOLUNTEER 志愿者' });
const INVITED_ROLES: readonly string[] = Object.values(InvitedRole);

@InputType({ description: '邀请码注册 — the code and the login and password the person chooses' })
export class SignUpInput {
  @Field()
  code!: string;

  @Field()
  login!: string;

  @Field()
  password!: string;
}

@ObjectType({ description: '邀请码 — a code a resident makes their own account with, shown once' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The code, XXXXX-XXXXX (only its hash is kept: it is shown this once)' })
  code!: string;

  @Field(() => ID)
  residentId!: string;

  @Field({ description: 'The resident’s name (whose account it will be)' })
  residentName!: string;

  @Field(() => InvitedRole)
  role!: InvitedRole;

  @Field(() => GraphQLDateTime)
  expiresAt!: Date;
}

/** A new code, grouped for reading aloud: `ABCDE-FGHJK`. */
function newCode(): string {
  const raw = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** The code as typed (any case, spaces or dashes) in its stored form. */
export function normaliseCode(typed: string): string {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  return raw.length === CODE_LENGTH ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

/**
 * Issues a code for a resident the caller can see (row-level security: a leader's own grids),
 * valid for `days`; a resident who already has an enabled account gets none.
 */
export async function issueInvitation(
  m: EntityManager,
  by: string | null,
  input: { residentId: string; role: string; days: number },
  authorize: (residentPath: string) => void,
): Promise<Invitation> {
  if (!UUID.test(input.residentId)) throw notFound('Resident', input.residentId);
  if (!INVITED_ROLES.includes(input.role)) throw badInput('role', `must be ${INVITED_ROLES.join(' or ')}`);
  if (!(Number.isInteger(input.days) && input.days >= 1 && input.days <= MAX_DAYS)) throw badInput('days', `must be 1 to ${MAX_DAYS}`);
  const [resident]: { id: string; name: string; path: string }[] = await m.query(
    `SELECT id, name, grid_path::text AS path FROM resident WHERE id = $1`,
    [input.residentId],
  );
  if (!resident) throw notFound('Resident', input.residentId);
  authorize(resident.path);
  const code = newCode();
  const [row]: { id: string; expiresAt: Date }[] = await m.query(
    `INSERT INTO invitation (code_hash, resident_id, grid_path, role, created_by, expires_at)
     VALUES ($1, $2, $3::ltree, $4, $5, now() + make_interval(days => $6)) RETURNING id, expires_at AS "expiresAt"`,
    [sha256(code), resident.id, resident.path, input.role, by, input.days],
  );
  return {
    id: row.id,
    code,
    residentId: resident.id,
    residentName: resident.name,
    role: input.role as InvitedRole,
    expiresAt: row.expiresAt,
  };
}

/**
 * Makes the account an invitation promises (as the system: the person has none yet): the login
 * and password they chose, their name from the register, tied to the resident; the code is then
 * used up. A wrong, used or expired code answers the same (nothing tells which codes exist).
 */
export async function acceptInvitation(m: EntityManager, input: { code: string; login: string; password: string }): Promise<string> {
  const login = checkLogin(input.login, 'input.login');
  const password = checkPassword(input.password, 'input.password');
  const [inv]: { id: string; residentId: string; role: string; name: string; taken: boolean }[] = await m.query(
    `SELECT i.id, i.resident_id AS "residentId", i.role, r.name,
            EXISTS (SELECT 1 FROM app_user u WHERE u.resident_id = i.resident_id AND u.role = i.role AND NOT u.disabled) AS taken
       FROM invitation i JOIN resident r ON r.id = i.resident_id
      WHERE i.code_hash = $1 AND i.used_at IS NULL AND i.expires_at > now()
      FOR UPDATE OF i`,
    [sha256(normaliseCode(input.code))],
  );
  if (!inv)
    throw badInput('input.code', 'is not a valid invitation code (wrong, used or expired); ask your grid leader for a new one', {
      invalidCode: true,
    });
  if (inv.taken)
    throw badInput('input.code', 'this resident already has such an account; sign in, or ask your grid leader to reset its password');
  const { account } = await createAccount(
    m,
    { label: 'invitation', userId: null },
    { login, displayName: inv.name, role: inv.role, residentId: inv.residentId, password },
    '邀请码注册',
    { seesAll: true },
  );
  await m.query(`UPDATE invitation SET used_at = now(), used_by = $2 WHERE id = $1`, [inv.id, account.id]);
  return login;
}
