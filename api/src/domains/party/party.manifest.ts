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
};
