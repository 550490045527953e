import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** Access tokens live 15 minutes; refresh tokens (opaque, stored hashed) 7 days. */
export const ACCESS_TTL_S = 15 * 60;
export const REFRESH_TTL_S = 7 * 24 * 3600;
const ISSUER = 'streetgrid';

/** The signing secret: JWT_SECRET, or in development a fixed local one (never in production). */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.JWT_SECRET;
  if (secret) return new TextEncoder().encode(secret);
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production');
  return new TextEncoder().encode('streetgrid-development-secret-not-for-production');
}

export async function signAccessToken(userId: string, role: string, secret: Uint8Array, ttlSeconds = ACCESS_TTL_S): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(secret);
}

/** Verifies signature, issuer and expiry; answers the user id, or null for any bad token. */
export async function verifyAccessToken(token: string, secret: Uint8Array): Promise<string | null> {
  return (await readAccessToken(token, secret))?.userId ?? null;
}

/** As `verifyAccessToken`, with the moment the token expires (ms since the epoch). */
export async function readAccessToken(token: string, secret: Uint8Array): Promise<{ userId: string; expiresAt: number } | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
    return { userId: payload.sub, expiresAt: payload.exp * 1000 };
  } catch {
    return null;
  }
}

/** A random secret to hand out once (refresh tokens, API keys), and its stored hash. */
export function newSecret(prefix: string): { value: string; hash: string } {
  const value = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { value, hash: sha256(value) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
