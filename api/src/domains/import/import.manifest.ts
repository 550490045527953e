import type { DomainManifest } from '../../platform/domain';
import { ImportResolver } from './import.resolver';

/** Importing grids and buildings (GeoJSON, Shapefile): the admin mutation; the CLI uses the same path. */
export const importing: DomainManifest = {
  name: 'import',
  resolvers: [ImportResolver],
};
