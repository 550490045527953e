import type { DomainManifest } from '../../platform/domain';
import { createTileRouter } from './tile.router';

/** Vector tiles of grids and buildings, drawn as the caller may see them, and of the base map beneath them. */
export const tile: DomainManifest = {
  name: 'tile',
  routes: [{ path: '/tiles', signedIn: true, router: ({ ds, config }) => createTileRouter(ds, { encoder: config.tileEncoder }).router }],
};
