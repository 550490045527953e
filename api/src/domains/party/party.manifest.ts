import type { DomainManifest } from '../../platform/domain';
import { PartyAdminResolver } from './party.admin.resolver';
import { GridLeader, PartyOrganization } from './party.entity';
import { createPartyLoaders } from './party.loader';
import { resolvePartyOrganizationReference } from './party.reference';
import { PartyOrganizationResolver, GridPartyResolver, HouseholdPartyResolver, StreetPartyResolver } from './party.resolver';

/** 党组织 — the five-level party chain and the grids' leaders. */
export const party: DomainManifest = {
  name: 'party',
  entities: [PartyOrganization, GridLeader],
  resolvers: [PartyOrganizationResolver, GridPartyResolver, HouseholdPartyResolver, StreetPartyResolver, PartyAdminResolver],
  references: { PartyOrganization: resolvePartyOrganizationReference },
  loaders: createPartyLoaders,
  reads: {
    // As leadersByGrid answers them: the grid's current leaders. The grid itself was read in the caller's scope.
    Grid: {
      leaders: {
        type: 'GridLeader',
        kind: 'many',
        on: '$child.grid_id = $parent.id AND $child.until IS NULL',
        orderBy: '$child.role, $child.since, $child.id',
      },
    },
  },
};
