import { createHmac, timingSafeEqual } from 'node:crypto';
import { badInput } from '../graphql/errors';

/**
 * Signed links: a credential that names what it opens (a purpose and a few fields, e.g. a work
 * unit and a month), until when, and nothing else — for people without an account (a member's
 * work unit rating them, 双评议). HMAC-SHA256 under a key derived from the server's signing
 * secret and the purpose, so a link for one purpose never opens another and no JWT verifies as
 * a link. The token is `<base64url(JSON [fields…, expiry seconds])>.<base64url(mac)>`; it is not
 * secret from its holder (the fields are readable) but cannot be altered or extended.
 */
export interface SignedLink {
  fields: string[];
  expiresAt: Date;
}

function key(secret: Uint8Array, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`signed-link:${purpose}`).digest();
}

function mac(secret: Uint8Array, purpose: string, body: string): Buffer {
  return createHmac('sha256', key(secret, purpose)).update(body).digest();
}

export function signLink(secret: Uint8Array, purpose: string, fields: readonly string[], expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify([...fields, Math.floor(expiresAt.getTime() / 1000)])).toString('base64url');
  return `${body}.${mac(secret, purpose, body).toString('base64url')}`;
}

/**
 * The link's fields, or `BAD_USER_INPUT` on `field` (default `token`): `reason: 'invalid'` for a
 * token that is malformed, altered or for another purpose, `reason: 'expired'` past its time.
 */
export function verifyLink(secret: Uint8Array, purpose: string, token: string, now = new Date(), field = 'token'): SignedLink {
  const invalid = () => badInput(field, 'this link is not valid', { reason: 'invalid' });
  if (typeof token !== 'string' || token.length > 1000) throw invalid();
  const [body, sig, ...rest] = token.split('.');
  if (!body || !sig || rest.length > 0) throw invalid();
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length < 1) throw invalid();
  const exp = parsed[parsed.length - 1];
  const fields = parsed.slice(0, -1);
  if (typeof exp !== 'number' || !fields.every((f) => typeof f === 'string')) throw invalid();
  const expiresAt = new Date(exp * 1000);
  if (expiresAt.getTime() <= now.getTime())
    throw badInput(field, 'this link has expired', { reason: 'expired', expiresAt: expiresAt.toISOString() });
  return { fields: fields as string[], expiresAt };
}
