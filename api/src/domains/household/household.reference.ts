import type { Context } from '../../app/context';
import type { Household } from './household.entity';

export function resolveHouseholdReference(ref: { id: string }, ctx: Context): Promise<Household | null> {
  return ctx.loaders.householdById.load(ref.id);
}
