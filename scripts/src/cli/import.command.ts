import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GeoInputError, parseCrs, type Crs } from '@streetgrid/geo';
import { formatReport, importGeoJson, parseFieldMap, readShapefileFiles, readZippedShapefile, type ImportIssue } from '../import';
import { stringOption, UsageError, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';
import { ProgressBar } from './progress';

/** `streetgrid import`: validate a GeoJSON file or zipped Shapefile of grids and buildings, then write it all or nothing. */
export const importCommand: Command = {
  name: 'import',
  summary: 'Validate and load grids and buildings from GeoJSON or a zipped Shapefile (all or nothing)',
  arguments: '<file.geojson|file.zip|file.shp>',
  description: [
    'Reads grids (properties code, name, level, parent_code; level and parent follow from the code) and',
    'buildings (kind=building, code, name, address, floors, units, parent_code = grid code), base-map',
    'features (kind=road with class MAIN|SECONDARY|MINOR|PATH on lines; kind=water|green on polygons;',
    'code, optional name and street; see docs/basemap.md), converts',
    'coordinates to WGS84, and checks geometry (geo, then PostGIS ST_IsValidDetail), children outside',
    'their parent, overlaps between siblings, gaps in coverage, duplicate codes and orphans. Any problem:',
    'the report, exit code 2, nothing written. Otherwise everything is upserted by code in one transaction.',
    '',
    'A .zip is read as a Shapefile (every layer: .shp + .dbf, with .prj and .cpg when present), and so is',
    'a .shp with the .dbf/.prj/.cpg of the same name beside it. DBF text is decoded with the .cpg',
    'encoding (GBK/936, UTF-8, …), else the DBF language driver id, else UTF-8 when it is valid UTF-8,',
    'else GBK; the report says which. The .prj must be WGS 84 (or CGCS2000) longitude/latitude: a',
    'projected layer is reported and nothing is written.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean', description: 'Print the report only; write nothing' },
    crs: {
      type: 'string',
      valueName: 'CRS',
      description: 'Coordinates of the file: wgs84 (assumed when absent), gcj02 (AMap/Tencent) or bd09 (Baidu)',
    },
    map: {
      type: 'string',
      valueName: 'F=P,...',
      description: 'Source property per field: code, name, level, parent, kind, address, floors, units (e.g. code=BM,name=MC)',
    },
    'street-code': { type: 'string', valueName: 'C', description: 'With --street-name: create this street (9 digits) if missing' },
    'street-name': {
      type: 'string',
      valueName: 'N',
      description: 'Name of a street to create when the file’s street is not in the database',
    },
    encoding: { type: 'string', valueName: 'ENC', description: 'Shapefile DBF encoding, overriding the .cpg (e.g. gbk, utf-8)' },
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
    let issues: ImportIssue[] = [];
    let notes: string[] = [];
    if (/\.zip$/i.test(file)) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        context.stderr.write(`import: cannot read ${file}: ${(error as Error).message}\n`);
        return 2;
      }
      ({ collection: input, issues, notes } = readZippedShapefile(bytes, file, { encoding: stringOption(context.values, 'encoding') }));
    } else if (/\.shp$/i.test(file)) {
      const stem = basename(file).slice(0, -4);
      const files: Record<string, Uint8Array> = {};
      try {
        for (const name of await readdir(dirname(file))) {
          if (name.slice(0, -4) === stem && /\.(shp|dbf|prj|cpg)$/i.test(name)) files[name] = await readFile(join(dirname(file), name));
        }
      } catch (error) {
        context.stderr.write(`import: cannot read ${file}: ${(error as Error).message}\n`);
        return 2;
      }
      ({ collection: input, issues, notes } = readShapefileFiles(files, file, { encoding: stringOption(context.values, 'encoding') }));
    } else {
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        context.stderr.write(`import: cannot read ${file} as JSON: ${(error as Error).message}\n`);
        return 2;
      }
    }
    const streetName = stringOption(context.values, 'street-name');
    const streetCode = stringOption(context.values, 'street-code');
    const streets = new Map<string, string>();
    if (streetName) {
      const codes = streetCode
        ? [streetCode]
        : [
            ...new Set(
              ((input as { features?: { properties?: Record<string, unknown> }[] }).features ?? []).map((f) =>
                String(f.properties?.[map.code] ?? '').slice(0, 9),
              ),
            ),
          ].filter((c) => /^\d{9}$/.test(c));
      for (const code of codes) streets.set(code, streetName);
    } else if (streetCode) throw new UsageError('--street-code needs --street-name');
    const db = await openCliDatabase(context);
    try {
      const bar = new ProgressBar(context.stderr);
      const report = await importGeoJson(db.dataSource.manager, input, {
        file,
        crs,
        map,
        streets,
        dryRun: context.values['dry-run'] === true,
        issues,
        notes,
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
