import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSubgraphSDL } from '@streetgrid/api';

/**
 * Writes the subgraph's SDL (sorted, with directives) to schema/subgraph.graphql, or with
 * `--check` fails when the committed file differs from what the code generates.
 */
async function main(): Promise<void> {
  const target = resolve(__dirname, '../../schema/subgraph.graphql');
  const { sdl } = await buildSubgraphSDL();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing counts as drift
    }
    if (committed !== sdl) {
      console.error('schema/subgraph.graphql is out of date: run `pnpm schema:generate` and commit it.');
      process.exit(1);
    }
    console.log('schema/subgraph.graphql is up to date');
    return;
  }
  writeFileSync(target, sdl);
  console.log(`wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
