import { readFile } from 'node:fs/promises';
import { GeoInputError, parseCrs, type Crs } from '@streetgrid/geo';
import { formatReport, importGeoJson, parseFieldMap } from '../import';
import { stringOption, UsageError, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';
import { ProgressBar } from './progress';

/** `streetgrid import`: validate a GeoJSON file of grids and buildings, then write it all or nothing. */
export const importCommand: Command = {
  name: 'import',
  summary: 'Validate and load a GeoJSON FeatureCollection of grids and buildings (all or nothing)',
  arguments: '<file>',
  description: [
    'Reads grids (properties code, name, level, parent_code; level and parent follow from the code) and',
    'buildings (kind=building, code, name, address, floors, units, parent_code = grid code), converts',
    'coordinates to WGS84, and checks geometry (geo, then PostGIS ST_IsValidDetail), children outside',
    'their parent, overlaps between siblings, gaps in coverage, duplicate codes and orphans. Any problem:',
    'the report, exit code 2, nothing written. Otherwise everything is upserted by code in one transaction.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean', description: 'Print the report only; write nothing' },
    crs: { type: 'string', valueName: 'CRS', description: 'Coordinates of the file: wgs84 (assumed when absent), gcj02 (AMap/Tencent) or bd09 (Baidu)' },
    map: { type: 'string', valueName: 'F=P,...', description: 'Source property per field: code, name, level, parent, kind, address, floors, units (e.g. code=BM,name=MC)' },
    'street-code': { type: 'string', valueName: 'C', description: 'With --street-name: create this street (9 digits) if missing' },
    'street-name': { type: 'string', valueName: 'N', description: 'Name of a street to create when the file’s street is not in the database' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
    ...databaseOptions,
  },
  async run(context) {
    const [file, ...extra] = context.positionals;
    if (!file || extra.length) throw new UsageError('give exactly one file');
    let crs: Crs | undefined;
    const crsText = stringOption(context.values, 'crs');
    try {
      crs = crsText === undefined ? undefined : parseCrs(crsText);
    } catch (error) {
      if (error instanceof GeoInputError) throw new UsageError(error.message);
      throw error;
    }
    let map;
    try {
      map = parseFieldMap(stringOption(context.values, 'map'));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      context.stderr.write(`import: cannot read ${file} as JSON: ${(error as Error).message}\n`);
      return 2;
    }
    const streetName = stringOption(context.values, 'street-name');
    const streetCode = stringOption(context.values, 'street-code');
    const streets = new Map<string, string>();
    if (streetName) {
      const codes = streetCode
        ? [streetCode]
        : [...new Set(((input as { features?: { properties?: Record<string, unknown> }[] }).features ?? []).map((f) => String(f.properties?.[map.code] ?? '').slice(0, 9)))].filter((c) => /^\d{9}$/.test(c));
      for (const code of codes) streets.set(code, streetName);
    } else if (streetCode) throw new UsageError('--street-code needs --street-name');
    const db = await openCliDatabase(context);
    try {
      const bar = new ProgressBar(context.stderr);
      const report = await importGeoJson(db.dataSource, input, {
        file,
        crs,
        map,
        streets,
        dryRun: context.values['dry-run'] === true,
        onProgress: (phase, done, total) => bar.update(done, total, phase, done === total),
      });
      bar.finish();
      context.stdout.write(context.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.issues.length ? 2 : 0;
    } finally {
      await db.close();
    }
  },
};
