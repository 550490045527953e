import { print } from 'graphql';
import { graphql } from '../../graphql/generated';
import {
  bearer,
  isExpired,
  loadSession,
  refreshDelay,
  saveSession,
  sessionFromPayload,
  type AuthPayload,
  type StoredSession,
} from './tokens';

// Sent with plain fetch, not Apollo: the client itself needs the token these answer.
const LOGIN = print(
  graphql(`
    mutation Login($login: String!, $password: String!) {
      login(login: $login, password: $password) {
        ...AuthPayload
      }
    }
  `),
);
const REFRESH = print(
  graphql(`
    mutation Refresh($refreshToken: String!) {
      refresh(refreshToken: $refreshToken) {
        ...AuthPayload
      }
    }
  `),
);

const SIGN_UP = print(
  graphql(`
    mutation SignUpWithInvitation($input: SignUpInput!) {
      signUpWithInvitation(input: $input) {
        ...AuthPayload
      }
    }
  `),
);

/** Why sign-in failed: a GraphQL error code (UNAUTHENTICATED, RATE_LIMITED, …) or NETWORK, and the input field at fault, if any. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

type Fetch = typeof fetch;

/**
 * The signed-in session of this tab: tokens in sessionStorage, the access token refreshed
 * before it expires (one refresh at a time — refresh tokens are single use), and on a 401.
 * `subscribe`/`current` fit React's useSyncExternalStore.
 */
export class AuthSession {
  private session: StoredSession | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<StoredSession | null> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Storage | undefined,
    private readonly fetchImpl: Fetch = (...args) => fetch(...args),
    private readonly endpoint = '/graphql',
    private readonly now: () => number = Date.now,
  ) {
    this.session = loadSession(storage);
    this.schedule();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): StoredSession | null => this.session;

  async login(login: string, password: string): Promise<StoredSession> {
    const payload = await this.call('login', LOGIN, { login, password });
    return this.set(sessionFromPayload(payload, this.now()));
  }

  /** 邀请码注册: makes the account an invitation promises, and signs it in. */
  async signUp(input: { code: string; login: string; password: string }): Promise<StoredSession> {
    const payload = await this.call('signUpWithInvitation', SIGN_UP, { input });
    return this.set(sessionFromPayload(payload, this.now()));
  }

  /** Exchanges the refresh token for a new pair; concurrent callers share one exchange. Null (signed out) if it fails. */
  refresh(): Promise<StoredSession | null> {
    if (this.refreshing) return this.refreshing;
    const session = this.session;
    if (!session) return Promise.resolve(null);
    this.refreshing = this.call('refresh', REFRESH, { refreshToken: session.refreshToken })
      .then((payload) => this.set(sessionFromPayload(payload, this.now())))
      .catch((error: unknown) => {
        // A network failure keeps the session (the token may still work); a refused refresh signs out.
        if (error instanceof AuthError && error.code !== 'NETWORK') this.set(null);
        else this.retryLater();
        return this.session;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** A usable access token, refreshing first if it has expired; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (this.session && isExpired(this.session.expiresAt, this.now())) await this.refresh();
    return this.session?.accessToken ?? null;
  }

  /** The current token without waiting (MapLibre's transformRequest is synchronous). */
  tokenNow(): string | null {
    return this.session?.accessToken ?? null;
  }

  signOut(): void {
    this.set(null);
  }

  private set(session: StoredSession | null): StoredSession {
    this.session = session;
    saveSession(this.storage, session);
    this.schedule();
    for (const listener of this.listeners) listener();
    return session as StoredSession;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.session) return;
    this.timer = setTimeout(() => void this.refresh(), refreshDelay(this.session.expiresAt, this.now()));
  }

  private retryLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 10_000);
  }

  private async call(
    field: 'login' | 'refresh' | 'signUpWithInvitation',
    query: string,
    variables: Record<string, unknown>,
  ): Promise<AuthPayload> {
    let body: {
      data?: Record<string, AuthPayload | null> | null;
      errors?: { message: string; extensions?: { code?: string; field?: string } }[];
    };
    try {
      const response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new AuthError('NETWORK', error instanceof Error ? error.message : String(error));
    }
    const payload = body.data?.[field];
    if (payload) return payload;
    const first = body.errors?.[0];
    throw new AuthError(first?.extensions?.code ?? 'UNKNOWN', first?.message ?? 'no answer', first?.extensions?.field);
  }
}

/**
 * `fetch` for Apollo's HttpLink: adds `Authorization: Bearer …`, and on a 401 refreshes
 * the token once and retries once.
 */
export function authFetch(session: Pick<AuthSession, 'accessToken' | 'refresh'>, fetchImpl: Fetch = (...args) => fetch(...args)): Fetch {
  return async (input, init) => {
    const send = (token: string | null) => {
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', bearer(token));
      return fetchImpl(input, { ...init, headers });
    };
    const token = await session.accessToken();
    const response = await send(token);
    if (response.status !== 401 || !token) return response;
    const renewed = await session.refresh();
    if (!renewed || renewed.accessToken === token) return response;
    return send(renewed.accessToken);
  };
}

/** True for a URL on the app's own origin under /tiles/ (the only requests MapLibre gets the token for). */
export function isOwnTileUrl(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url, origin);
    return parsed.origin === origin && parsed.pathname.startsWith('/tiles/');
  } catch {
    return false;
  }
}

/** The message key for a failed sign-in. */
export function loginErrorKey(
  error: unknown,
): 'auth.errors.invalid' | 'auth.errors.rateLimited' | 'auth.errors.network' | 'auth.errors.unknown' {
  if (!(error instanceof AuthError)) return 'auth.errors.unknown';
  if (error.code === 'UNAUTHENTICATED') return 'auth.errors.invalid';
  if (error.code === 'RATE_LIMITED') return 'auth.errors.rateLimited';
  if (error.code === 'NETWORK') return 'auth.errors.network';
  return 'auth.errors.unknown';
}

/** What a failed sign-up says: the field at fault (the code, the login, the password), else as a sign-in. */
export function signUpErrorKey(
  error: unknown,
): 'auth.signUp.errors.code' | 'auth.signUp.errors.login' | 'auth.signUp.errors.password' | ReturnType<typeof loginErrorKey> {
  if (error instanceof AuthError && error.code === 'BAD_USER_INPUT') {
    if (error.field === 'input.code') return 'auth.signUp.errors.code';
    if (error.field === 'input.login') return 'auth.signUp.errors.login';
    if (error.field === 'input.password') return 'auth.signUp.errors.password';
  }
  return loginErrorKey(error);
}
