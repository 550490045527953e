import {
  codeToLtreePath,
  GeoInputError,
  isBasemapImportKind,
  isRoadClass,
  parseLineal,
  parentCode,
  parseGridCode,
  parseGridLevel,
  parsePolygonal,
  toWgs84,
  type Crs,
} from '@streetgrid/geo';
import type { Feature, Geometry } from 'geojson';
import type { BasemapImportFeature, ImportFeature, ImportIssue } from './import.types';

/** Target field → source property name. */
export interface FieldMap {
  kind: string;
  code: string;
  name: string;
  level: string;
  parent: string;
  address: string;
  floors: string;
  units: string;
}

export const DEFAULT_FIELD_MAP: FieldMap = {
  kind: 'kind',
  code: 'code',
  name: 'name',
  level: 'level',
  parent: 'parent_code',
  address: 'address',
  floors: 'floors',
  units: 'units',
};

/** Parses `code=BM,name=MC` into a field map over the defaults; unknown fields are a usage mistake. */
export function parseFieldMap(spec: string | undefined): FieldMap {
  const map = { ...DEFAULT_FIELD_MAP };
  if (!spec) return map;
  for (const pair of spec.split(',')) {
    const [field, source] = pair.split('=').map((s) => s.trim());
    if (!field || !source || !(field in map)) {
      throw new Error(`--map takes field=PROPERTY pairs with fields ${Object.keys(map).join(', ')}; got ${JSON.stringify(pair)}`);
    }
    map[field as keyof FieldMap] = source;
  }
  return map;
}

const LEVEL_ALIASES: Record<string, string> = { 大: 'LARGE', 中: 'MEDIUM', 小: 'SMALL', large: 'LARGE', medium: 'MEDIUM', small: 'SMALL' };

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

export interface ReadResult {
  features: ImportFeature[];
  /** Base-map features (`kind` road, water or green), read apart from grids and buildings. */
  basemap: BasemapImportFeature[];
  issues: ImportIssue[];
}

/**
 * Reads a GeoJSON FeatureCollection of grids and buildings (a feature is a building when its
 * kind property is "building" or it has no level and its code is not a grid code), converts
 * coordinates from `crs` to WGS-84 and normalises geometry with `parsePolygonal` (2D,
 * RFC 7946 winding, MultiPolygon). Problems become report entries, never exceptions.
 */
export function readFeatureCollection(
  input: unknown,
  crs: Crs,
  map: FieldMap = DEFAULT_FIELD_MAP,
  onProgress?: (done: number, total: number) => void,
): ReadResult {
  const issues: ImportIssue[] = [];
  const collection = input as { type?: unknown; features?: unknown };
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    issues.push({ kind: 'BAD_FIELD', message: 'the file is not a GeoJSON FeatureCollection' });
    return { features: [], basemap: [], issues };
  }
  const raw = collection.features as Feature<Geometry | null, Record<string, unknown> | null>[];
  const features: ImportFeature[] = [];
  const basemap: BasemapImportFeature[] = [];
  raw.forEach((feature, index) => {
    onProgress?.(index, raw.length);
    const values = feature?.properties ?? {};
    // A Shapefile's DBF keeps 10 characters of a field name: parent_code arrives as parent_cod.
    const props = (name: string): unknown => (values[name] !== undefined || name.length <= 10 ? values[name] : values[name.slice(0, 10)]);
    const code = text(props(map.code));
    const bad = (message: string) => issues.push({ kind: 'BAD_FIELD', feature: index, ...(code && { code }), message });
    if (!code) {
      bad(`feature ${index} has no "${map.code}" property`);
      return;
    }
    const levelText = text(props(map.level));
    const kindText = text(props(map.kind))?.toLowerCase();
    if (isBasemapImportKind(kindText)) {
      const read = readBasemapFeature(feature, index, code, kindText, crs, values, issues);
      if (read) basemap.push(read);
      return;
    }
    const isBuilding = kindText === 'building' || (kindText !== 'grid' && !levelText && !/^\d{12}(\d{3})?(\d{4})?$/.test(code));
    const out: ImportFeature = {
      index,
      kind: isBuilding ? 'building' : 'grid',
      code,
      name: text(props(map.name)) ?? '',
      level: null,
      parentCode: null,
      path: null,
      address: text(props(map.address)) ?? '',
      floors: Number(props(map.floors) ?? 1),
      units: Number(props(map.units) ?? 1),
      geometry: null,
    };
    if (!out.name) bad(`${code}: no "${map.name}" property`);
    if (isBuilding) {
      out.parentCode = text(props(map.parent)) ?? text(props('grid_code')) ?? null;
      if (!out.parentCode) bad(`building ${code}: no grid code ("${map.parent}" or grid_code)`);
      if (!Number.isInteger(out.floors) || out.floors < 1 || out.floors > 200)
        bad(`building ${code}: floors must be 1–200, got ${JSON.stringify(props(map.floors))}`);
      if (!Number.isInteger(out.units) || out.units < 1 || out.units > 100)
        bad(`building ${code}: units must be 1–100, got ${JSON.stringify(props(map.units))}`);
    } else {
      try {
        const parsed = parseGridCode(code);
        out.level = parsed.level;
        out.path = codeToLtreePath(code);
        out.parentCode = parentCode(code);
        if (levelText) {
          const level = parseGridLevel(LEVEL_ALIASES[levelText.toLowerCase()] ?? levelText.toUpperCase());
          if (level !== parsed.level)
            bad(`${code}: level ${level} does not match the code, which is ${parsed.level} (${code.length} digits)`);
        }
        const given = text(props(map.parent));
        if (given !== undefined && given !== (out.parentCode ?? parsed.street)) {
          bad(`${code}: ${map.parent} ${given} does not match the code, whose parent is ${out.parentCode ?? `street ${parsed.street}`}`);
        }
      } catch (error) {
        if (!(error instanceof GeoInputError)) throw error;
        bad(`${code}: ${error.message}`);
      }
    }
    try {
      if (!feature || feature.type !== 'Feature' || !feature.geometry) throw new GeoInputError('EMPTY', 'the feature has no geometry');
      out.geometry = parsePolygonal(toWgs84(feature.geometry, crs));
    } catch (error) {
      if (!(error instanceof GeoInputError)) throw error;
      issues.push({
        kind: 'INVALID_GEOMETRY',
        feature: index,
        code,
        message: `${code}: ${error.reason} — ${error.message}${error.path ? ` at ${error.path}` : ''}`,
        ...(error.location && { location: [error.location[0], error.location[1]] as [number, number] }),
      });
    }
    features.push(out);
  });
  onProgress?.(raw.length, raw.length);
  return { features, basemap, issues };
}

/**
 * A base-map feature: `kind` road (with `class` MAIN, SECONDARY, MINOR or PATH; a
 * LineString or MultiLineString), water or green (a Polygon or MultiPolygon); optional
 * `name` and `street` (the street's code). Problems become report entries.
 */
function readBasemapFeature(
  feature: Feature<Geometry | null, Record<string, unknown> | null>,
  index: number,
  code: string,
  kind: 'road' | 'water' | 'green',
  crs: Crs,
  values: Record<string, unknown>,
  issues: ImportIssue[],
): BasemapImportFeature | null {
  const bad = (message: string) => issues.push({ kind: 'BAD_FIELD', feature: index, code, message });
  const roadClass = text(values.class)?.toUpperCase();
  if (kind === 'road' && (!roadClass || !isRoadClass(roadClass))) {
    bad(`road ${code}: "class" must be MAIN, SECONDARY, MINOR or PATH, got ${JSON.stringify(values.class ?? null)}`);
    return null;
  }
  const street = text(values.street) ?? null;
  if (street !== null && !/^\d{9}$/.test(street))
    bad(`${kind} ${code}: "street" must be a 9-digit street code, got ${JSON.stringify(street)}`);
  const out: BasemapImportFeature = {
    index,
    code,
    street,
    kind: kind === 'road' ? (roadClass as BasemapImportFeature['kind']) : kind === 'water' ? 'WATER' : 'GREEN',
    name: text(values.name) ?? null,
    geometry: null,
  };
  try {
    if (!feature || feature.type !== 'Feature' || !feature.geometry) throw new GeoInputError('EMPTY', 'the feature has no geometry');
    const wgs84 = toWgs84(feature.geometry, crs);
    out.geometry = kind === 'road' ? parseLineal(wgs84) : parsePolygonal(wgs84);
  } catch (error) {
    if (!(error instanceof GeoInputError)) throw error;
    const expected = kind === 'road' ? 'a road is a LineString or MultiLineString' : `a ${kind} area is a Polygon or MultiPolygon`;
    issues.push({
      kind: 'INVALID_GEOMETRY',
      feature: index,
      code,
      message:
        `${kind} ${code}: ${error.reason === 'WRONG_TYPE' ? `${expected} — ` : ''}` +
        `${error.reason} — ${error.message}${error.path ? ` at ${error.path}` : ''}`,
      ...(error.location && { location: [error.location[0], error.location[1]] as [number, number] }),
    });
  }
  return out;
}
