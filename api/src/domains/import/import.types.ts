import type { BasemapKind, Crs } from '@streetgrid/geo';
import type { MultiLineString, MultiPolygon } from 'geojson';

/** What a report entry is about. Every kind is an error: any one of them stops the write. */
export type IssueKind =
  | 'UNSUPPORTED_INPUT'
  | 'BAD_FIELD'
  | 'INVALID_GEOMETRY'
  | 'DUPLICATE_CODE'
  | 'ORPHAN'
  | 'OUTSIDE_PARENT'
  | 'SIBLING_OVERLAP'
  | 'COVERAGE_GAP';

export interface ImportIssue {
  kind: IssueKind;
  /** Index of the feature in the file, when the issue is about one feature. */
  feature?: number;
  code?: string;
  /** The other grid of an overlap, or the parent of an outside/gap entry. */
  other?: string;
  message: string;
  /** A WGS-84 point to look at. */
  location?: [number, number];
  areaM2?: number;
  percent?: number;
}

/** One feature of the file, normalised; `geometry` is null when it could not be read. */
export interface ImportFeature {
  index: number;
  kind: 'grid' | 'building';
  code: string;
  name: string;
  /** Grids: LARGE | MEDIUM | SMALL. */
  level: string | null;
  /** Grids: the enclosing grid (null for LARGE, whose parent is the street). Buildings: their grid. */
  parentCode: string | null;
  /** ltree path of a grid, from its code. */
  path: string | null;
  address: string;
  floors: number;
  units: number;
  geometry: MultiPolygon | null;
}

/**
 * One base-map feature of the file (`kind` road, water or green), normalised: roads a
 * MultiLineString, areas a MultiPolygon; `geometry` is null when it could not be read.
 */
export interface BasemapImportFeature {
  index: number;
  code: string;
  /** The street's code, from the `street` property; null: the one street the feature lies in. */
  street: string | null;
  kind: BasemapKind;
  name: string | null;
  geometry: MultiLineString | MultiPolygon | null;
}

export interface ImportReport {
  file: string;
  crs: Crs;
  /** True when no --crs was given and WGS-84 was assumed. */
  crsAssumed: boolean;
  /** How the source was read (format, DBF encoding and where it came from). */
  notes: string[];
  features: number;
  grids: number;
  buildings: number;
  /** Base-map features (roads, water, green) in the file. */
  basemap: number;
  issues: ImportIssue[];
  changes: { inserted: number; updated: number; unchanged: number };
  streetsCreated: string[];
  dryRun: boolean;
  written: boolean;
  ms: number;
}
