import { badInput } from './errors';

/** The longest name or address (of a grid, building, household, resident): `text(value, field, NAME_MAX)`. */
export const NAME_MAX = 200;

/** A uuid as PostgreSQL prints it (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Characters that show nothing: whitespace (what `String.prototype.trim` removes) and the
 * zero-width and invisible format characters it keeps — U+180E, U+200B–U+200D, U+2060,
 * U+FEFF, the soft hyphen U+00AD. Text made only of these is blank.
 */
const INVISIBLE = '\\s\\u00AD\\u180E\\u200B-\\u200D\\u2060\\uFEFF';
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'g');

/** True for a string that can be an id at all. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id: a uuid, else BAD_USER_INPUT "is not an id". */
export function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(field, 'is not an id');
  return value;
}

/** `value` with whitespace and invisible characters removed from both ends. */
export function trimmed(value: string): string {
  return value.replace(EDGES, '');
}

/**
 * A required text: trimmed (invisible characters included), non-empty, at most `max`
 * characters, and without NUL (PostgreSQL cannot store it in text, so it would surface as
 * a 500). Like every check of this kit, it answers the clean value or throws
 * `BAD_USER_INPUT` naming the field.
 */
export function text(value: string | null | undefined, field: string, max: number): string {
  const t = trimmed(value ?? '');
  if (t.includes('\0')) throw badInput(field, 'must not contain NUL characters');
  if (!t || t.length > max) throw badInput(field, `must be 1 to ${max} characters`);
  return t;
}

/** An optional text: absent or blank (invisible characters included) is null, otherwise as `text`. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  return value == null || trimmed(value) === '' ? null : text(value, field, max);
}

/** An integer in [min, max]. */
export function intIn(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be an integer from ${min} to ${max}`);
  return value;
}
