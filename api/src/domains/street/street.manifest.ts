import type { DomainManifest } from '../../platform/domain';
import { Street } from './street.entity';
import { createStreetLoaders } from './street.loader';
import { resolveStreetReference } from './street.reference';
import { StreetResolver } from './street.resolver';

/** 街道 — the street itself, the root of every grid. */
export const street: DomainManifest = {
  name: 'street',
  entities: [Street],
  resolvers: [StreetResolver],
  references: { Street: resolveStreetReference },
  loaders: createStreetLoaders,
};
