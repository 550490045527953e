import type { Context } from '../../app/context';
import type { Case } from './case.entity';

/** Federation: a Case is found by `id` through the request's loader. */
export function resolveCaseReference(ref: { id: string }, ctx: Context): Promise<Case | null> {
  return ctx.loaders.caseById.load(ref.id);
}
