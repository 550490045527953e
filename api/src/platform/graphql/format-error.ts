import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isConnectionError } from '../db/replicas';

/**
 * The last word on what an error tells a client: malformed values the database refused
 * (a non-uuid id, a NUL in a text, say) become BAD_USER_INPUT; in production any unexpected
 * error is reduced to its code, so SQL, paths and data never leak. A client's own mistake (a
 * wrong password, a bad header, invalid input) carries its message and code, never a stack
 * trace: in development only an INTERNAL_SERVER_ERROR keeps the one Apollo adds.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { code?: string; driverError?: { code?: string } } | undefined;
    const pgCode = original?.driverError?.code ?? original?.code;
    // The database is down or refusing connections (with read replicas: a write while the primary is unreachable).
    // (A thrown value from another realm arrives wrapped by graphql-js as NonErrorThrown, the value in `thrownValue`.)
    const thrown = (original as { thrownValue?: unknown } | undefined)?.thrownValue;
    if ((original && isConnectionError(original)) || (thrown && isConnectionError(thrown))) {
      return {
        message: 'the database is unavailable; try again shortly',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    // Row-level security refused a write the service's own checks let through: still the caller's fault, never a 500.
    if (pgCode === '42501') {
      return { message: 'you may not change this (row-level security)', path: formatted.path, extensions: { code: 'FORBIDDEN' } };
    }
    // NUL in a text the validation kit did not see (it names the field; this cannot).
    if (pgCode === '22021') {
      return {
        message: 'a text contains a character the database cannot store (NUL)',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    if (pgCode === '22P02' || pgCode === '22003') {
      return {
        message: 'a value is malformed (an id that is not a uuid, or a number out of range)',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    const code = formatted.extensions?.code;
    if (production && code === 'INTERNAL_SERVER_ERROR') {
      return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (code !== 'INTERNAL_SERVER_ERROR' && formatted.extensions && 'stacktrace' in formatted.extensions) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    return formatted;
  };
}
