import { GraphQLError } from 'graphql';

/**
 * Bad input: names the field at fault (a dotted path from the argument, e.g.
 * `input.geometry`) and the reason, so a client can show it next to the field.
 */
export function badInput(field: string, reason: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${field}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', field, reason, ...extra } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
}

/** Someone else changed the object first: the caller must re-read and retry. */
export function conflict(what: string, id: string, expected: number, actual: number): GraphQLError {
  return new GraphQLError(`${what} ${id} was changed by someone else (version ${actual}, you had ${expected})`, {
    extensions: { code: 'CONFLICT', field: 'input.version', expected, actual },
  });
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * A row the caller named but cannot reach: it does not exist, or row-level security hides
 * it from them. Both answer the same (FORBIDDEN naming the field), so an id outside the
 * caller's grids tells nothing about whether it exists. Callers who see every row of the
 * kind get `missing` (BAD_USER_INPUT "no such …") instead.
 */
export function outOfReach(field: string, what: string): GraphQLError {
  return new GraphQLError(`${field}: no ${what} you may act on (it does not exist or lies outside your grids)`, {
    extensions: { code: 'FORBIDDEN', field },
  });
}

/** The answer for a named row that is not there: `no such …` to whoever sees them all, else `outOfReach`. */
export function missing(field: string, what: string, seesAll: boolean): GraphQLError {
  return seesAll ? badInput(field, `no such ${what}`) : outOfReach(field, what);
}
