import { graphql, type DocumentType } from '../../graphql/generated';
import type { Role } from '../../graphql/generated/graphql';

export const AUTH_PAYLOAD_FRAGMENT = graphql(`
  fragment AuthPayload on AuthPayload {
    accessToken
    expiresIn
    refreshToken
    user {
      id
      login
      displayName
      role
      gridIds
    }
  }
`);

/** What `login` and `refresh` answer. */
export type AuthPayload = DocumentType<typeof AUTH_PAYLOAD_FRAGMENT>;

/** The signed-in user, as `login` answers it (`Me`). */
export type SessionUser = AuthPayload['user'];

/** Account roles, as the API's `Role` enum. */
export type UserRole = Role;

/** A session as kept in sessionStorage: the token pair, when the access token expires (epoch ms) and who it is. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: SessionUser;
}

/** Refresh this long before the access token expires (15-minute tokens: at 14 min). */
export const REFRESH_MARGIN_MS = 60_000;
/** A token this close to expiry is treated as expired (clock skew, request time). */
export const EXPIRY_SKEW_MS = 5_000;

export function sessionFromPayload(payload: AuthPayload, now: number): StoredSession {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: now + payload.expiresIn * 1000,
    user: payload.user,
  };
}

/**
 * Milliseconds from `now` until the refresh should run: `margin` before expiry, but for
 * short tokens never later than halfway through their remaining life; 0 when already due.
 */
export function refreshDelay(expiresAt: number, now: number, margin = REFRESH_MARGIN_MS): number {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 0;
  return remaining > 2 * margin ? remaining - margin : remaining / 2;
}

/** True when the access token is expired or about to be (within `skew`). */
export function isExpired(expiresAt: number, now: number, skew = EXPIRY_SKEW_MS): boolean {
  return expiresAt - now <= skew;
}

/** `Authorization` header value for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

const STORAGE_KEY = 'streetgrid.session';

function isSession(value: unknown): value is StoredSession {
  if (!value || typeof value !== 'object') return false;
  const s = value as Partial<StoredSession>;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.expiresAt === 'number' &&
    !!s.user &&
    typeof s.user.id === 'string' &&
    typeof s.user.role === 'string' &&
    Array.isArray(s.user.gridIds)
  );
}

/** The session kept in this tab (sessionStorage: gone when the tab closes), or null. */
export function loadSession(storage: Pick<Storage, 'getItem'> | undefined): StoredSession | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, session: StoredSession | null): void {
  try {
    if (session) storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    else storage?.removeItem(STORAGE_KEY);
  } catch {
    // A locked-down kiosk: the session lasts until reload.
  }
}

/** Which screen a role gets: the command centre's wall screen, the leader's workspace, a department's inbox, …, or none. */
export function screenFor(role: UserRole): 'wall' | 'leader' | 'helper' | 'resident' | 'department' | 'none' {
  if (role === 'STREET_ADMIN' || role === 'OPERATOR') return 'wall';
  if (role === 'GRID_LEADER') return 'leader';
  if (role === 'VOLUNTEER') return 'helper';
  if (role === 'RESIDENT') return 'resident';
  // An organisation's staff (a property company's) work their dispatched cases in the same inbox.
  if (role === 'DEPARTMENT_STAFF' || role === 'ORGANIZATION_STAFF') return 'department';
  return 'none';
}
