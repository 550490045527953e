import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema, parse } from 'graphql';
import { buildSchema, type ClassType, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { Class } from '../class';
import type { Context } from './context';
import { ownSubscribePubSub } from './own-subscribe';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/**
 * An entity's `__resolveReference`: the representation (`{ id }`, `{ code }`…) to the row,
 * through the request's DataLoaders. (`never`: each domain names the keys it takes.)
 */
export type ReferenceResolver = (reference: never, ctx: Context) => Promise<unknown>;
export type ReferenceResolvers = Record<string, ReferenceResolver>;

/** The subgraph's own SDL (sorted, with `@key` directives), as published in schema/subgraph.graphql. */
export async function buildSubgraphSDL(resolvers: readonly Class[]): Promise<{ sdl: string; schema: GraphQLSchema }> {
  const schema = await buildSchema({
    resolvers: [...resolvers] as unknown as NonEmptyArray<ClassType>,
    validate: false,
    emitSchemaFile: false,
    pubSub: ownSubscribePubSub,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
  return { sdl, schema };
}

/**
 * The executable Federation v2 subgraph, the one federation helper: type-graphql builds the
 * schema, the SDL is printed with its directives (plain printSchema drops `@key`), the
 * federation link is prepended, and @apollo/subgraph adds `_service` and `_entities`, whose
 * lookups go through each type's `__resolveReference`.
 */
export async function buildFederatedSchema(
  resolvers: readonly Class[],
  references: ReferenceResolvers,
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const { sdl, schema } = await buildSubgraphSDL(resolvers);
  const typeResolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [type, resolve] of Object.entries(references)) {
    Object.assign((typeResolvers[type] ??= {}) as object, { __resolveReference: resolve });
  }
  return { schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: typeResolvers }]), sdl };
}
