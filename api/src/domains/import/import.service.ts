import { duplicates, type Crs } from '@streetgrid/geo';
import { elevated, type Db } from '../../platform/db/session';
import { countBasemapChanges, stageBasemap, validateBasemap, writeBasemap } from './import.basemap.sql';
import { countChanges, stageFeatures, validateStaged, writeStaged } from './import.sql';
import { DEFAULT_FIELD_MAP, readFeatureCollection, type FieldMap } from './import.read';
import type { ImportIssue, ImportReport } from './import.types';

export interface ImportOptions {
  /** Name shown in the report. */
  file?: string;
  /** Coordinate system of the input; WGS-84 is assumed (and the report says so) when absent. */
  crs?: Crs;
  map?: FieldMap;
  dryRun?: boolean;
  /** Creates missing streets: street code → name. A street not in the database and not here makes its LARGE grids orphans. */
  streets?: Map<string, string>;
  /** Problems found while reading the source file (e.g. a Shapefile's projection); any one of them stops the write. */
  issues?: ImportIssue[];
  /** Facts about how the source was read, shown in the report (e.g. the DBF encoding assumed). */
  notes?: string[];
  onProgress?: (phase: string, done: number, total: number) => void;
}

class Rollback extends Error {}

/**
 * Validates a GeoJSON FeatureCollection of grids and buildings (and base-map roads, water and green) against itself and the database
 * and, when nothing is wrong and it is not a dry run, upserts everything by code in one
 * transaction. With any issue nothing is written.
 */
export async function importGeoJson(dataSource: Db, input: unknown, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const crs = opts.crs ?? 'WGS84';
  const progress = opts.onProgress ?? (() => {});
  const {
    features,
    basemap,
    issues: readIssues,
  } = readFeatureCollection(input, crs, opts.map ?? DEFAULT_FIELD_MAP, (d, t) => progress('read', d, t));
  const issues = [...(opts.issues ?? []), ...readIssues];
  for (const kind of ['grid', 'building'] as const) {
    const ofKind = features.filter((f) => f.kind === kind);
    for (const code of duplicates(ofKind.map((f) => f.code))) {
      const at = ofKind.filter((f) => f.code === code).map((f) => f.index);
      issues.push({
        kind: 'DUPLICATE_CODE',
        code,
        feature: at[0],
        message: `${kind} code ${code} occurs ${at.length} times (features ${at.join(', ')})`,
      });
    }
  }
  const report: ImportReport = {
    file: opts.file ?? '(input)',
    crs,
    crsAssumed: opts.crs === undefined,
    notes: opts.notes ?? [],
    features: features.length + basemap.length,
    grids: features.filter((f) => f.kind === 'grid').length,
    buildings: features.filter((f) => f.kind === 'building').length,
    basemap: basemap.length,
    issues,
    changes: { inserted: 0, updated: 0, unchanged: 0 },
    streetsCreated: [],
    dryRun: opts.dryRun ?? false,
    written: false,
    ms: 0,
  };
  const requested = opts.streets ?? new Map<string, string>();
  try {
    await dataSource.transaction(async (m) => {
      await stageFeatures(m, features, (d, t) => progress('stage', d, t));
      const existing: { code: string }[] = await m.query(`SELECT code FROM street WHERE code = ANY($1::text[])`, [[...requested.keys()]]);
      const newStreets = new Map([...requested].filter(([code]) => !existing.some((s) => s.code === code)));
      progress('validate', 0, 1);
      const found: ImportIssue[] = await validateStaged(m, { newStreets: new Set(newStreets.keys()) });
      issues.push(...found);
      report.changes = await countChanges(m);
      if (basemap.length) {
        // Base-map features (roads, water, green) beside the grids: checked and counted with them, written after them.
        await stageBasemap(m, basemap);
        issues.push(...(await validateBasemap(m, new Set(newStreets.keys()))));
        const more = await countBasemapChanges(m);
        report.changes = {
          inserted: report.changes.inserted + more.inserted,
          updated: report.changes.updated + more.updated,
          unchanged: report.changes.unchanged + more.unchanged,
        };
      }
      if (issues.length || report.dryRun) throw new Rollback();
      progress('write', 0, 1);
      report.streetsCreated = await writeStaged(m, newStreets);
      if (basemap.length) await writeBasemap(m);
      report.written = true;
      progress('write', 1, 1);
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  // The planner's statistics of what changed: a large import otherwise leaves them stale until autovacuum comes by.
  // Upkeep, not a read: as the tables' owner even when a signed-in admin imported.
  if (report.written)
    await elevated(dataSource, () => dataSource.query(`ANALYZE street, grid, building${basemap.length ? ', basemap_feature' : ''}`));
  report.ms = performance.now() - started;
  return report;
}
