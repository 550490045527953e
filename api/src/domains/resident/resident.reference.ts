import type { Context } from '../../app/context';
import type { Resident } from './resident.entity';

export function resolveResidentReference(ref: { id: string }, ctx: Context): Promise<Resident | null> {
  return ctx.loaders.residentById.load(ref.id);
}
