import { errorText } from '../../graphql/errors';
import type { TFunction } from 'i18next';

/**
 * What a refused write means, in the UI's language (`errorText`, the console's own field labels
 * first: 任命人选 rather than 居民 for an appointment's resident).
 */
export function explain(t: TFunction, error: unknown): string {
  return errorText(t, error, { fields: 'console.field' });
}

/** Runs a write, answering its refusal in words (see `explain`). */
export async function explained<T>(t: TFunction, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new Error(explain(t, error), { cause: error });
  }
}
