import type { DomainManifest } from '../../platform/domain';
import { Building } from './building.entity';
import { createBuildingLoaders } from './building.loader';
import { resolveBuildingReference } from './building.reference';
import { BuildingResolver, GridBuildingsResolver } from './building.resolver';

/** 楼栋 — buildings, each inside a small grid. */
export const building: DomainManifest = {
  name: 'building',
  entities: [Building],
  resolvers: [BuildingResolver, GridBuildingsResolver],
  references: { Building: resolveBuildingReference },
  loaders: createBuildingLoaders,
  reads: { Building: { grid: { type: 'Grid', kind: 'one', on: '$child.id = $parent.grid_id', key: 'grid_id', scoped: 'Grid' } } },
};
