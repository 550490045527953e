import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { elevated } from '../../platform/db/session';
import { badInput, missing, notFound } from '../../platform/graphql/errors';
import { NAME_MAX, optionalText, text, uuid } from '../../platform/graphql/validate';
import { hashPassword } from '../../platform/identity/password';
import type { UserRole } from '../../platform/identity/viewer';

/** Every role an account may have, in the order the console lists them. */
export const USER_ROLES: readonly UserRole[] = [
  'STREET_ADMIN',
  'OPERATOR',
  'GRID_LEADER',
  'VOLUNTEER',
  'RESIDENT',
  'DEPARTMENT_STAFF',
  'ORGANIZATION_STAFF',
];

/** The longest reason an account change may state. */
export const REASON_MAX = 500;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;
/** What `app_user.login`'s CHECK accepts (logins are compared lower-case). */
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** An account as its managers see it: never its password. */
export interface AccountRecord {
  id: string;
  login: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  gridIds: string[];
  gridCodes: string[];
  residentId: string | null;
  /** The department a DEPARTMENT_STAFF account works for. */
  departmentId: string | null;
  /** The organisation (a property company …) an ORGANIZATION_STAFF account works for, and its name. */
  organizationId: string | null;
  organizationName: string | null;
  createdAt: string;
  /**
   * Where it belongs (for the write policy): the paths of the grids it leads, then of its resident's small grid;
   * an organisation's staff account the path of its organisation's grid.
   */
  places: string[];
}

/**
 * How far the caller reaches: `seesAll` whether they see every grid and resident (for the
 * error a hidden one answers); `authorize` refuses an account of `role` belonging to
 * `places` they may not manage; `write` runs the writes (a community leader's as the system,
 * once `authorize` passed; a street admin's under their own row-level security).
 */
export interface AccountReach {
  seesAll: boolean;
  authorize?: (account: { role: string; places: readonly string[] }) => void;
  write?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Who changes an account: a label for the audit log (`user:<login>`, `cli:<os user>`) and their account, if any. */
export interface AccountActor {
  label: string;
  userId: string | null;
}

/** A new account. Without a password, one is generated and answered once. */
export interface AccountRequest {
  login: string;
  displayName: string;
  role: string;
  gridIds?: readonly string[] | null;
  residentId?: string | null;
  /** A DEPARTMENT_STAFF account's department: its registry id, or its code (the command line). */
  departmentId?: string | null;
  departmentCode?: string | null;
  /** An ORGANIZATION_STAFF account's organisation (its registry id). */
  organizationId?: string | null;
  password?: string | null;
}

export type AccountAction = 'CREATED' | 'DISABLED' | 'ENABLED' | 'PASSWORD_RESET' | 'ROLE_CHANGED';

interface AccountRow {
  id: string;
  login: string;
  display_name: string;
  role: UserRole;
  disabled: boolean;
  grid_ids: string[];
  grid_codes: string[];
  resident_id: string | null;
  department_id: string | null;
  organization_id: string | null;
  organization_name: string | null;
  created_at: Date;
  places: string[];
}

const ACCOUNT_SQL = `
  SELECT u.id, u.login, u.display_name, u.role, u.disabled, u.resident_id, u.department_id, u.organization_id, u.created_at,
         o.name AS organization_name,
         coalesce(array_agg(g.id ORDER BY g.code) FILTER (WHERE g.id IS NOT NULL), '{}') AS grid_ids,
         coalesce(array_agg(g.code ORDER BY g.code) FILTER (WHERE g.id IS NOT NULL), '{}') AS grid_codes,
         coalesce(array_agg(g.path::text) FILTER (WHERE g.id IS NOT NULL), '{}')
           || ARRAY(SELECT r.grid_path::text FROM resident r WHERE r.id = u.resident_id AND r.grid_path IS NOT NULL)
           || ARRAY(SELECT o.grid_path::text WHERE o.grid_path IS NOT NULL) AS places
    FROM app_user u
    LEFT JOIN organization o ON o.id = u.organization_id
    LEFT JOIN user_grid ug ON ug.user_id = u.id
    LEFT JOIN grid g ON g.id = ug.grid_id`;

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    gridIds: row.grid_ids,
    gridCodes: row.grid_codes,
    residentId: row.resident_id,
    departmentId: row.department_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    createdAt: new Date(row.created_at).toISOString(),
    places: row.places,
  };
}

/** A password to hand out once: 16 characters of base64url (96 random bits). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** A login as stored: trimmed, lower-case, 2–63 of a-z 0-9 . _ - starting with a letter or digit. */
export function checkLogin(value: string, field: string): string {
  const login = text(value, field, 63).toLowerCase();
  if (!LOGIN.test(login)) throw badInput(field, 'use 2 to 63 of a-z, 0-9, ".", "_" and "-", beginning with a letter or digit');
  return login;
}

export function checkRole(value: string, field: string): UserRole {
  if (!USER_ROLES.includes(value as UserRole)) throw badInput(field, `must be one of ${USER_ROLES.join(', ')}`);
  return value as UserRole;
}

/** A password someone chose: 8 to 200 characters, no NUL (kept as typed: spaces count). */
export function checkPassword(value: string, field: string): string {
  if (value.includes('\0')) throw badInput(field, 'must not contain NUL characters');
  if (value.length < PASSWORD_MIN || value.length > PASSWORD_MAX)
    throw badInput(field, `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  return value;
}

/** The reason of a change, for the audit log: required, 1–500 characters. */
export function checkReason(value: string, field = 'reason'): string {
  return text(value, field, REASON_MAX);
}

/**
 * The grids of an account of `role`: a grid leader leads at least one, nobody else any.
 * Each must be a grid the caller sees (`seesAll`: whether they see every grid, for the error).
 */
async function checkGrids(
  m: EntityManager,
  role: UserRole,
  gridIds: readonly string[],
  field: string,
  seesAll: boolean,
): Promise<{ ids: string[]; paths: string[] }> {
  const ids = [...new Set(gridIds.map((id, i) => uuid(id, `${field}.${i}`)))];
  if (role !== 'GRID_LEADER') {
    if (ids.length) throw badInput(field, 'only a GRID_LEADER leads grids');
    return { ids: [], paths: [] };
  }
  if (!ids.length) throw badInput(field, 'a GRID_LEADER leads at least one grid');
  const found: { id: string; path: string }[] = await m.query(`SELECT id, path::text AS path FROM grid WHERE id = ANY($1::uuid[])`, [ids]);
  const absent = ids.findIndex((id) => !found.some((g) => g.id === id));
  if (absent >= 0) throw missing(`${field}.${absent}`, 'grid', seesAll);
  return { ids, paths: found.map((g) => g.path) };
}

/** The resident a RESIDENT or VOLUNTEER account is (optional), and the path of their small grid. */
async function checkResident(
  m: EntityManager,
  role: UserRole,
  value: string | null | undefined,
  field: string,
  seesAll: boolean,
): Promise<{ id: string | null; paths: string[] }> {
  if (value == null || value === '') return { id: null, paths: [] };
  if (role !== 'RESIDENT' && role !== 'VOLUNTEER') throw badInput(field, 'only a RESIDENT or VOLUNTEER account is linked to a resident');
  const id = uuid(value, field);
  const [row]: { grid_path: string | null }[] = await m.query(`SELECT grid_path::text AS grid_path FROM resident WHERE id = $1`, [id]);
  if (!row) throw missing(field, 'resident', seesAll);
  return { id, paths: row.grid_path ? [row.grid_path] : [] };
}

/** The department of a DEPARTMENT_STAFF account (by registry id or code; required), none for any other role. */
async function checkDepartment(
  m: EntityManager,
  role: UserRole,
  by: { id?: string | null; code?: string | null },
  field: string,
): Promise<string | null> {
  const given = (by.id != null && by.id !== '') || (by.code != null && by.code !== '');
  if (role !== 'DEPARTMENT_STAFF') {
    if (given) throw badInput(field, 'only a DEPARTMENT_STAFF account works for a department');
    return null;
  }
  if (!given) throw badInput(field, 'a DEPARTMENT_STAFF account works for one department (see departments)');
  const [row]: { id: string }[] =
    by.id != null && by.id !== ''
      ? await m.query(`SELECT id FROM department WHERE id = $1`, [uuid(by.id, field)])
      : await m.query(`SELECT id FROM department WHERE code = $1`, [text(by.code!, field, 50)]);
  if (!row) throw badInput(field, 'no such department (see departments)');
  return row.id;
}

/**
 * The organisation of an ORGANIZATION_STAFF account (required), none for any other role: a live (unarchived)
 * organisation the caller may manage — any for whoever sees every account (`seesAll`), else one of the
 * caller's community (a community's large-grid leader). Answers its id and the path of its grid.
 */
async function checkOrganization(
  m: EntityManager,
  role: UserRole,
  value: string | null | undefined,
  field: string,
  seesAll: boolean,
): Promise<{ id: string | null; paths: string[] }> {
  const given = value != null && value !== '';
  if (role !== 'ORGANIZATION_STAFF') {
    if (given) throw badInput(field, 'only an ORGANIZATION_STAFF account works for an organisation');
    return { id: null, paths: [] };
  }
  if (!given) throw badInput(field, 'an ORGANIZATION_STAFF account works for one organisation (see organizations)');
  const [row]: { id: string; grid_path: string; archived: boolean; managed: boolean }[] = await m.query(
    `SELECT o.id, o.grid_path::text AS grid_path, o.archived_at IS NOT NULL AS archived,
            $2::boolean OR EXISTS (SELECT 1 FROM unnest(sg_paths()) c WHERE nlevel(c) = 2 AND o.grid_path <@ c) AS managed
       FROM organization o WHERE o.id = $1`,
    [uuid(value, field), seesAll],
  );
  if (!row || !row.managed) throw badInput(field, 'no such organisation of a community you manage (see organizations)');
  if (row.archived) throw badInput(field, 'the organisation is archived');
  return { id: row.id, paths: [row.grid_path] };
}

/** One account by id or login, as the caller (`m`) sees it; null when absent or hidden. */
export async function findAccount(m: EntityManager, by: { id?: string; login?: string }): Promise<AccountRecord | null> {
  const [where, value] = by.id !== undefined ? ['u.id = $1', by.id] : ['u.login = $1', (by.login ?? '').toLowerCase()];
  const [row]: AccountRow[] = await m.query(`${ACCOUNT_SQL} WHERE ${where} GROUP BY u.id, o.id`, [value]);
  return row ? toRecord(row) : null;
}

/**
 * Accounts as the caller sees them, by login; `role` and `search` (login or name,
 * case-insensitive) narrow them. `count` counts every match, only when asked.
 */
export async function listAccounts(
  m: EntityManager,
  opts: { role?: UserRole | null; search?: string | null; after?: string | null; limit: number },
): Promise<{ accounts: AccountRecord[]; count: () => Promise<number> }> {
  const search = opts.search ? `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const filter = `($1::text IS NULL OR u.role = $1) AND ($2::text IS NULL OR u.login ILIKE $2 OR u.display_name ILIKE $2)`;
  const rows: AccountRow[] = await m.query(
    `${ACCOUNT_SQL} WHERE ${filter} AND ($3::text IS NULL OR u.login > $3) GROUP BY u.id, o.id ORDER BY u.login LIMIT $4`,
    [opts.role ?? null, search, opts.after ?? null, opts.limit],
  );
  const count = async () =>
    (
      (await m.query(`SELECT count(*)::int AS total FROM app_user u WHERE ${filter}`, [opts.role ?? null, search])) as { total: number }[]
    )[0].total;
  return { accounts: rows.map(toRecord), count };
}

/** Appends one row to the account audit log (also for changes other domains make, e.g. an appointment). */
export async function audit(
  m: EntityManager,
  actor: AccountActor,
  action: AccountAction,
  userId: string,
  detail: Record<string, unknown>,
  reason: string,
): Promise<void> {
  await m.query(
    `INSERT INTO account_audit (actor, actor_user_id, action, user_id, detail, reason) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [actor.label, actor.userId, action, userId, JSON.stringify(detail), reason],
  );
}

/** Ends every sign-in of the account: its refresh tokens stop working (access tokens run out within minutes). */
async function revokeSignIns(m: EntityManager, userId: string): Promise<void> {
  // Refresh tokens are nobody's rows but the system's (row-level security): revoking them is the system's work.
  await elevated(m, () => m.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]));
}

/**
 * Creates an account (inside the caller's transaction `m`) and records it. Answers the
 * account and the password when one was generated (to be shown once, never stored plain).
 */
export async function createAccount(
  m: EntityManager,
  actor: AccountActor,
  input: AccountRequest,
  reason: string,
  reach: AccountReach,
): Promise<{ account: AccountRecord; generatedPassword: string | null }> {
  const login = checkLogin(input.login, 'input.login');
  const displayName = text(input.displayName, 'input.displayName', NAME_MAX);
  const role = checkRole(input.role, 'input.role');
  const password = input.password == null ? null : checkPassword(input.password, 'input.password');
  const why = checkReason(reason, 'input.reason');
  const grids = await checkGrids(m, role, input.gridIds ?? [], 'input.gridIds', reach.seesAll);
  const resident = await checkResident(m, role, optionalText(input.residentId, 'input.residentId', 36), 'input.residentId', reach.seesAll);
  const departmentId = await checkDepartment(m, role, { id: input.departmentId, code: input.departmentCode }, 'input.departmentId');
  const organization = await checkOrganization(m, role, input.organizationId, 'input.organizationId', reach.seesAll);
  reach.authorize?.({ role, places: [...grids.paths, ...resident.paths, ...organization.paths] });
  const write = reach.write ?? ((work) => work());
  const secret = password ?? generatePassword();
  const hash = await hashPassword(secret);
  const id = await write(async () => {
    // Whether the login is taken is the system's to say: the caller may not see that account.
    const [taken] = await elevated(m, () => m.query(`SELECT 1 FROM app_user WHERE login = $1`, [login]));
    if (taken) throw badInput('input.login', 'is taken');
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO app_user (login, display_name, password_hash, role, resident_id, department_id, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [login, displayName, hash, role, resident.id, departmentId, organization.id],
    );
    if (grids.ids.length) await m.query(`INSERT INTO user_grid (user_id, grid_id) SELECT $1, unnest($2::uuid[])`, [id, grids.ids]);
    const detail = { login, displayName, role, gridIds: grids.ids, residentId: resident.id, departmentId, organizationId: organization.id };
    await audit(m, actor, 'CREATED', id, detail, why);
    return id;
  });
  const account = await findAccount(m, { id });
  return { account: account!, generatedPassword: password ? null : secret };
}

/** Disables (ending its sign-ins) or enables an account; a change to the state it has is answered, not recorded. */
export async function setAccountDisabled(
  m: EntityManager,
  actor: AccountActor,
  account: AccountRecord,
  disabled: boolean,
  reason: string,
  reach: AccountReach,
): Promise<AccountRecord> {
  const why = checkReason(reason);
  reach.authorize?.(account);
  if (disabled && actor.userId === account.id) throw badInput('disabled', 'you may not disable your own account');
  await (reach.write ?? ((work) => work()))(async () => {
    if (account.disabled !== disabled) {
      await m.query(`UPDATE app_user SET disabled = $2 WHERE id = $1`, [account.id, disabled]);
      await audit(m, actor, disabled ? 'DISABLED' : 'ENABLED', account.id, { login: account.login }, why);
    }
    if (disabled) await revokeSignIns(m, account.id);
  });
  return (await findAccount(m, { id: account.id }))!;
}

/**
 * Sets a new password (the given one, else a generated one answered once) and ends the
 * account's sign-ins, so whoever held the old password is out.
 */
export async function resetAccountPassword(
  m: EntityManager,
  actor: AccountActor,
  account: AccountRecord,
  reason: string,
  reach: AccountReach,
  password?: string | null,
): Promise<{ account: AccountRecord; password: string }> {
  const why = checkReason(reason);
  const secret = password == null ? generatePassword() : checkPassword(password, 'password');
  reach.authorize?.(account);
  const hash = await hashPassword(secret);
  await (reach.write ?? ((work) => work()))(async () => {
    await m.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [account.id, hash]);
    await revokeSignIns(m, account.id);
    await audit(m, actor, 'PASSWORD_RESET', account.id, { login: account.login, generated: password == null }, why);
  });
  return { account, password: secret };
}

/**
 * Changes an account's role and grids (a resident link stays only for a RESIDENT or
 * VOLUNTEER), ending its sign-ins so the new scope applies from the next sign-in (the short
 * access token runs out within minutes).
 */
export async function changeAccountRole(
  m: EntityManager,
  actor: AccountActor,
  account: AccountRecord,
  change: { role: string; gridIds?: readonly string[] | null; reason: string },
  reach: AccountReach,
): Promise<AccountRecord> {
  const role = checkRole(change.role, 'role');
  // The department is chosen when the account is made: a staff account stays with it, and no other becomes one.
  if ((role === 'DEPARTMENT_STAFF') !== (account.role === 'DEPARTMENT_STAFF'))
    throw badInput('role', 'a DEPARTMENT_STAFF account is created for its department; it neither becomes nor leaves that role');
  if ((role === 'ORGANIZATION_STAFF') !== (account.role === 'ORGANIZATION_STAFF'))
    throw badInput('role', 'an ORGANIZATION_STAFF account is created for its organisation; it neither becomes nor leaves that role');
  const why = checkReason(change.reason);
  const grids = await checkGrids(m, role, change.gridIds ?? [], 'gridIds', reach.seesAll);
  if (actor.userId === account.id) throw badInput('id', 'you may not change your own role or grids');
  reach.authorize?.(account);
  const keepsResident = role === 'RESIDENT' || role === 'VOLUNTEER';
  // `places` lists the grids' paths first, then the resident's small grid.
  const residentPlaces = keepsResident ? account.places.slice(account.gridIds.length) : [];
  reach.authorize?.({ role, places: [...grids.paths, ...residentPlaces] });
  await (reach.write ?? ((work) => work()))(async () => {
    await m.query(`UPDATE app_user SET role = $2, resident_id = CASE WHEN $3 THEN resident_id END WHERE id = $1`, [
      account.id,
      role,
      keepsResident,
    ]);
    await m.query(`DELETE FROM user_grid WHERE user_id = $1`, [account.id]);
    if (grids.ids.length) await m.query(`INSERT INTO user_grid (user_id, grid_id) SELECT $1, unnest($2::uuid[])`, [account.id, grids.ids]);
    await revokeSignIns(m, account.id);
    const detail = { login: account.login, from: account.role, role, fromGridIds: account.gridIds, gridIds: grids.ids };
    await audit(m, actor, 'ROLE_CHANGED', account.id, detail, why);
  });
  return (await findAccount(m, { id: account.id }))!;
}

/** The account with `id` as the caller sees it, or NOT_FOUND (hidden and absent answer alike). */
export async function requireAccount(m: EntityManager, id: string, field = 'id'): Promise<AccountRecord> {
  const account = await findAccount(m, { id: uuid(id, field) });
  if (!account) throw notFound('User', id);
  return account;
}
