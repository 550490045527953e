import { CombinedGraphQLErrors } from '@apollo/client';

/** A message to show for anything a query rejected with. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
