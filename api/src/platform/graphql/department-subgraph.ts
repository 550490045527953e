import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A department's own subgraph, the fixture a federation gateway composes ours with: civil
 * affairs (民政) adds a subsidy status to households and lists its programmes. Used by the
 * federation test (in process) and by `pnpm gateway` (served over HTTP).
 */
export const civilAffairsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Household @key(fields: "id") {
    id: ID!
    subsidyStatus: String!
  }
  type Query { subsidyPrograms: [String!]! }
`);

export function civilAffairsSchema() {
  return buildSubgraphSchema([
    {
      typeDefs: civilAffairsTypeDefs,
      resolvers: {
        Query: { subsidyPrograms: () => ['低保', '特困供养'] },
        Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, subsidyStatus: `低保在册:${ref.id.slice(0, 4)}` }) },
      },
    },
  ]);
}

/** The civil-affairs subgraph on its own HTTP port; answers its URL (`…/graphql`) and how to stop it. */
export async function startCivilAffairsSubgraph(opts: { port: number; host: string }): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer({ schema: civilAffairsSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: opts.port, host: opts.host } });
  return { url: new URL('graphql', url).toString(), stop: () => server.stop() };
}
