import type { Context } from '../../platform/graphql/context';
import type { Resident } from './resident.entity';

export function resolveResidentReference(ref: { id: string }, ctx: Context): Promise<Resident | null> {
  return ctx.loaders.residentById.load(ref.id);
}
