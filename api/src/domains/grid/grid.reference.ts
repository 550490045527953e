import type { Context } from '../../app/context';
import type { Grid } from './grid.entity';

/** Federation: a Grid is found by `id` or by `code`, through the request's loaders. */
export async function resolveGridReference(ref: { id?: string; code?: string }, ctx: Context): Promise<Grid | null> {
  if (ref.id) return ctx.loaders.gridById.load(ref.id);
  if (ref.code) return ctx.loaders.gridByCode.load(ref.code);
  return null;
}
