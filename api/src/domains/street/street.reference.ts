import type { Context } from '../../app/context';
import type { Street } from './street.entity';

export function resolveStreetReference(ref: { id: string }, ctx: Context): Promise<Street | null> {
  return ctx.loaders.streetById.load(ref.id);
}
