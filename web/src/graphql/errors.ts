import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { TFunction } from 'i18next';

/** The first GraphQL error's `extensions.code` (CONFLICT, FORBIDDEN, …), if any. */
export function errorCode(error: unknown): string | null {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

/** The field at fault the API named (`extensions.field`), if any. */
export function errorField(error: unknown): string | null {
  if (CombinedGraphQLErrors.is(error)) {
    const field = error.errors[0]?.extensions?.field;
    return typeof field === 'string' ? field : null;
  }
  return null;
}

/** Why the API refused (`extensions.reason`, e.g. a signed link's `expired`), if it said. */
export function errorReason(error: unknown): string | null {
  if (CombinedGraphQLErrors.is(error)) {
    const reason = error.errors[0]?.extensions?.reason;
    return typeof reason === 'string' ? reason : null;
  }
  return null;
}

/** The rules the party chain and appointments are held to (the API's `extensions.rule`), each with its own words. */
export const RULES = [
  'LARGE_GRID_LEADER',
  'MEDIUM_GRID_LEADER',
  'SMALL_GRID_LEADER',
  'SECRETARY_PARTY_MEMBER',
  'SECRETARY_IN_GRID',
  'DEPUTY_NOT_SECRETARY',
] as const;

/**
 * The API's reasons for bad input (`extensions.reason`, English for developers), each with
 * words of its own in the UI; numbers it names (a limit) are kept. Unknown reasons get a
 * general phrase: the UI never shows the API's English to a Chinese reader.
 */
const REASONS: [RegExp, string][] = [
  [/^is not an id$/, 'notId'],
  [/^no such |^no \w+ (with|has) the code|no community has the code|^no street with code/, 'noSuch'],
  [/^must be (\d+) to (\d+) characters$|^must be 1 to (\d+) characters$/, 'length'],
  [/characters? the database cannot store|NUL characters/, 'invisible'],
  [/^must be an integer from (\d+) to (\d+)$/, 'integer'],
  [/^must be (above|more than) 0 and at most ([\d.]+)$/, 'positive'],
  [/^is not a time$/, 'notTime'],
  [/^must be (before|after|later than|on or after)\b/, 'order'],
  [/^is not a cursor/, 'cursor'],
  [/^is archived$/, 'archived'],
  [/^is already done$/, 'done'],
  [/^only with consent/, 'consent'],
  [/^must be one of |^is not a role$|^must be a? ?\w+ (or \w+ )?grid|^must be a community/, 'choice'],
  [/^at most \d+ photos$/, 'photos'],
  [/overlaps grid|outside$|lies outside|lies in no/, 'geometry'],
  [/the window may span at most|^must be 1 to \d+$/, 'window'],
];

/** The reason's key in `errors.reason`, with the numbers it names, or null. */
function reasonKey(reason: string): { key: string; max?: string; min?: string } | null {
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(reason);
    if (!m) continue;
    const numbers = m.slice(1).filter((n): n is string => n !== undefined && /^[\d.]+$/.test(n));
    return { key, min: numbers.length > 1 ? numbers[0] : '1', max: numbers[numbers.length - 1] };
  }
  return null;
}

/** `input.households.0.room` → `room`: the field's own name, without the argument and list indexes. */
function fieldName(path: string): string {
  return (
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path
  );
}

type Loose = (key: string, options?: Record<string, unknown>) => string;

/**
 * What a refused request means, in the UI's language: a broken rule by its name, bad input
 * by the field at fault (`fields`: a screen's own labels, e.g. `civic.field`, before the
 * common `errors.field`) and the reason, a code (FORBIDDEN, CONFLICT, …) in words, a network
 * failure as such. An error our own code threw (already in words) keeps its message. A field
 * the UI has no label for is left out rather than shown as the API spells it.
 */
export function errorText(t: TFunction, error: unknown, opts: { fields?: string } = {}): string {
  const tt = t as unknown as Loose;
  const label = (path: string): string => {
    const name = fieldName(path);
    const own = opts.fields ? tt(`${opts.fields}.${name}`, { defaultValue: '' }) : '';
    return own || tt(`errors.field.${name}`, { defaultValue: '' });
  };
  // A step checked in the browser names its field as the API would (`input.startsAt`).
  const local = (error as { field?: unknown } | null)?.field;
  if (typeof local === 'string' && !CombinedGraphQLErrors.is(error)) {
    const field = label(local);
    return field ? tt('errors.badField', { field, reason: tt('errors.reason.other') }) : tt('errors.badInput');
  }
  if (ServerError.is(error)) return tt('errors.server', { status: error.statusCode });
  if (!CombinedGraphQLErrors.is(error)) {
    // fetch's own failure (offline, refused, aborted) is a TypeError; ours are plain Errors with words.
    if (error instanceof TypeError) return tt('errors.network');
    return error instanceof Error ? error.message : String(error);
  }
  const ext = error.errors[0]?.extensions ?? {};
  const rule = typeof ext.rule === 'string' ? ext.rule : null;
  if (rule && (RULES as readonly string[]).includes(rule)) return tt(`console.rule.${rule}`);
  const field = typeof ext.field === 'string' ? label(ext.field) : '';
  switch (ext.code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED': {
      const reason = typeof ext.reason === 'string' ? reasonKey(ext.reason) : null;
      const words = reason ? tt(`errors.reason.${reason.key}`, { min: reason.min, max: reason.max }) : tt('errors.reason.other');
      return field ? tt('errors.badField', { field, reason: words }) : tt('errors.badInput');
    }
    case 'FORBIDDEN':
      return field ? tt('errors.outOfReach', { field }) : tt('errors.forbidden');
    case 'CONFLICT':
      return tt('helper.conflict');
    case 'UNAUTHENTICATED':
    case 'NOT_FOUND':
    case 'RATE_LIMITED':
    case 'SERVICE_UNAVAILABLE':
      return tt(`errors.code.${ext.code}`);
    default:
      return tt('errors.unknown');
  }
}
