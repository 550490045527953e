import type { Db } from '../db/session';
import type { EntityManager } from 'typeorm';
import { badInput } from './errors';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Runs `work` in one transaction. Constraint violations that slipped past validation
 * become `BAD_USER_INPUT` naming the field the constraint guards, never a raw SQL error.
 * Inside, use only the given manager: PGlite runs one statement at a time, so a query
 * on another connection would wait for this transaction forever.
 */
export async function inTransaction<T>(
  ds: Db,
  constraintFields: Record<string, string>,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await ds.transaction(work);
  } catch (error) {
    const pg = ((error as { driverError?: PgError }).driverError ?? error) as PgError;
    if (pg.code === '23505' || pg.code === '23503' || pg.code === '23514') {
      const field = (pg.constraint && constraintFields[pg.constraint]) ?? 'input';
      const reason =
        pg.code === '23505' ? 'already exists' : pg.code === '23503' ? 'refers to something that does not exist' : 'is out of range';
      throw badInput(field, reason);
    }
    throw error;
  }
}
