import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { AuthResolver } from '../domains/account/account.resolver';
import { BuildingResolver } from '../domains/building/building.resolver';
import { resolveBuildingReference } from '../domains/building/building.reference';
import { CaseEventResolver, CaseResolver } from '../domains/case/case.resolver';
import { resolveCaseReference } from '../domains/case/case.reference';
import { ownSubscribePubSub } from '../domains/case/case.stream';
import { GridResolver } from '../domains/grid/grid.resolver';
import { resolveGridReference } from '../domains/grid/grid.reference';
import { HouseholdResolver } from '../domains/household/household.resolver';
import { resolveHouseholdReference } from '../domains/household/household.reference';
import { ImportResolver } from '../domains/import/import.resolver';
import { PartyOrganizationResolver } from '../domains/party/party.resolver';
import { resolvePartyOrganizationReference } from '../domains/party/party.reference';
import { ResidentResolver } from '../domains/resident/resident.resolver';
import { serviceResolvers } from '../domains/service/service.resolvers';
import { resolveResidentReference } from '../domains/resident/resident.reference';
import { StreetResolver } from '../domains/street/street.resolver';
import { resolveStreetReference } from '../domains/street/street.reference';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

export const resolvers = [AuthResolver, StreetResolver, GridResolver, BuildingResolver, HouseholdResolver, ResidentResolver, PartyOrganizationResolver, CaseResolver, CaseEventResolver, ImportResolver, ...serviceResolvers] as const;

/** `__resolveReference` per entity: each goes through the request's DataLoaders. */
const referenceResolvers = {
  Street: { __resolveReference: resolveStreetReference },
  Grid: { __resolveReference: resolveGridReference },
  Building: { __resolveReference: resolveBuildingReference },
  Household: { __resolveReference: resolveHouseholdReference },
  Resident: { __resolveReference: resolveResidentReference },
  PartyOrganization: { __resolveReference: resolvePartyOrganizationReference },
  Case: { __resolveReference: resolveCaseReference },
};

/** The subgraph's own SDL (sorted, with `@key` directives), as published in schema/subgraph.graphql. */
export async function buildSubgraphSDL(): Promise<{ sdl: string; schema: GraphQLSchema }> {
  const schema = await buildSchema({ resolvers: [...resolvers], validate: false, emitSchemaFile: false, pubSub: ownSubscribePubSub });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
  return { sdl, schema };
}

/**
 * The executable Federation v2 subgraph: type-graphql builds the schema, the SDL is
 * printed with its directives (plain printSchema drops `@key`), the federation link is
 * prepended, and @apollo/subgraph adds `_service` and `_entities`.
 */
export async function buildFederatedSchema(): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const { sdl, schema } = await buildSubgraphSDL();
  const typeResolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [type, resolver] of Object.entries(referenceResolvers)) {
    Object.assign((typeResolvers[type] ??= {}) as object, resolver);
  }
  return { schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: typeResolvers }]), sdl };
}
