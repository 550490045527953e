import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one GraphQL document may ask (graphql-armor): depth, aliases, directives,
 * tokens and cost, so a single request cannot exhaust the database or the event loop.
 * The deepest real operation (grids → buildings → households → residents → household)
 * has depth 7; departments' federated queries stay well inside these bounds. Field
 * suggestions ("did you mean …") are blocked in production, where they leak the schema.
 */
export function armorFor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 30 },
    maxTokens: { n: 4000 },
    // armor's cost grows 1.5× per level of depth: 50 grids → buildings → households →
    // residents (a dashboard's real query) costs ~45,000; a depth-12 bomb far more.
    costLimit: { maxCost: 100000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
