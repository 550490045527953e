import type { Context } from '../../app/context';
import type { Building } from './building.entity';

export function resolveBuildingReference(ref: { id: string }, ctx: Context): Promise<Building | null> {
  return ctx.loaders.buildingById.load(ref.id);
}
