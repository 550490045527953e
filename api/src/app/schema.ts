import type { GraphQLSchema } from 'graphql';
import { DOMAINS } from '../domains';
import * as federation from '../platform/graphql/federation';
import { prepareCompiledReads } from '../platform/graphql/compiled-read';

/** Every domain's resolvers, for the schema. */
export const resolvers = DOMAINS.flatMap((d) => d.resolvers ?? []);

/** Every domain's federation `__resolveReference`s, by entity type. */
const references = Object.assign({}, ...DOMAINS.map((d) => d.references ?? {})) as federation.ReferenceResolvers;

/** The subgraph's SDL as published in schema/subgraph.graphql. */
export function buildSubgraphSDL(): Promise<{ sdl: string; schema: GraphQLSchema }> {
  return federation.buildSubgraphSDL(resolvers);
}

/** The executable federated schema of every domain. */
export async function buildFederatedSchema(): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const built = await federation.buildFederatedSchema(resolvers, references);
  prepareCompiledReads(
    built.schema,
    DOMAINS.flatMap((d) => (d.reads ? [d.reads] : [])),
  );
  return built;
}
