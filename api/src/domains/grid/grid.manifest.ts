import type { DomainManifest } from '../../platform/domain';
import { pruneTombstones } from '../../platform/graphql/sync';
import { Grid } from './grid.entity';
import { COUNT_SQL, createGridLoaders } from './grid.loader';
import { resolveGridReference } from './grid.reference';
import { GridResolver, StreetGridsResolver } from './grid.resolver';

/** 网格 — large, medium and small grids as PostGIS polygons with an ltree path. */
export const grid: DomainManifest = {
  name: 'grid',
  entities: [Grid],
  resolvers: [GridResolver, StreetGridsResolver],
  references: { Grid: resolveGridReference },
  loaders: createGridLoaders,
  reads: {
    Grid: {
      parent: { type: 'Grid', kind: 'one', on: '$child.id = $parent.parent_id', scoped: 'Grid' },
      children: { type: 'Grid', kind: 'many', on: '$child.parent_id = $parent.id', orderBy: '$child.code', scoped: 'Grid' },
      counts: { kind: 'counts', counts: COUNT_SQL },
      geometry: { kind: 'expression', sql: 'ST_AsGeoJSON($parent.geom)::json' },
      labelPoint: { kind: 'expression', sql: 'ST_AsGeoJSON($parent.label_point)::json' },
    },
  },
  // Departments' syncs: deletions of every synced kind are kept SYNC_RETENTION_DAYS (the first synced domain prunes them all).
  jobs: [
    { name: 'tombstone pruning', everyMs: (config) => config.sync.pruneMs, run: ({ ds, config }) => pruneTombstones(ds, config.sync) },
  ],
};
