import { writeFile } from 'node:fs/promises';
import { GeoInputError, parseCrs, type Crs } from '@streetgrid/geo';
import { exportGeoJson } from '../export';
import { stringOption, UsageError, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';

/** `streetgrid export`: grids and buildings as GeoJSON that `import` reads back unchanged. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Write grids and buildings (a street, a subtree or everything) as GeoJSON',
  description: [
    'Writes one FeatureCollection: grids with code, name, level and parent_code, buildings with',
    'kind=building. Re-importing the file changes nothing.',
  ].join('\n'),
  options: {
    street: { type: 'string', valueName: 'CODE', description: 'Only this street' },
    grid: { type: 'string', valueName: 'CODE', description: 'Only this grid and everything under it' },
    out: { type: 'string', valueName: 'FILE', description: 'Write here instead of stdout' },
    crs: { type: 'string', valueName: 'CRS', description: 'Output coordinates: wgs84 (default), gcj02 or bd09' },
    ...databaseOptions,
  },
  async run(context) {
    let crs: Crs | undefined;
    try {
      const text = stringOption(context.values, 'crs');
      crs = text === undefined ? undefined : parseCrs(text);
    } catch (error) {
      if (error instanceof GeoInputError) throw new UsageError(error.message);
      throw error;
    }
    const db = await openCliDatabase(context);
    try {
      const collection = await exportGeoJson(db.dataSource, {
        street: stringOption(context.values, 'street'),
        grid: stringOption(context.values, 'grid'),
        crs,
      });
      const text = `${JSON.stringify(collection)}\n`;
      const out = stringOption(context.values, 'out');
      if (out) {
        await writeFile(out, text);
        context.stderr.write(`export: ${collection.features.length} features to ${out}${crs && crs !== 'WGS84' ? ` (${crs})` : ''}\n`);
      } else context.stdout.write(text);
    } finally {
      await db.close();
    }
  },
};
