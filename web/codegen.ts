import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the published contract: every `graphql(…)` document in src/ is
 * validated against schema/subgraph.graphql and gets its result and variable types in
 * src/graphql/generated/ (committed). `pnpm typecheck` runs this with `--check`, so a query
 * naming a field the schema lacks, or a generated file older than its query, fails it.
 */
const config: CodegenConfig = {
  schema: '../schema/subgraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/graphql/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          GeoJSON: "import('geojson').Geometry",
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
