import { join } from 'node:path';
import config from '../../codegen';

const web = join(__dirname, '..', '..');

/**
 * Runs the project's codegen (what `pnpm typecheck` runs first) over `documents`, writing
 * nothing. Under jest both the CLI and the preset are loaded as ES modules (their CommonJS
 * builds require ESM-only packages), so the preset is passed in rather than named.
 */
async function check(documents: string) {
  const [{ generate }, { preset }] = await Promise.all([import('@graphql-codegen/cli'), import('@graphql-codegen/client-preset')]);
  const generates = Object.fromEntries(Object.entries(config.generates).map(([path, output]) => [path, { ...output, preset }]));
  return generate({ ...config, cwd: web, documents, generates, silent: true, errorsOnly: true }, false);
}

// Loading the codegen CLI as ES modules and typing against the whole published schema takes several seconds on a busy
// machine (29 s for the file in a full run on 2 cores), past jest's default 5 s.
jest.setTimeout(60_000);

describe('web documents against schema/subgraph.graphql', () => {
  it('types a query the schema answers', async () => {
    const outputs = await check('query Streets { streets { id name bbox } }');
    const types = outputs.map((o: { content: string }) => o.content).join('\n');
    expect(types).toContain('export type StreetsQuery = { streets: Array<{ id: string, name: string, bbox: Array<number> }> };');
  });

  it('refuses a query naming a field the schema lacks', async () => {
    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const typo = check('query Streets { streets { id nmae } }');
    await expect(typo).rejects.toThrow('Cannot query field "nmae" on type "Street". Did you mean "name"?');
    report.mockRestore();
  });
});
