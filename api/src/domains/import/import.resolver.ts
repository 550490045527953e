import { checkNesting, GeoInputError, parseCrs, type Crs } from '@streetgrid/geo';
import { requireCan } from '../../platform/identity/policy';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import { badInput } from '../../platform/graphql/errors';
import { importGeoJson } from './import.service';
import { ImportReportType } from './import.type';

/** The largest FeatureCollection `importGrids` takes; bigger files go through `pnpm cli import`. */
export const IMPORT_MAX_FEATURES = 5000;
/** Serialized size limit: inside the 2 MB body limit of /graphql, with room for the rest of the request. */
export const IMPORT_MAX_BYTES = 1.9 * 1024 * 1024;

@Resolver()
export class ImportResolver {
  /**
   * Admin operation: it can replace any grid or building of any street. Runs the same
   * validation and all-or-nothing write as `pnpm cli import` on a small GeoJSON FeatureCollection.
   */
  @Mutation(() => ImportReportType, {
    description:
      'Admin operation. Validates a GeoJSON FeatureCollection of grids and buildings ' +
      '(as `pnpm cli import` does: geometry, children outside their parent, ' +
      'sibling overlaps, coverage gaps, duplicate codes, orphans) and returns the report. ' +
      'Writes — everything, upserted by code, in one transaction — only when ' +
      `dryRun is false and the report has no issues. At most ${IMPORT_MAX_FEATURES} features; larger files: pnpm cli import.`,
  })
  async importGrids(
    @Ctx() ctx: Context,
    @Arg('geojson', () => GraphQLJSON, {
      description:
        'A FeatureCollection; properties code, name, level, parent_code (grids); kind=building, address, floors, units (buildings)',
    })
    geojson: unknown,
    @Arg('dryRun', () => Boolean, { defaultValue: true, description: 'Only report (the default)' }) dryRun: boolean,
    @Arg('crs', () => String, { nullable: true, description: 'WGS84 (assumed when absent), GCJ02 (AMap/Tencent) or BD09 (Baidu)' })
    crs?: string,
  ): Promise<ImportReportType> {
    requireCan(ctx.scope.viewer, 'IMPORT');
    let parsed: Crs | undefined;
    try {
      parsed = crs == null ? undefined : parseCrs(crs);
    } catch (error) {
      if (error instanceof GeoInputError) throw badInput('crs', error.message);
      throw error;
    }
    const collection = geojson as { type?: unknown; features?: unknown };
    if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
      throw badInput('geojson', 'expected a GeoJSON FeatureCollection');
    }
    if (collection.features.length > IMPORT_MAX_FEATURES) {
      throw badInput(
        'geojson',
        `${collection.features.length} features: at most ${IMPORT_MAX_FEATURES} here; import larger files with pnpm cli import`,
        { limit: IMPORT_MAX_FEATURES },
      );
    }
    try {
      checkNesting(geojson);
    } catch (error) {
      if (error instanceof GeoInputError) throw badInput('geojson', error.message, { geoReason: error.reason });
      throw error;
    }
    const bytes = Buffer.byteLength(JSON.stringify(geojson));
    if (bytes > IMPORT_MAX_BYTES) {
      throw badInput('geojson', `${bytes} bytes: at most ${IMPORT_MAX_BYTES} here; import larger files with pnpm cli import`, {
        limit: IMPORT_MAX_BYTES,
      });
    }
    const report = await importGeoJson(ctx.db, geojson, { file: '(importGrids)', crs: parsed, dryRun });
    return report as unknown as ImportReportType;
  }
}
