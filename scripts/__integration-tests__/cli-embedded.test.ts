import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FeatureCollection } from 'geojson';
import { connectDatabase } from '../../api/src/app/database';
import { startEmbedded, type EmbeddedDatabase } from '../../api/src/platform/db/embedded';
import { upsertUser } from '../../api/src/platform/identity';
import { jwtSecret } from '../../api/src/platform/config';
import { verifyAccessToken } from '../../api/src/platform/identity/tokens';
import { commands } from '../src/cli/commands';
import { runCli } from '../src/cli/run';

/**
 * Every CLI command on the embedded database (PGlite + PostGIS, in memory), whatever
 * TEST_DATABASE_URL says: the default a newcomer runs, where `import` once crashed on a file
 * `export` had just written (GEOS's overlay fallback cannot run in PGlite's WebAssembly build).
 */
describe('pnpm cli on the embedded database', () => {
  let embedded: EmbeddedDatabase;
  let dir: string;

  const cli = async (...argv: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk) => (out += chunk));
    stderr.on('data', (chunk) => (err += chunk));
    const code = await runCli([...argv, '--database-url', embedded.url], commands, { env: {}, stdout, stderr });
    return { code, out, err };
  };

  beforeAll(async () => {
    embedded = await startEmbedded();
    dir = mkdtempSync(join(tmpdir(), 'streetgrid-cli-'));
  });
  afterAll(async () => {
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('seed writes the generated demo street', async () => {
    const seed = await cli('seed');
    expect(seed.err).not.toMatch(/Error/);
    expect(seed.code).toBe(0);
    expect(seed.out).toMatch(/^added 1 street \(kept 0\): 387 grids, 1,413 buildings, [\d,]+ households, 65,851 residents/);
  });

  it('export --grid → import --dry-run: the subtree from the bug report is unchanged', async () => {
    const file = join(dir, 'compound.geojson');
    const exported = await cli('export', '--grid', '330105001002', '--out', file);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain('export: 75 features');
    const dry = await cli('import', file, '--dry-run');
    expect(dry.err).not.toMatch(/Error/);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/validation: no problems found\nchanges: 0 to insert, 0 to update, 75 unchanged\ndry run: nothing written/);
  });

  it('the whole street: export → import writes nothing new, an edit is one update, and export again gives the same file', async () => {
    const first = join(dir, 'street.geojson');
    expect((await cli('export', '--street', '330105001', '--out', first)).code).toBe(0);
    const again = await cli('import', first);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/changes: 0 to insert, 0 to update, 1800 unchanged\nwritten in one transaction/);

    const collection = JSON.parse(readFileSync(first, 'utf8')) as FeatureCollection;
    const compound = collection.features.find((f) => f.properties?.code === '330105001002')!;
    const edited = join(dir, 'edited.geojson');
    const name = compound.properties!.name as string;
    compound.properties!.name = '改名小区';
    writeFileSync(edited, JSON.stringify(collection));
    const edit = await cli('import', edited);
    expect(edit.code).toBe(0);
    expect(edit.out).toMatch(/changes: 0 to insert, 1 to update, 1799 unchanged/);
    compound.properties!.name = name;
    writeFileSync(edited, JSON.stringify(collection));
    expect((await cli('import', edited)).out).toMatch(/0 to insert, 1 to update, 1799 unchanged/);

    const second = join(dir, 'street-again.geojson');
    expect((await cli('export', '--street', '330105001', '--out', second)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('token signs a bearer token for an existing user and refuses an unknown one', async () => {
    const db = await connectDatabase(embedded.url, { poolSize: 1, embedded: true });
    const id = await db.dataSource.transaction((m) =>
      upsertUser(m, { login: 'cli-operator', displayName: 'cli', password: 'x', role: 'OPERATOR' }),
    );
    await db.dataSource.destroy();
    const token = await cli('token', 'cli-operator');
    expect(token.code).toBe(0);
    expect(await verifyAccessToken(token.out.trim(), jwtSecret({}))).toBe(id);
    const unknown = await cli('token', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no active user "nobody"');
  });
});
